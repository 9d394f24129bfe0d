"""Pages of the records every app shares: sources, agencies, organisations, programmes."""

from itertools import groupby

from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from policykb.models import Agency, Citation, DiscrepancyValue, Organization, Program, Source
from policykb.templatetags.kb import anchor
from policykb.views.charts import bar_chart, pick

from .base import PageMixin, RecordPage, sources_of


class SourceList(PageMixin, ListView):
    model = Source
    template_name = "policykb/source_list.html"
    page_title = _("Sources")


class SourceDetail(RecordPage):
    """A paper, with every record that cites it, grouped by the place in the paper."""

    model = Source
    template_name = "policykb/source_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        citations = Citation.objects.filter(source=self.object).with_records()
        context["locators"] = [
            (locator, list(rows))
            for locator, rows in groupby(
                sorted(citations, key=lambda c: (c.locator, c.content_type_id, c.object_id)),
                key=lambda c: c.locator,
            )
        ]
        context["citation_count"] = sum(len(rows) for _, rows in context["locators"])
        values = list(
            DiscrepancyValue.objects.filter(source=self.object)
            .select_related("discrepancy")
            .order_by("discrepancy__slug", "locator")
        )
        # A value's marker links to its locator here; give the place an anchor if no citation does.
        anchored = {anchor(locator) for locator, _ in context["locators"]}
        for value in values:
            value.anchor_id = None
            if anchor(value.locator) not in anchored:
                value.anchor_id = anchor(value.locator)
                anchored.add(value.anchor_id)
        context["discrepancy_values"] = values
        return context

    def get_page_sources(self, context):
        return [self.object]


class AgencyList(PageMixin, ListView):
    template_name = "policykb/agency_list.html"
    page_title = _("Agencies")

    def get_queryset(self):
        return Agency.objects.for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agencies = list(context["object_list"])
        context["matrix_agencies"] = [a for a in agencies if a.matrix_order]
        context["other_agencies"] = [a for a in agencies if not a.matrix_order]
        return context


class AgencyDetail(RecordPage):
    model = Agency
    template_name = "policykb/agency_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        funding = self.funding()
        context["funding"] = funding
        context["funding_total"] = funding.total()
        context["funding_by_program"] = bar_chart(
            _("Funding by programme"),
            [
                (pick(row["program__name_zh"], row["program__name_en"]), row["total"], None)
                for row in funding.totals_by("program__name_zh", "program__name_en")
            ],
        )
        return context

    def funding(self):
        if not hasattr(self, "_funding"):
            self._funding = self.object.funding.with_related()
        return self._funding

    def related_records(self):
        return self.funding()


class OrganizationList(PageMixin, ListView):
    template_name = "policykb/organization_list.html"
    page_title = _("Organisations")

    def get_queryset(self):
        return Organization.objects.for_list().order_by("kind", "name_en")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = dict(Organization.Kind.choices)
        context["groups"] = [
            (labels.get(kind, kind), list(rows))
            for kind, rows in groupby(context["object_list"], key=lambda o: o.kind)
        ]
        return context


class OrganizationDetail(RecordPage):
    """Every role an organisation plays: lead, partner, recipient, operator, tied institute."""

    model = Organization
    template_name = "policykb/organization_detail.html"
    queryset_method = "with_roles"

    def related_records(self):
        org = self.object
        return [
            org.led_institutes.all(),
            org.led_projects.all(),
            [p.project for p in org.partnerships.all()],
            org.funding_received.all(),
            org.institute_ties.all(),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Where a paper named this organisation in a role the knowledge base gives another.
        context["named_elsewhere"] = (
            DiscrepancyValue.objects.filter(value=self.object.slug, is_chosen=False)
            .select_related("discrepancy", "source")
            .order_by("discrepancy__slug")
        )
        return context

    def get_page_sources(self, context):
        return sources_of(self.related_records())


class ProgramDetail(RecordPage):
    model = Program
    template_name = "policykb/program_detail.html"

    def awards(self):
        if not hasattr(self, "_awards"):
            self._awards = self.object.awards.with_related()
        return self._awards

    def related_records(self):
        return self.awards()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        awards = self.awards()
        context["awards"] = awards
        context["total"] = awards.total()
        context["chart"] = bar_chart(
            _("Amount by award"), [(a.title, a.amount_usd, a.get_absolute_url()) for a in awards]
        )
        return context
