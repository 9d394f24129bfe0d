from django.contrib import admin

from policykb.admin.base import CitationInline, CitedAdmin, SourcedRowInline
from policykb.admin.importing import CsvImportMixin
from policykb.admin.resources import MepYearResource, NetworkMetricResource
from policykb.models import FundingAward

from .models import Institute, InstituteProposal, InstituteTie, MemberCount, MepYear, NetworkMetric


class MemberCountInline(SourcedRowInline):
    model = MemberCount
    row_fields = ["slug", "year", "count", "qualifier", "note_zh", "note_en"]


class InstituteTieInline(SourcedRowInline):
    model = InstituteTie
    row_fields = ["slug", "organization", "role_zh", "role_en"]


class InstituteFundingInline(SourcedRowInline):
    model = FundingAward
    fk_name = "institute"
    row_fields = [
        "slug",
        "kind",
        "title_zh",
        "title_en",
        "program",
        "amount_usd",
        "qualifier",
        "amount_as_stated",
    ]


@admin.register(Institute)
class InstituteAdmin(CitedAdmin):
    list_display = ["number", "acronym", "name_zh", "name_en", "agency", "lead", "founded"]
    list_display_links = ["number", "acronym"]
    list_filter = ["agency", "founded_precision"]
    search_fields = [
        "slug",
        "acronym",
        "name_zh",
        "name_en",
        "aliases",
        "technology_zh",
        "technology_en",
        "headquarters_zh",
        "headquarters_en",
    ]
    list_select_related = ["agency", "lead"]
    inlines = [MemberCountInline, InstituteFundingInline, InstituteTieInline, CitationInline]


@admin.register(InstituteProposal)
class InstituteProposalAdmin(CitedAdmin):
    list_display = ["acronym", "name_zh", "name_en", "agency", "announced", "institute"]
    list_filter = ["agency"]
    search_fields = ["slug", "acronym", "name_zh", "name_en", "focus_zh", "focus_en"]
    list_select_related = ["agency", "institute"]


@admin.register(MemberCount)
class MemberCountAdmin(CitedAdmin):
    list_display = ["institute", "year", "count", "qualifier", "note_zh"]
    list_filter = ["year", "qualifier", "institute"]
    search_fields = [
        "slug",
        "institute__acronym",
        "institute__name_zh",
        "institute__name_en",
        "note_zh",
        "note_en",
    ]
    list_select_related = ["institute"]


@admin.register(InstituteTie)
class InstituteTieAdmin(CitedAdmin):
    list_display = ["institute", "organization", "role_zh", "role_en"]
    list_filter = ["institute"]
    search_fields = [
        "slug",
        "institute__acronym",
        "organization__name_zh",
        "organization__name_en",
        "role_zh",
        "role_en",
    ]
    list_select_related = ["institute", "organization"]


@admin.register(NetworkMetric)
class NetworkMetricAdmin(CsvImportMixin, CitedAdmin):
    resource_classes = [NetworkMetricResource]
    list_display = ["year", "metric", "value", "qualifier", "value_as_stated", "is_primary"]
    list_filter = ["metric", "year", "fiscal_year", "is_primary"]
    search_fields = ["slug", "metric", "value_as_stated", "note_zh", "note_en"]


@admin.register(MepYear)
class MepYearAdmin(CsvImportMixin, CitedAdmin):
    resource_classes = [MepYearResource]
    list_display = [
        "year",
        "manufacturers",
        "jobs",
        "new_sales_usd",
        "cost_savings_usd",
        "return_per_dollar",
    ]
    search_fields = ["slug", "year"]
