"""REST API serializers of Manufacturing USA: institutes, member counts, network figures, MEP."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from institutes.models import (
    Institute,
    InstituteProposal,
    InstituteTie,
    MemberCount,
    MepYear,
    NetworkMetric,
)
from policykb.api.fields import (
    FigureField,
    LinesField,
    LocalizedField,
    PartialDateField,
    identity_url,
    related_slug,
    related_url,
)
from policykb.api.reading import FastModelSerializer
from policykb.api.records import CitedRecordSerializer
from policykb.models import Agency, FundingAward, Organization


class InstituteMemberCountSerializer(FastModelSerializer):
    url = identity_url("institute-member")

    class Meta:
        model = MemberCount
        fields = ["url", "slug", "year", "count", "qualifier"]


class InstituteTieSerializer(FastModelSerializer):
    organization = related_slug(Organization, read_only=True)
    organization_url = related_url("organization", source="organization", allow_null=True)

    class Meta:
        model = InstituteTie
        fields = ["slug", "organization", "organization_url", "role_zh", "role_en"]


class InstituteProposalSerializer(FastModelSerializer):
    agency = related_slug(Agency, read_only=True)
    agency_url = related_url("agency", source="agency")
    announced_text = PartialDateField("announced", "announced_precision")

    class Meta:
        model = InstituteProposal
        fields = [
            "slug",
            "acronym",
            "name_zh",
            "name_en",
            "agency",
            "agency_url",
            "announced",
            "announced_precision",
            "announced_text",
            "status_zh",
            "status_en",
        ]


class InstituteSerializer(CitedRecordSerializer):
    url = identity_url("institute")
    name = LocalizedField("name", help_text=_("The name in the request's language."))
    aliases = LinesField(required=False)
    agency = related_slug(Agency)
    agency_url = related_url("agency", source="agency")
    lead = related_slug(Organization)
    lead_url = related_url("organization", source="lead")
    organization = related_slug(Organization, allow_null=True, required=False)
    organization_url = related_url("organization", source="organization", allow_null=True)
    founded_text = PartialDateField("founded", "founded_precision")
    member_counts = InstituteMemberCountSerializer(many=True, read_only=True)
    ties = InstituteTieSerializer(many=True, read_only=True)
    proposals = InstituteProposalSerializer(
        many=True, read_only=True, help_text=_("The institute as the 2015 paper announced it.")
    )
    funding = related_slug(FundingAward, many=True, read_only=True)
    funding_urls = related_url("funding", source="funding", many=True)

    class Meta(CitedRecordSerializer.Meta):
        model = Institute
        fields = [
            "url",
            "slug",
            "number",
            "acronym",
            "name_zh",
            "name_en",
            "name",
            "en_translated",
            "aliases",
            "technology_zh",
            "technology_en",
            "agency",
            "agency_url",
            "lead",
            "lead_url",
            "organization",
            "organization_url",
            "headquarters_zh",
            "headquarters_en",
            "founded",
            "founded_precision",
            "founded_text",
            "planned_years",
            "member_counts",
            "ties",
            "proposals",
            "funding",
            "funding_urls",
            "sources",
            "html_url",
            "discrepancies",
        ]


class MemberCountSerializer(CitedRecordSerializer):
    url = identity_url("institute-member")
    institute = related_slug(Institute)
    institute_url = related_url("institute", source="institute")
    institute_acronym = serializers.CharField(source="institute.acronym", read_only=True)

    class Meta(CitedRecordSerializer.Meta):
        model = MemberCount
        fields = [
            "url",
            "slug",
            "institute",
            "institute_url",
            "institute_acronym",
            "year",
            "count",
            "qualifier",
            "note_zh",
            "note_en",
            "sources",
            "html_url",
            "discrepancies",
        ]


class NetworkMetricSerializer(CitedRecordSerializer):
    url = identity_url("network-metric")
    value = FigureField(max_digits=16, help_text=_("The figure; a count as a whole number."))

    class Meta(CitedRecordSerializer.Meta):
        model = NetworkMetric
        fields = [
            "url",
            "slug",
            "year",
            "fiscal_year",
            "metric",
            "value",
            "qualifier",
            "value_as_stated",
            "is_primary",
            "note_zh",
            "note_en",
            "sources",
            "html_url",
            "discrepancies",
        ]


class MepYearSerializer(CitedRecordSerializer):
    url = identity_url("mep-metric")

    class Meta(CitedRecordSerializer.Meta):
        model = MepYear
        fields = [
            "url",
            "slug",
            "year",
            "manufacturers",
            "jobs",
            "new_sales_usd",
            "cost_savings_usd",
            "return_per_dollar",
            "sources",
            "html_url",
            "discrepancies",
        ]
