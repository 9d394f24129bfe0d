"""The language of an API response: `?lang=zh|en`, else Accept-Language, else the site default.

The active Django language is what `policykb.bilingual.localized` reads, so activating it here
gives every record's single `name` / `title` and every error message in that language.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

LANG_PARAM = "lang"
# ?lang= value -> Django language code (zh-hans keeps Django's and DRF's own Chinese catalogues).
LANGUAGES = {"zh": "zh-hans", "en": "en"}


def requested_language(request):
    """'zh', 'en', or None when ?lang= is absent; raises ValidationError for an unknown value."""
    value = request.query_params.get(LANG_PARAM)
    if value is None:
        return None
    code = value.strip().lower()
    if code not in LANGUAGES:
        raise ValidationError(
            {
                LANG_PARAM: [
                    _("Unknown language %(value)r: use lang=zh or lang=en.") % {"value": value}
                ]
            }
        )
    return code


def activate_request_language(request):
    """Activate ?lang= for the rest of the request (a bad value is reported later, as a 400)."""
    try:
        code = requested_language(request)
    except ValidationError:
        return
    if code:
        translation.activate(LANGUAGES[code])
        request.LANGUAGE_CODE = translation.get_language()
