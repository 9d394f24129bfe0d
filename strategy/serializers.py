"""REST API serializers of the strategy: policies, goals, objectives, recommendations, matrix."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from policykb.api.fields import (
    LocalizedField,
    PartialDateField,
    identity_url,
    related_slug,
    related_url,
)
from policykb.api.reading import FastModelSerializer
from policykb.api.records import CitationSerializer, CitedRecordSerializer
from policykb.models import Agency
from strategy.models import Goal, Objective, Participation, Policy, PolicyProvision, Recommendation


class PolicyProvisionSerializer(FastModelSerializer):
    sources = CitationSerializer(source="citations", many=True, read_only=True)

    class Meta:
        model = PolicyProvision
        fields = ["slug", "kind", "number", "text_zh", "text_en", "sources"]


class PolicySerializer(CitedRecordSerializer):
    url = identity_url("policy")
    title = LocalizedField("title", help_text=_("The title in the request's language."))
    issuer = related_slug(Agency, allow_null=True, required=False)
    issuer_url = related_url("agency", source="issuer", allow_null=True)
    date_text = PartialDateField("date", "date_precision")
    provisions = PolicyProvisionSerializer(many=True, read_only=True)

    class Meta(CitedRecordSerializer.Meta):
        model = Policy
        fields = [
            "url",
            "slug",
            "short_name",
            "title_zh",
            "title_en",
            "title",
            "kind",
            "date",
            "date_precision",
            "date_text",
            "issuer",
            "issuer_url",
            "summary_zh",
            "summary_en",
            "provisions",
            "sources",
            "html_url",
            "discrepancies",
        ]


class GoalSerializer(CitedRecordSerializer):
    url = identity_url("goal")
    name = LocalizedField("name", help_text=_("The name in the request's language."))
    policy = related_slug(Policy)
    policy_url = related_url("policy", source="policy")
    objectives = related_slug(Objective, many=True, read_only=True)
    objective_urls = related_url("objective", source="objectives", many=True)

    class Meta(CitedRecordSerializer.Meta):
        model = Goal
        fields = [
            "url",
            "slug",
            "number",
            "name_zh",
            "name_en",
            "name",
            "description_zh",
            "description_en",
            "policy",
            "policy_url",
            "objectives",
            "objective_urls",
            "sources",
            "html_url",
            "discrepancies",
        ]


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class ParticipatingAgenciesField(serializers.Field):
    """Slugs of the agencies marked ✓ for the objective, in the matrix's column order."""

    context_free = True  # policykb/api/reading.py: the same for every response

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return [cell.agency.slug for cell in value.participations.all() if cell.participates]


class ObjectiveSerializer(CitedRecordSerializer):
    url = identity_url("objective")
    code = serializers.CharField(read_only=True, help_text=_("Goal and objective number: 1.2."))
    name = LocalizedField("name", help_text=_("The name in the request's language."))
    goal = related_slug(Goal)
    goal_url = related_url("goal", source="goal")
    agencies = ParticipatingAgenciesField(
        help_text=_("Agencies taking part (✓ in the matrix), in column order.")
    )
    recommendations = related_slug(Recommendation, many=True, read_only=True)
    recommendation_urls = related_url("recommendation", source="recommendations", many=True)

    class Meta(CitedRecordSerializer.Meta):
        model = Objective
        fields = [
            "url",
            "slug",
            "code",
            "number",
            "name_zh",
            "name_en",
            "name",
            "description_zh",
            "description_en",
            "goal",
            "goal_url",
            "agencies",
            "recommendations",
            "recommendation_urls",
            "sources",
            "html_url",
            "discrepancies",
        ]


class RecommendationSerializer(CitedRecordSerializer):
    url = identity_url("recommendation")
    code = serializers.CharField(read_only=True, help_text=_("Goal, objective and number: 1.2.3."))
    name = LocalizedField("name", help_text=_("The name in the request's language."))
    objective = related_slug(Objective)
    objective_url = related_url("objective", source="objective")
    goal = related_slug(Goal, source="objective.goal", read_only=True)
    goal_url = related_url("goal", source="objective.goal")

    class Meta(CitedRecordSerializer.Meta):
        model = Recommendation
        fields = [
            "url",
            "slug",
            "code",
            "number",
            "name_zh",
            "name_en",
            "name",
            "measures_zh",
            "measures_en",
            "objective",
            "objective_url",
            "goal",
            "goal_url",
            "sources",
            "html_url",
            "discrepancies",
        ]


class ParticipationSerializer(CitedRecordSerializer):
    url = identity_url("participation")
    objective = related_slug(Objective)
    objective_url = related_url("objective", source="objective")
    objective_code = serializers.CharField(source="objective.code", read_only=True)
    agency = related_slug(Agency)
    agency_url = related_url("agency", source="agency")
    agency_acronym = serializers.CharField(source="agency.acronym", read_only=True)

    class Meta(CitedRecordSerializer.Meta):
        model = Participation
        fields = [
            "url",
            "slug",
            "objective",
            "objective_url",
            "objective_code",
            "agency",
            "agency_url",
            "agency_acronym",
            "participates",
            "sources",
            "html_url",
            "discrepancies",
        ]


class MatrixAgencySerializer(serializers.Serializer):
    slug = serializers.CharField()
    acronym = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    name = serializers.CharField()
    matrix_order = serializers.IntegerField(allow_null=True)
    url = serializers.URLField()


class MatrixRowSerializer(serializers.Serializer):
    objective = serializers.CharField()
    code = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    name = serializers.CharField()
    url = serializers.URLField()
    cells = serializers.DictField(
        child=serializers.BooleanField(allow_null=True),
        help_text=_("Agency slug -> true (✓), false (✗) or null (no cell recorded)."),
    )


class MatrixSerializer(serializers.Serializer):
    agencies = MatrixAgencySerializer(many=True, help_text=_("The columns, in matrix order."))
    rows = MatrixRowSerializer(many=True, help_text=_("The objectives, in goal order."))
