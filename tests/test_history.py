"""Every change is kept with who made it, when and what changed, and can be reverted."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from institutes.models import MemberCount
from policykb.models import Agency, Citation
from tests.admin_forms import form_data, user_in_group

pytestmark = pytest.mark.django_db


def member_count():
    return MemberCount.objects.get(slug="america-makes-000-2021")


def change_count_in_admin(client, new_count):
    url = reverse("admin:institutes_membercount_change", args=[member_count().pk])
    data = form_data(client.get(url))
    data["count"] = str(new_count)
    assert client.post(url, data).status_code == 302


@pytest.fixture
def curator_client(client):
    client.force_login(user_in_group("curator", "cora"))
    return client


def test_an_admin_change_is_recorded_with_who_when_and_what(curator_client):
    before = member_count().history.count()
    change_count_in_admin(curator_client, 250)

    record = member_count()
    assert record.count == 250
    assert record.history.count() == before + 1
    latest = record.history.first()
    assert latest.history_type == "~"
    assert latest.history_user.username == "cora"
    assert latest.history_date is not None
    delta = latest.diff_against(latest.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("count", 240, 250)]


def test_the_history_page_shows_the_change(curator_client):
    change_count_in_admin(curator_client, 250)
    page = curator_client.get(
        reverse("admin:institutes_membercount_history", args=[member_count().pk])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "cora" in html
    assert "250" in html and "240" in html


def test_a_change_is_reverted_from_the_history(curator_client):
    change_count_in_admin(curator_client, 250)
    record = member_count()
    old_version = record.history.filter(count=240).first()
    url = reverse(
        "admin:institutes_membercount_simple_history", args=[record.pk, old_version.history_id]
    )
    page = curator_client.get(url)
    assert page.status_code == 200
    assert curator_client.post(url, form_data(page, "historicalmembercount")).status_code == 302

    record = member_count()
    assert record.count == 240
    assert [h.count for h in record.history.all()[:3]] == [240, 250, 240]
    assert record.history.first().history_user.username == "cora"


def test_a_citation_added_in_the_admin_is_in_the_citations_history(curator_client):
    url = reverse("admin:institutes_membercount_change", args=[member_count().pk])
    data = form_data(curator_client.get(url))
    prefix = next(k[: -len("-TOTAL_FORMS")] for k in data if k.endswith("-TOTAL_FORMS"))
    data[f"{prefix}-TOTAL_FORMS"] = "2"
    sun_luo = Citation.objects.filter(source__slug="sun-luo").first().source
    data.update({f"{prefix}-1-source": str(sun_luo.pk), f"{prefix}-1-locator": "表 1"})
    assert curator_client.post(url, data).status_code == 302
    added = member_count().citations.get(source=sun_luo)
    assert added.history.get().history_user.username == "cora"

    # The member count's own History page lists it too.
    page = curator_client.get(
        reverse("admin:institutes_membercount_history", args=[member_count().pk])
    )
    [entry] = [e for e in page.context["citation_history"] if e.history_type == "+"]
    assert (entry.source.slug, entry.locator, entry.history_user.username) == (
        "sun-luo",
        "表 1",
        "cora",
    )
    assert 'id="citation-history"' in page.content.decode()


def test_an_api_change_is_recorded_with_the_token_user(django_user_model):
    editor = django_user_model.objects.create_user("api-editor", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_agency"))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")

    response = api.patch(
        "/api/agencies/dod/",
        {"description_zh": "经 API 修改。", "description_en": "Changed through the API."},
        format="json",
    )
    assert response.status_code == 200, response.content
    latest = Agency.objects.get(slug="dod").history.first()
    assert latest.description_en == "Changed through the API."
    assert latest.history_user == editor
