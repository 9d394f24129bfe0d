from django.contrib import admin

from policykb.admin.base import CitationInline, CitedAdmin, SourcedRowInline

from .models import Goal, Objective, Participation, Policy, PolicyProvision, Recommendation


class ProvisionInline(SourcedRowInline):
    model = PolicyProvision
    row_fields = ["slug", "kind", "number", "text_zh", "text_en"]


@admin.register(Policy)
class PolicyAdmin(CitedAdmin):
    list_display = ["title_zh", "title_en", "short_name", "kind", "date", "issuer"]
    list_filter = ["kind", "issuer", "date_precision"]
    search_fields = ["slug", "title_zh", "title_en", "short_name", "summary_zh", "summary_en"]
    list_select_related = ["issuer"]
    date_hierarchy = "date"
    inlines = [ProvisionInline, CitationInline]


@admin.register(PolicyProvision)
class PolicyProvisionAdmin(CitedAdmin):
    list_display = ["__str__", "policy", "kind", "number", "text_zh"]
    list_filter = ["kind", "policy"]
    search_fields = ["slug", "text_zh", "text_en", "policy__title_zh", "policy__title_en"]
    list_select_related = ["policy"]


class ObjectiveInline(SourcedRowInline):
    model = Objective
    row_fields = ["slug", "number", "name_zh", "name_en"]


@admin.register(Goal)
class GoalAdmin(CitedAdmin):
    list_display = ["number", "name_zh", "name_en", "policy"]
    list_filter = ["policy"]
    search_fields = ["slug", "name_zh", "name_en", "description_zh", "description_en"]
    list_select_related = ["policy"]
    inlines = [ObjectiveInline, CitationInline]


class RecommendationInline(SourcedRowInline):
    model = Recommendation
    row_fields = ["slug", "number", "name_zh", "name_en"]


class ParticipationInline(SourcedRowInline):
    model = Participation
    row_fields = ["slug", "agency", "participates"]


@admin.register(Objective)
class ObjectiveAdmin(CitedAdmin):
    list_display = ["code", "name_zh", "name_en", "goal"]
    list_filter = ["goal"]
    search_fields = ["slug", "name_zh", "name_en", "description_zh", "description_en"]
    list_select_related = ["goal"]
    inlines = [RecommendationInline, ParticipationInline, CitationInline]


@admin.register(Recommendation)
class RecommendationAdmin(CitedAdmin):
    list_display = ["__str__", "name_en", "objective"]
    list_filter = ["objective__goal", "objective"]
    search_fields = ["slug", "name_zh", "name_en", "measures_zh", "measures_en"]
    list_select_related = ["objective__goal"]


@admin.register(Participation)
class ParticipationAdmin(CitedAdmin):
    list_display = ["__str__", "objective", "agency", "participates"]
    list_filter = ["participates", "agency", "objective__goal"]
    search_fields = [
        "slug",
        "objective__name_zh",
        "objective__name_en",
        "agency__acronym",
        "agency__name_zh",
        "agency__name_en",
    ]
    list_select_related = ["objective__goal", "agency"]
