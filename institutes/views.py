"""Manufacturing USA pages: the institutes, the 2015 proposals, network figures and MEP results."""

from collections import defaultdict

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from policykb.models import Fact, FundingAward, prefetch_citations
from policykb.templatetags.kb import usd
from policykb.views.base import Page, PageMixin, RecordPage, attach_disputes, sources_of
from policykb.views.charts import bar_chart, line_chart

from .models import Institute, InstituteProposal, MemberCount, MepYear, NetworkMetric

SORTS = {
    "number": ("number",),
    "founded": ("founded", "number"),
    "-founded": (F("founded").desc(), "number"),
    "members": (F("members").asc(nulls_last=True), "number"),
    "-members": (F("members").desc(nulls_last=True), "number"),
    "investment": (F("investment_usd").asc(nulls_last=True), "number"),
    "-investment": (F("investment_usd").desc(nulls_last=True), "number"),
}


class InstituteList(PageMixin, ListView):
    template_name = "institutes/institute_list.html"
    page_title = _("Manufacturing USA institutes")

    def get_queryset(self):
        self.sort = self.request.GET.get("sort", "number")
        if self.sort not in SORTS:
            self.sort = "number"
        return Institute.objects.for_list().order_by(*SORTS[self.sort])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institutes = context["object_list"]
        # The latest member count shown for each institute, with its sources.
        counts = MemberCount.objects.filter(
            pk__in=[i.members_record for i in institutes if i.members_record]
        ).prefetch_related(prefetch_citations())
        by_pk = {count.pk: count for count in counts}
        for institute in institutes:
            institute.latest_count = by_pk.get(institute.members_record)
        context["sort"] = self.sort
        context["sort_options"] = [
            ("number", _("number")),
            ("founded", _("founding date")),
            ("-members", _("members")),
            ("-investment", _("investment")),
        ]
        context["proposals"] = InstituteProposal.objects.with_related()
        context["chart"] = bar_chart(
            _("Federal and non-federal investment committed"),
            [
                (i.acronym, [i.federal_usd or 0, i.nonfederal_usd or 0], i.get_absolute_url())
                for i in institutes
                if i.investment_usd
            ],
            legend=[_("federal"), _("non-federal")],
        )
        return context

    def get_page_sources(self, context):
        return sources_of(context["object_list"])


