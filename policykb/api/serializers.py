"""REST API serializers of the shared records: agencies, organisations, sources, funding."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from institutes.models import Institute
from policykb.api.fields import (
    LinesField,
    LocalizedField,
    PartialDateField,
    identity_url,
    related_slug,
    related_url,
)
from policykb.api.records import CitedRecordSerializer, RecordSerializer
from policykb.models import Agency, FundingAward, Organization, Program, Source
from roadmaps.models import Project
from strategy.models import Policy


class AgencySerializer(RecordSerializer):
    url = identity_url("agency")
    name = LocalizedField("name", help_text=_("The name in the request's language."))
    parent = related_slug(Agency, allow_null=True, required=False)
    parent_url = related_url("agency", source="parent", allow_null=True)
    aliases = LinesField(required=False)

    class Meta(RecordSerializer.Meta):
        model = Agency
        fields = [
            "url",
            "slug",
            "acronym",
            "name_zh",
            "name_en",
            "name",
            "en_translated",
            "kind",
            "parent",
            "parent_url",
            "matrix_order",
            "aliases",
            "description_zh",
            "description_en",
            "html_url",
            "discrepancies",
        ]


class OrganizationSerializer(RecordSerializer):
    url = identity_url("organization")
    name = LocalizedField("name", help_text=_("The name in the request's language."))
    agency = related_slug(Agency, allow_null=True, required=False)
    agency_url = related_url("agency", source="agency", allow_null=True)
    aliases = LinesField(required=False)

    class Meta(RecordSerializer.Meta):
        model = Organization
        fields = [
            "url",
            "slug",
            "acronym",
            "name_zh",
            "name_en",
            "name",
            "en_translated",
            "kind",
            "location_zh",
            "location_en",
            "aliases",
            "agency",
            "agency_url",
            "html_url",
            "discrepancies",
        ]


class SourceSerializer(RecordSerializer):
    url = identity_url("source")
    title = LocalizedField("title", help_text=_("The title in the request's language."))
    date_text = PartialDateField("date", "date_precision")

    class Meta(RecordSerializer.Meta):
        model = Source
        fields = [
            "url",
            "slug",
            "file_name",
            "title_zh",
            "title_en",
            "title",
            "authors_zh",
            "authors_en",
            "publisher_zh",
            "publisher_en",
            "date",
            "date_precision",
            "date_text",
            "doi",
            "note_zh",
            "note_en",
            "html_url",
            "discrepancies",
        ]


class ProgramSerializer(CitedRecordSerializer):
    url = identity_url("program")
    name = LocalizedField("name", help_text=_("The name in the request's language."))
    agency = related_slug(Agency)
    agency_url = related_url("agency", source="agency", allow_null=True)
    award_count = serializers.IntegerField(
        read_only=True, help_text=_("Number of funding records in the programme.")
    )
    awards_total_usd = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Sum of their amounts in US dollars.")
    )

    class Meta(CitedRecordSerializer.Meta):
        model = Program
        fields = [
            "url",
            "slug",
            "acronym",
            "name_zh",
            "name_en",
            "name",
            "en_translated",
            "agency",
            "agency_url",
            "description_zh",
            "description_en",
            "award_count",
            "awards_total_usd",
            "sources",
            "html_url",
            "discrepancies",
        ]


class FundingAwardSerializer(CitedRecordSerializer):
    url = identity_url("funding")
    title = LocalizedField("title", help_text=_("The title in the request's language."))
    program = related_slug(Program, allow_null=True, required=False)
    program_url = related_url("program", source="program", allow_null=True)
    policy = related_slug(Policy, allow_null=True, required=False)
    policy_url = related_url("policy", source="policy", allow_null=True)
    agency = related_slug(Agency, allow_null=True, required=False)
    agency_url = related_url("agency", source="agency", allow_null=True)
    recipient = related_slug(Organization, allow_null=True, required=False)
    recipient_url = related_url("organization", source="recipient", allow_null=True)
    institute = related_slug(Institute, allow_null=True, required=False)
    institute_url = related_url("institute", source="institute", allow_null=True)
    project = related_slug(Project, allow_null=True, required=False)
    project_url = related_url("roadmap-project", source="project", allow_null=True)
    part_of = related_slug(
        FundingAward,
        allow_null=True,
        required=False,
        help_text=_("The budget line this amount is included in; totals count it once."),
    )
    part_of_url = related_url("funding", source="part_of", allow_null=True)
    date_text = PartialDateField("date", "date_precision")

    class Meta(CitedRecordSerializer.Meta):
        model = FundingAward
        fields = [
            "url",
            "slug",
            "kind",
            "title_zh",
            "title_en",
            "title",
            "description_zh",
            "description_en",
            "program",
            "program_url",
            "policy",
            "policy_url",
            "agency",
            "agency_url",
            "recipient",
            "recipient_url",
            "institute",
            "institute_url",
            "project",
            "project_url",
            "part_of",
            "part_of_url",
            "amount_usd",
            "qualifier",
            "amount_as_stated",
            "date",
            "date_precision",
            "date_text",
            "round",
            "note_zh",
            "note_en",
            "sources",
            "html_url",
            "discrepancies",
        ]


class FundingGroupSerializer(serializers.Serializer):
    key = serializers.CharField(
        allow_null=True,
        help_text=_("The group: a slug, or a year; null for records without one."),
    )
    name_zh = serializers.CharField(allow_null=True)
    name_en = serializers.CharField(allow_null=True)
    name = serializers.CharField(
        allow_null=True, help_text=_("The name in the request's language.")
    )
    url = serializers.URLField(allow_null=True, help_text=_("The group's record in the API."))
    count = serializers.IntegerField()
    total_usd = serializers.IntegerField()


class FundingSummarySerializer(serializers.Serializer):
    group_by = serializers.CharField()
    count = serializers.IntegerField(help_text=_("Funding records matching the filters."))
    total_usd = serializers.IntegerField(
        help_text=_(
            "Their total in US dollars; a part of a budget line counts only when its whole "
            "does not match."
        )
    )
    groups = FundingGroupSerializer(many=True)


__all__ = [
    "AgencySerializer",
    "FundingAwardSerializer",
    "FundingSummarySerializer",
    "OrganizationSerializer",
    "ProgramSerializer",
    "SourceSerializer",
]
