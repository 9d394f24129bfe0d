from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from policykb.models import (
    Agency,
    Citation,
    Discrepancy,
    DiscrepancyValue,
    Fact,
    FundingAward,
    Organization,
    Program,
    Source,
    StatedTotal,
)

from .base import ChildInline, CitationInline, CitedAdmin, KnowledgeAdmin
from .importing import CsvImportMixin
from .resources import FundingAwardResource
from .roles import ROLE_APPS

__all__ = ["CitationInline", "CitedAdmin", "KnowledgeAdmin"]


@admin.register(Source)
class SourceAdmin(KnowledgeAdmin):
    list_display = ["file_name", "authors_zh", "title_zh", "title_en", "date", "doi"]
    search_fields = [
        "slug",
        "file_name",
        "title_zh",
        "title_en",
        "authors_zh",
        "authors_en",
        "publisher_zh",
        "publisher_en",
        "doi",
    ]
    list_filter = ["en_translated"]


@admin.register(Agency)
class AgencyAdmin(KnowledgeAdmin):
    list_display = ["acronym", "name_zh", "name_en", "kind", "parent", "matrix_order"]
    list_filter = ["kind", "en_translated"]
    search_fields = ["slug", "acronym", "name_zh", "name_en", "aliases"]
    list_select_related = ["parent"]


@admin.register(Organization)
class OrganizationAdmin(KnowledgeAdmin):
    list_display = ["name_zh", "name_en", "acronym", "kind", "location_zh", "agency"]
    list_filter = ["kind", "en_translated"]
    search_fields = [
        "slug",
        "name_zh",
        "name_en",
        "acronym",
        "aliases",
        "location_zh",
        "location_en",
    ]
    list_select_related = ["agency"]


@admin.register(Program)
class ProgramAdmin(CitedAdmin):
    list_display = ["acronym", "name_zh", "name_en", "agency"]
    list_filter = ["agency"]
    search_fields = ["slug", "acronym", "name_zh", "name_en", "description_zh", "description_en"]
    list_select_related = ["agency"]


@admin.register(FundingAward)
class FundingAwardAdmin(CsvImportMixin, CitedAdmin):
    resource_classes = [FundingAwardResource]
    list_display = [
        "title_zh",
        "title_en",
        "kind",
        "program",
        "recipient",
        "institute",
        "amount_usd",
        "qualifier",
        "date",
    ]
    list_filter = ["kind", "program", "agency", "qualifier", "round"]
    search_fields = [
        "slug",
        "title_zh",
        "title_en",
        "description_zh",
        "description_en",
        "amount_as_stated",
        "recipient__name_zh",
        "recipient__name_en",
        "institute__acronym",
        "project__title_zh",
        "project__title_en",
    ]
    list_select_related = ["program", "recipient", "institute"]


class DiscrepancyValueInline(ChildInline):
    model = DiscrepancyValue
    min_num = 2


def knowledge_base_content_types():
    return ContentType.objects.filter(app_label__in=ROLE_APPS).exclude(
        model__startswith="historical"
    )


@admin.register(Discrepancy)
class DiscrepancyAdmin(KnowledgeAdmin):
    list_display = ["topic_zh", "topic_en", "kind", "content_type", "field"]
    list_filter = ["kind", "content_type"]
    search_fields = ["slug", "topic_zh", "topic_en", "decision_zh", "decision_en", "field"]
    list_select_related = ["content_type"]
    inlines = [DiscrepancyValueInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = knowledge_base_content_types()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(DiscrepancyValue)
class DiscrepancyValueAdmin(KnowledgeAdmin):
    list_display = ["discrepancy", "source", "locator", "value", "as_stated", "is_chosen"]
    list_filter = ["is_chosen", "source"]
    search_fields = [
        "value",
        "as_stated",
        "locator",
        "discrepancy__topic_zh",
        "discrepancy__topic_en",
    ]
    list_select_related = ["discrepancy", "source"]


@admin.register(Fact)
class FactAdmin(CitedAdmin):
    list_display = ["label_zh", "label_en", "topic", "value", "unit", "value_as_stated", "year"]
    list_filter = ["topic", "unit", "qualifier", "year"]
    search_fields = ["slug", "label_zh", "label_en", "value_as_stated", "note_zh", "note_en"]


@admin.register(StatedTotal)
class StatedTotalAdmin(KnowledgeAdmin):
    list_display = ["label_zh", "label_en", "content_type", "field", "aggregate", "rows_model"]
    list_filter = ["aggregate", "content_type"]
    search_fields = ["slug", "label_zh", "label_en", "rows_zh", "rows_en", "rows_model"]
    list_select_related = ["content_type"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = knowledge_base_content_types()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Citation)
class CitationAdmin(KnowledgeAdmin):
    list_display = ["source", "locator", "content_type", "record_link"]
    list_filter = ["source", "content_type"]
    search_fields = ["locator", "source__slug", "source__title_zh", "source__title_en"]
    list_select_related = ["source", "content_type"]

    @admin.display(description=_("record"))
    def record_link(self, citation):
        return citation.record

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            kwargs["queryset"] = knowledge_base_content_types()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
