"""The admin's roles: a curator edits everything but cannot delete a source; a viewer only reads."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from institutes.models import Institute, MemberCount
from policykb.models import Source
from tests.admin_forms import form_data, user_in_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client):
    client.force_login(user_in_group("curator"))
    return client


@pytest.fixture
def viewer_client(client):
    client.force_login(user_in_group("viewer"))
    return client


def test_the_migration_created_both_roles():
    curator = Group.objects.get(name="curator")
    viewer = Group.objects.get(name="viewer")
    curator_codes = set(curator.permissions.values_list("codename", flat=True))
    viewer_codes = set(viewer.permissions.values_list("codename", flat=True))
    assert {"add_institute", "change_institute", "delete_membercount", "change_source"} <= (
        curator_codes
    )
    assert "delete_source" not in curator_codes
    # 24 models: view, add, change and delete each, less deleting a source.
    assert len(curator_codes) == 24 * 4 - 1
    assert viewer_codes == {code for code in curator_codes if code.startswith("view_")}
    assert len(viewer_codes) == 24


def test_a_curator_cannot_delete_a_source(curator_client):
    source = Source.objects.get(slug="sun-luo")
    url = reverse("admin:policykb_source_delete", args=[source.pk])
    assert curator_client.get(url).status_code == 403
    assert curator_client.post(url, {"post": "yes"}).status_code == 403
    assert Source.objects.filter(slug="sun-luo").exists()
    change_page = curator_client.get(reverse("admin:policykb_source_change", args=[source.pk]))
    assert change_page.context["has_delete_permission"] is False


def test_a_curator_can_delete_a_member_count(curator_client):
    count = MemberCount.objects.get(slug="america-makes-004-2015")
    url = reverse("admin:institutes_membercount_delete", args=[count.pk])
    assert curator_client.post(url, {"post": "yes"}).status_code == 302
    assert not MemberCount.objects.filter(slug="america-makes-004-2015").exists()


def test_a_curator_can_change_an_institute(curator_client):
    lift = Institute.objects.get(slug="lift")
    url = reverse("admin:institutes_institute_change", args=[lift.pk])
    data = form_data(curator_client.get(url))
    data["headquarters_en"] = "Detroit, MI"
    assert curator_client.post(url, data).status_code == 302
    assert Institute.objects.get(slug="lift").headquarters_en == "Detroit, MI"


def test_a_viewer_reads_but_cannot_change(viewer_client):
    lift = Institute.objects.get(slug="lift")
    url = reverse("admin:institutes_institute_change", args=[lift.pk])
    page = viewer_client.get(url)
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert "美国轻型材料创新中心" in page.content.decode()
    assert viewer_client.post(url, {"headquarters_en": "Nowhere"}).status_code == 403
    assert viewer_client.get(reverse("admin:institutes_institute_add")).status_code == 403
    assert Institute.objects.get(slug="lift").headquarters_en == "Detroit, Michigan"


def test_a_viewer_sees_history_but_cannot_import(viewer_client):
    lift = Institute.objects.get(slug="lift")
    assert (
        viewer_client.get(reverse("admin:institutes_institute_history", args=[lift.pk])).status_code
        == 200
    )
    assert viewer_client.get(reverse("admin:institutes_mepyear_import")).status_code == 403


def test_a_user_without_a_role_sees_no_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", is_staff=True))
    assert client.get(reverse("admin:institutes_institute_changelist")).status_code == 403