class InstituteDetail(RecordPage):
    model = Institute
    template_name = "institutes/institute_detail.html"
    queryset_method = "with_page"

    def related_records(self):
        institute = self.object
        return [
            institute.member_counts.all(),
            institute.funding.all(),
            institute.ties.all(),
            [institute.lead],
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institute = self.object
        funding = list(institute.funding.all())
        federal = [f for f in funding if f.kind == FundingAward.Kind.FEDERAL_COMMITMENT]
        matching = [f for f in funding if f.kind == FundingAward.Kind.MATCHING_COMMITMENT]
        federal_usd = sum(f.amount_usd for f in federal)
        nonfederal_usd = sum(f.amount_usd for f in matching)
        context.update(
            commitments=federal + matching,
            federal=federal,
            matching=matching,
            federal_usd=federal_usd,
            nonfederal_usd=nonfederal_usd,
            ratio=round(nonfederal_usd / federal_usd, 2) if federal_usd else None,
            awards=[f for f in funding if f not in federal and f not in matching],
            investment_chart=bar_chart(
                _("Investment committed"),
                [
                    (_("federal"), [federal_usd, 0], None),
                    (_("non-federal"), [0, nonfederal_usd], None),
                ],
            )
            if federal_usd or nonfederal_usd
            else None,
            members_chart=self.members_chart(),
            projects=self.projects(),
        )
        return context

    def members_chart(self):
        """Member counts over the years, one line per source that gives them."""
        series = defaultdict(list)
        for count in self.object.member_counts.all():
            for citation in count.citation_list:
                series[citation.source].append((count.year, count.count, None))
        if not series:
            return None
        rows = [
            (f"{source.file_name[:3]} {source.authors}", sorted(set(points)))
            for source, points in sorted(series.items(), key=lambda item: item[0].file_name)
        ]
        return line_chart(_("Members over time, by source"), rows)

    def projects(self):
        """Roadmap projects the institute's own organisation record leads or partners in."""
        organization = self.object.organization
        projects = {f.project for f in self.object.funding.all() if f.project}
        if organization:
            projects |= set(organization.led_projects.all())
            projects |= {p.project for p in organization.partnerships.select_related("project")}
        return sorted(projects, key=lambda p: p.slug)


class ProposalDetail(RecordPage):
    model = InstituteProposal
    template_name = "institutes/proposal_detail.html"


class Network(Page):
    """The network's yearly figures, 2015-2021: every source's value, the shown one first."""

    template_name = "institutes/network.html"
    page_title = _("Manufacturing USA network figures")

    def get_context_data(self, **kwargs):
        self.metrics = list(NetworkMetric.objects.with_sources())
        attach_disputes(self.metrics)
        context = super().get_context_data(**kwargs)
        years = sorted({m.year for m in self.metrics})
        cells = defaultdict(list)
        for metric in self.metrics:
            cells[(metric.metric, metric.year)].append(metric)
        labels = dict(NetworkMetric.Metric.choices)
        present = {m.metric for m in self.metrics}
        context["years"] = years
        context["rows"] = [
            (labels[key], [cells.get((key, year), []) for year in years])
            for key in NetworkMetric.Metric.values
            if key in present
        ]
        context["charts"] = self.charts()
        context["facts"] = Fact.objects.filter(topic=Fact.Topic.NETWORK).with_related()
        return context

    def series(self, *keys):
        labels = dict(NetworkMetric.Metric.choices)
        return [
            (
                labels[key],
                [
                    (m.year, m.value, m.get_absolute_url())
                    for m in self.metrics
                    if m.metric == key and m.is_primary
                ],
            )
            for key in keys
        ]

    def charts(self):
        return [
            line_chart(_("Institutes"), self.series("institutes")),
            line_chart(_("Members"), self.series("members")),
            line_chart(_("R&D projects"), self.series("projects")),
            line_chart(
                _("Investment (USD)"), self.series("federal_usd", "nonfederal_usd"), fmt=usd
            ),
            line_chart(_("Workers and students trained"), self.series("trainees")),
        ]

    def get_page_sources(self, context):
        return sources_of(self.metrics, context["facts"])


class Mep(Page):
    """Manufacturing Extension Partnership results, 2016-2020 (003 表 3)."""

    template_name = "institutes/mep.html"
    page_title = _("Manufacturing Extension Partnership results")

    def get_context_data(self, **kwargs):
        self.years = list(MepYear.objects.with_sources())
        attach_disputes(self.years)
        context = super().get_context_data(**kwargs)
        context["years"] = self.years
        context["facts"] = Fact.objects.filter(topic=Fact.Topic.MEP).with_related()
        context["charts"] = [
            line_chart(
                _("Manufacturers served and jobs created or retained"),
                [
                    (_("manufacturers served"), self.points("manufacturers")),
                    (_("jobs created or retained"), self.points("jobs")),
                ],
            ),
            line_chart(
                _("New sales and cost savings (USD)"),
                [
                    (_("new sales"), self.points("new_sales_usd")),
                    (_("cost savings"), self.points("cost_savings_usd")),
                ],
                fmt=usd,
            ),
            line_chart(
                _("Return per federal dollar (USD)"),
                [(_("return per federal dollar"), self.points("return_per_dollar"))],
            ),
        ]
        return context

    def points(self, field_name):
        return [(y.year, getattr(y, field_name), y.get_absolute_url()) for y in self.years]

    def get_page_sources(self, context):
        return sources_of(self.years, context["facts"])
