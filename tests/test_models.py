"""Conventions every model keeps, so a newcomer finds the same shape everywhere."""

import pytest
from django.apps import apps
from django.db import models
from django.utils.functional import Promise

from policykb.bilingual import localized
from policykb.models import Organization

PROJECT_APPS = ["policykb", "strategy", "roadmaps", "institutes"]
# simple-history's generated Historical* models are the records' history, not records.
MODELS = [
    m
    for label in PROJECT_APPS
    for m in apps.get_app_config(label).get_models()
    if not m.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_model_conventions(model):
    assert model.__doc__ and not model.__doc__.startswith(model.__name__ + "("), "needs a docstring"
    assert model._meta.ordering, "needs Meta.ordering"
    assert isinstance(model._meta.verbose_name, Promise), "verbose_name must be translatable"
    assert model.__str__ is not models.Model.__str__
    assert callable(getattr(model, "get_absolute_url", None))


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_every_record_has_a_readable_name(model):
    for obj in model._default_manager.all()[:50]:
        assert str(obj).strip()


@pytest.mark.django_db
def test_bilingual_helper_follows_the_active_language_and_falls_back():
    org = Organization(name_zh="普渡大学", name_en="Purdue University")
    assert localized(org, "name", "zh-hans") == "普渡大学"
    assert localized(org, "name", "en") == "Purdue University"
    org.name_en = ""
    assert localized(org, "name", "en") == "普渡大学"
