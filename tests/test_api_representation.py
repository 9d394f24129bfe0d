"""The API's fast paths say exactly what DRF's own serialization and JSON encoder say.

policykb/api/reading.py reads each field the shortest way, and policykb.api.renderers encodes
JSON with orjson; these checks render every record of every endpoint both ways (DRF's
`Serializer.to_representation` and `JSONRenderer.render` patched back in) and compare the bytes:
JSON in both languages, detail pages and CSV.
"""

import pytest
from django.urls import set_script_prefix
from rest_framework import renderers, serializers
from rest_framework.test import APIClient

from institutes.models import Institute
from institutes.serializers import InstituteSerializer
from policykb.api.reading import FastModelSerializer, FastRepresentation
from policykb.api.renderers import JSONRenderer
from policykb.models import Agency
from tests.test_api import ENDPOINTS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unthrottled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }


def both_ways(monkeypatch, path, **headers):
    fast = APIClient().get(path, **headers)
    with monkeypatch.context() as patch:
        patch.setattr(
            FastRepresentation, "to_representation", serializers.Serializer.to_representation
        )
        drf = APIClient().get(path, **headers)
    assert fast.status_code == drf.status_code == 200
    return fast.content, drf.content


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_record_of_a_list_reads_as_drf_reads_it(monkeypatch, endpoint, lang):
    fast, drf = both_ways(monkeypatch, f"/api/{endpoint}/?page_size=500&lang={lang}")
    assert fast == drf
    assert b'"slug"' in fast  # the list is not empty


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_record_reads_as_drf_reads_it(monkeypatch, endpoint):
    slug = ENDPOINTS[endpoint][0]
    fast, drf = both_ways(monkeypatch, f"/api/{endpoint}/{slug}/", HTTP_ACCEPT_LANGUAGE="en")
    assert fast == drf


@pytest.mark.parametrize("endpoint", ["funding", "institutes", "roadmap-projects"])
def test_csv_reads_as_drf_reads_it(monkeypatch, endpoint):
    fast, drf = both_ways(monkeypatch, f"/api/{endpoint}/?format=csv")
    assert fast == drf


def test_a_record_with_discrepancies_and_null_links_reads_as_drf(monkeypatch):
    # America Makes: disputed founding and investment; its organization link is empty.
    fast, drf = both_ways(monkeypatch, "/api/institutes/america-makes/?lang=en")
    assert b'"discrepancies":[{' in fast.replace(b" ", b"")
    assert fast == drf


def test_json_keeps_drf_escapes_and_indentation():
    data = {"name": "美国制造\u2028line\u2029", "html": "<script>\"'</script>", "n": 1.5}
    ours = JSONRenderer().render(data)
    assert ours == renderers.JSONRenderer().render(data)
    assert b"\\u2028" in ours
    indented = JSONRenderer().render(data, "application/json; indent=2")
    assert indented == renderers.JSONRenderer().render(data, "application/json; indent=2")
    assert b"\n  " in indented


def test_a_record_loaded_without_the_prefetch_reads_the_same(rf):
    # RelatedList fetches what for_api would have prefetched (a record just created, say).
    context = {"request": rf.get("/api/institutes/lift/")}
    plain = InstituteSerializer(Institute.objects.get(slug="lift"), context=context).data
    prefetched = Institute.objects.for_api().get(slug="lift")
    assert plain == InstituteSerializer(prefetched, context=context).data
    assert len(plain["member_counts"]) >= 2 and plain["sources"] and plain["funding"]


# Shared plans (policykb/api/reading.py): what a plan is shared by must show in every response.


def test_links_follow_each_requests_host_and_scheme():
    client = APIClient()
    first = client.get("/api/funding/arp-affoa-ppe-environment-automation/", HTTP_HOST="localhost")
    second = client.get(
        "/api/funding/arp-affoa-ppe-environment-automation/", HTTP_HOST="127.0.0.1", secure=True
    )
    assert first.json()["url"] == (
        "http://localhost/api/funding/arp-affoa-ppe-environment-automation/"
    )
    assert second.json()["url"] == (
        "https://127.0.0.1/api/funding/arp-affoa-ppe-environment-automation/"
    )
    assert second.json()["sources"][0]["source_url"].startswith("https://127.0.0.1/api/sources/")
    assert second.json()["html_url"].startswith("https://127.0.0.1/")


def test_links_follow_each_requests_script_prefix():
    # Mounted under /kb by the proxy, the app links under /kb: Django's WSGI handler sets the
    # prefix from SCRIPT_NAME for each request (the test client does not, so it is set here).
    client = APIClient()
    path = "/api/funding/arp-affoa-ppe-environment-automation/"
    at_root = client.get(path).json()
    set_script_prefix("/kb/")
    try:
        mounted = client.get(path).json()
    finally:
        set_script_prefix("/")
    assert at_root["url"] == f"http://testserver{path}"
    assert mounted["url"] == f"http://testserver/kb{path}"
    assert mounted["sources"][0]["source_url"].startswith("http://testserver/kb/api/sources/")
    assert mounted["html_url"].startswith("http://testserver/kb/zh/funding/")


def test_names_follow_each_requests_language():
    client = APIClient()
    chinese = client.get("/api/institutes/america-makes/?lang=zh").json()
    english = client.get("/api/institutes/america-makes/?lang=en").json()
    assert chinese["name"] == "美国制造——国家增材制造创新中心"
    assert english["name"] == "America Makes"
    assert chinese["html_url"] == "http://testserver/zh/institutes/america-makes/"
    assert english["html_url"] == "http://testserver/en/institutes/america-makes/"


def test_a_repeated_request_builds_no_serializer_fields(monkeypatch, settings):
    settings.RESPONSE_CACHE = False  # rendered again, not served from the response cache
    client = APIClient()
    path = "/api/institutes/?page_size=50"
    client.get(path)  # the process's first response of this kind works the plans out
    built = []
    original = FastModelSerializer.get_fields

    def counting(serializer):
        built.append(type(serializer).__name__)
        return original(serializer)

    monkeypatch.setattr(FastModelSerializer, "get_fields", counting)
    again = client.get(path)
    assert again.status_code == 200 and again.json()["count"] == 16
    assert again.get("X-Response-Cache") != "hit"
    assert built == []


def test_a_field_that_reads_the_request_is_asked_in_every_response(rf):
    class AskingSerializer(FastModelSerializer):
        asked = serializers.SerializerMethodField()

        class Meta:
            model = Agency
            fields = ["slug", "asked"]

        def get_asked(self, agency):
            return self.context["request"].GET.get("q")

    dod = Agency.objects.get(slug="dod")
    for question in ["first", "second"]:
        context = {"request": rf.get("/api/agencies/", {"q": question})}
        assert AskingSerializer(dod, context=context).data == {"slug": "dod", "asked": question}
