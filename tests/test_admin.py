"""The admin as a curator finds it: every record, both languages side by side, searchable."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from institutes.models import Institute
from policykb.admin.base import side_by_side
from policykb.models import Organization

PROJECT_APPS = ["policykb", "strategy", "roadmaps", "institutes"]
MODELS = [
    model
    for label in PROJECT_APPS
    for model in apps.get_app_config(label).get_models()
    if not model.__name__.startswith("Historical")
]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_model_is_in_the_admin_with_history_and_search(model):
    model_admin = admin.site._registry.get(model)
    assert model_admin is not None, "not registered"
    assert model_admin.search_fields
    assert hasattr(model_admin, "history_view_title"), "history (SimpleHistoryAdmin) missing"


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_link_to_another_record_is_an_autocomplete(model, rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    model_admin = admin.site._registry[model]
    links = [
        f.name
        for f in model._meta.concrete_fields
        if (f.many_to_one or f.one_to_one) and f.related_model in admin.site._registry
    ]
    assert set(links) <= set(model_admin.get_autocomplete_fields(request))


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_list_add_change_and_history_pages_open(model, admin_client):
    obj = model._default_manager.order_by("pk").first()
    assert admin_client.get(url(model, "changelist")).status_code == 200
    assert admin_client.get(url(model, "add")).status_code == 200
    assert admin_client.get(url(model, "change", obj.pk)).status_code == 200
    assert admin_client.get(url(model, "history", obj.pk)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["普渡", "Purdue"])
def test_organisations_are_found_in_either_language(admin_client, query):
    response = admin_client.get(url(Organization, "changelist"), {"q": query})
    assert [o.slug for o in response.context["cl"].result_list] == ["purdue"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["轻金属", "Lightweight metals", "明日轻质创新研究所"])
def test_institutes_are_found_by_technology_and_other_names(admin_client, query):
    response = admin_client.get(url(Institute, "changelist"), {"q": query})
    assert [i.slug for i in response.context["cl"].result_list] == ["lift"]


@pytest.mark.django_db
def test_chinese_and_english_stand_side_by_side(admin_client):
    response = admin_client.get(url(Institute, "change", Institute.objects.get(slug="lift").pk))
    rows = [tuple(line.fields) for fieldset in response.context["adminform"] for line in fieldset]
    assert ("name_zh", "name_en") in rows
    assert ("technology_zh", "technology_en") in rows
    assert ("founded", "founded_precision") in rows
    assert ("acronym",) in rows


def test_the_side_by_side_rule():
    assert side_by_side(["slug", "title_zh", "title_en", "date", "date_precision", "note_zh"]) == [
        "slug",
        ("title_zh", "title_en"),
        ("date", "date_precision"),
        "note_zh",
    ]


@pytest.mark.django_db
def test_an_institute_page_holds_its_member_counts_funding_ties_and_sources(admin_client):
    lift = Institute.objects.get(slug="lift")
    response = admin_client.get(url(Institute, "change", lift.pk))
    inlines = {f.formset.prefix: f.formset for f in response.context["inline_admin_formsets"]}
    assert {"member_counts", "funding", "ties"} <= set(inlines)
    citation_set = next(s for p, s in inlines.items() if "citation" in p)
    assert citation_set.initial_form_count() == lift.citations.count() == 5
    assert inlines["member_counts"].initial_form_count() == 3


@pytest.mark.django_db
def test_an_objective_page_holds_its_recommendations_and_matrix_cells(admin_client):
    from strategy.models import Objective

    objective = Objective.objects.get(slug="objective-1-1")
    response = admin_client.get(url(Objective, "change", objective.pk))
    inlines = {f.formset.prefix: f.formset for f in response.context["inline_admin_formsets"]}
    assert inlines["recommendations"].initial_form_count() == 3
    assert inlines["participations"].initial_form_count() == 11
