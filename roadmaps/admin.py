from django.contrib import admin

from policykb.admin.base import (
    ChildInline,
    CitationInline,
    CitedAdmin,
    KnowledgeAdmin,
    SourcedRowInline,
)
from policykb.models import FundingAward

from .models import FocusArea, Project, ProjectPartner


class ProjectInline(SourcedRowInline):
    model = Project
    row_fields = ["slug", "title_zh", "title_en", "lead", "start", "end"]


@admin.register(FocusArea)
class FocusAreaAdmin(CitedAdmin):
    list_display = ["number", "name_zh", "name_en"]
    search_fields = ["slug", "name_zh", "name_en", "description_zh", "description_en"]
    inlines = [ProjectInline, CitationInline]


class ProjectPartnerInline(ChildInline):
    model = ProjectPartner


class ProjectFundingInline(SourcedRowInline):
    model = FundingAward
    fk_name = "project"
    row_fields = [
        "slug",
        "kind",
        "title_zh",
        "title_en",
        "program",
        "amount_usd",
        "qualifier",
        "amount_as_stated",
        "round",
    ]


@admin.register(Project)
class ProjectAdmin(CitedAdmin):
    list_display = ["title_zh", "title_en", "area", "lead", "start", "end", "partners_incomplete"]
    list_filter = ["area", "partners_incomplete"]
    search_fields = [
        "slug",
        "title_zh",
        "title_en",
        "summary_zh",
        "summary_en",
        "lead__name_zh",
        "lead__name_en",
    ]
    list_select_related = ["area", "lead"]
    inlines = [ProjectPartnerInline, ProjectFundingInline, CitationInline]


@admin.register(ProjectPartner)
class ProjectPartnerAdmin(KnowledgeAdmin):
    list_display = ["project", "organization", "order", "described_as_zh"]
    list_filter = ["project__area"]
    search_fields = [
        "project__title_zh",
        "project__title_en",
        "organization__name_zh",
        "organization__name_en",
        "described_as_zh",
    ]
    list_select_related = ["project", "organization"]
