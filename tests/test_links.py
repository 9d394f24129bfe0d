"""Record URLs built from a once-resolved pattern equal what `reverse` gives, in every setting."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from policykb.links import slug_url

DETAIL_VIEWS = [
    "policykb:agency-detail",
    "policykb:funding-detail",
    "institutes:institute-detail",
    "strategy:objective-detail",
    "roadmaps:project-detail",
    "api:institute-detail",
]


@pytest.mark.parametrize("view_name", DETAIL_VIEWS)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("script_prefix", ["/", "/kb/"])
def test_slug_url_is_what_reverse_gives(view_name, language, script_prefix):
    set_script_prefix(script_prefix)
    try:
        with translation.override(language):
            expected = reverse(view_name, kwargs={"slug": "lift"})
            assert slug_url(view_name, "lift") == expected
            assert expected.startswith(script_prefix)
    finally:
        clear_script_prefix()


def test_the_language_prefix_follows_the_active_language():
    with translation.override("en"):
        assert slug_url("institutes:institute-detail", "lift") == "/en/institutes/lift/"
    with translation.override("zh-hans"):
        assert slug_url("institutes:institute-detail", "lift") == "/zh/institutes/lift/"
