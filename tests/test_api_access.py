"""REST API access: anonymous users read (throttled); staff with the model permission write."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from policykb.models import Agency
from roadmaps.models import FocusArea

pytestmark = pytest.mark.django_db

NEW_AGENCY = {
    "slug": "test-agency",
    "acronym": "TA",
    "name_zh": "测试机构",
    "name_en": "Test Agency",
    "kind": "office",
}


@pytest.fixture(autouse=True)
def unthrottled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


def user_client(*, staff, permissions=()):
    user = User.objects.create_user(f"user-{staff}-{len(permissions)}", password="pw-12345678")
    user.is_staff = staff
    user.save()
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def editor():
    return user_client(
        staff=True,
        permissions=[
            "add_agency",
            "change_agency",
            "delete_agency",
            "add_focusarea",
            "change_focusarea",
            "change_institute",
        ],
    )


# --- anonymous -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "method, url",
    [
        ("post", "/api/agencies/"),
        ("put", "/api/agencies/dod/"),
        ("patch", "/api/agencies/dod/"),
        ("delete", "/api/agencies/dod/"),
        ("post", "/api/funding/"),
        ("delete", "/api/institutes/lift/"),
        ("patch", "/api/roadmap-projects/5g-6g-mmwave-materials-test/"),
    ],
)
def test_anonymous_writes_are_refused(api, method, url):
    response = getattr(api, method)(url, NEW_AGENCY, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert Agency.objects.filter(slug="dod").exists()
    assert not Agency.objects.filter(slug="test-agency").exists()


def test_anonymous_reads(api):
    assert api.get("/api/agencies/dod/").status_code == 200
    assert api.options("/api/agencies/").status_code == 200


# --- authenticated ---------------------------------------------------------------------------


def test_non_staff_with_permission_is_refused():
    client = user_client(staff=False, permissions=["change_agency"])
    response = client.patch("/api/agencies/dod/", {"name_en": "X"}, format="json")
    assert response.status_code == 403


def test_staff_without_the_model_permission_is_refused():
    client = user_client(staff=True, permissions=["change_institute"])
    response = client.patch("/api/agencies/dod/", {"name_en": "X"}, format="json")
    assert response.status_code == 403
    assert Agency.objects.get(slug="dod").name_en != "X"


def test_staff_with_permission_updates(editor):
    change = {"description_zh": "经 API 更新。", "description_en": "Updated by the API."}
    response = editor.patch("/api/agencies/dod/", change, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["description_en"] == "Updated by the API."
    stored = Agency.objects.get(slug="dod")
    assert (stored.description_zh, stored.description_en) == (
        "经 API 更新。",
        "Updated by the API.",
    )


def test_an_update_answers_with_the_record_as_changed(editor):
    """The answer names the newly linked records, not the ones the record was read with."""
    before = editor.get("/api/institutes/lift/").json()
    assert (before["agency"], before["lead"]) == ("dod", "almmii")
    response = editor.patch("/api/institutes/lift/", {"lead": "ewi"}, format="json")
    assert response.status_code == 200, response.content
    record = response.json()
    assert record["lead"] == "ewi" and record["lead_url"].endswith("/api/organizations/ewi/")
    assert record["agency"] == "dod"
    assert editor.get("/api/institutes/lift/").json()["lead"] == "ewi"


def test_staff_with_permission_creates_and_deletes(editor):
    response = editor.post("/api/agencies/", {**NEW_AGENCY, "parent": "dod"}, format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["url"] == "http://testserver/api/agencies/test-agency/"
    assert created["parent"] == "dod"
    assert Agency.objects.get(slug="test-agency").parent.slug == "dod"
    assert editor.delete("/api/agencies/test-agency/").status_code == 204
    assert not Agency.objects.filter(slug="test-agency").exists()


def test_writes_are_validated(editor):
    duplicate = editor.post("/api/agencies/", {**NEW_AGENCY, "slug": "dod"}, format="json")
    assert duplicate.status_code == 400
    assert "slug" in duplicate.json()
    unknown_parent = editor.post("/api/agencies/", {**NEW_AGENCY, "parent": "nope"}, format="json")
    assert unknown_parent.status_code == 400
    assert "parent" in unknown_parent.json()
    # The model's own checks apply: a constraint (planned years at least 1) and its clean().
    one_language = editor.patch("/api/agencies/dod/", {"description_en": "Only English."})
    assert one_language.status_code == 400
    response = editor.patch("/api/institutes/lift/", {"planned_years": 0}, format="json")
    assert response.status_code == 400


def test_deleting_a_record_still_referred_to_is_a_conflict(editor):
    response = editor.delete("/api/agencies/dod/?lang=en")
    assert response.status_code == 409
    assert "refer" in response.json()["detail"]
    assert Agency.objects.filter(slug="dod").exists()


def test_cited_record_needs_sources(editor):
    area = {"slug": "test-area", "number": 99, "name_zh": "测试领域", "name_en": "Test area"}
    refused = editor.post("/api/roadmap-areas/", area, format="json")
    assert refused.status_code == 400
    assert "sources" in refused.json()
    response = editor.post(
        "/api/roadmap-areas/",
        {**area, "sources": [{"source": "sun-luo", "locator": "表 2"}]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert [(s["source"], s["locator"]) for s in response.json()["sources"]] == [
        ("sun-luo", "表 2")
    ]
    stored = FocusArea.objects.get(slug="test-area")
    assert [(c.source.slug, c.locator) for c in stored.citations.all()] == [("sun-luo", "表 2")]


def test_token_endpoint():
    User.objects.create_user("curator", password="pw-12345678", is_staff=True)
    response = APIClient().post(
        "/api/token/", {"username": "curator", "password": "pw-12345678"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user__username="curator").key


# --- throttling ------------------------------------------------------------------------------


def test_anonymous_requests_are_throttled_with_a_clear_429(api, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"},
    }
    for _ in range(3):
        assert api.get("/api/agencies/dod/").status_code == 200
    response = api.get("/api/agencies/", {"lang": "en"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    detail = response.json()["detail"]
    assert "3 requests per minute" in detail
    assert "token" in detail
    assert "second" in detail
    chinese = api.get("/api/agencies/", {"lang": "zh"}).json()["detail"]
    assert "请求过多" in chinese and "3" in chinese
    csv = api.get("/api/agencies/", {"format": "csv"})
    assert csv.status_code == 429
    assert csv["Content-Type"] == "application/json"


def test_token_endpoint_is_throttled(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        # The token endpoint has a quota of its own (README, API › Rate limits).
        "DEFAULT_THROTTLE_RATES": {"anon": "10000/hour", "token": "2/minute"},
    }
    client = APIClient()
    guesses = [
        client.post("/api/token/", {"username": "curator", "password": f"guess-{n}"}).status_code
        for n in range(3)
    ]
    assert guesses == [400, 400, 429]


def test_authenticated_users_are_not_throttled(editor, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute"},
    }
    for _ in range(3):
        assert editor.get("/api/agencies/dod/").status_code == 200
