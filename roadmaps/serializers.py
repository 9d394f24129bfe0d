"""REST API serializers of the MFGTech roadmaps: focus areas and projects."""

from django.utils.translation import gettext_lazy as _

from policykb.api.fields import (
    LocalizedField,
    PartialDateField,
    identity_url,
    related_slug,
    related_url,
)
from policykb.api.reading import FastModelSerializer
from policykb.api.records import CitedRecordSerializer
from policykb.models import FundingAward, Organization
from roadmaps.models import FocusArea, Project, ProjectPartner


class FocusAreaSerializer(CitedRecordSerializer):
    url = identity_url("roadmap-area")
    name = LocalizedField("name", help_text=_("The name in the request's language."))
    projects = related_slug(Project, many=True, read_only=True)
    project_urls = related_url("roadmap-project", source="projects", many=True)

    class Meta(CitedRecordSerializer.Meta):
        model = FocusArea
        fields = [
            "url",
            "slug",
            "number",
            "name_zh",
            "name_en",
            "name",
            "description_zh",
            "description_en",
            "projects",
            "project_urls",
            "sources",
            "html_url",
            "discrepancies",
        ]


class ProjectPartnerSerializer(FastModelSerializer):
    organization = related_slug(Organization, read_only=True)
    organization_url = related_url("organization", source="organization")

    class Meta:
        model = ProjectPartner
        fields = ["order", "organization", "organization_url", "described_as_zh"]


class ProjectSerializer(CitedRecordSerializer):
    url = identity_url("roadmap-project")
    title = LocalizedField("title", help_text=_("The title in the request's language."))
    area = related_slug(FocusArea)
    area_url = related_url("roadmap-area", source="area")
    lead = related_slug(Organization)
    lead_url = related_url("organization", source="lead")
    start_text = PartialDateField("start", "start_precision")
    end_text = PartialDateField("end", "end_precision")
    partners = ProjectPartnerSerializer(
        source="partnerships",
        many=True,
        read_only=True,
        help_text=_("Partners in the paper's order."),
    )
    funding = related_slug(FundingAward, many=True, read_only=True)
    funding_urls = related_url("funding", source="funding", many=True)

    class Meta(CitedRecordSerializer.Meta):
        model = Project
        fields = [
            "url",
            "slug",
            "title_zh",
            "title_en",
            "title",
            "summary_zh",
            "summary_en",
            "area",
            "area_url",
            "lead",
            "lead_url",
            "start",
            "start_precision",
            "start_text",
            "end",
            "end_precision",
            "end_text",
            "partners",
            "partners_incomplete",
            "funding",
            "funding_urls",
            "sources",
            "html_url",
            "discrepancies",
        ]
