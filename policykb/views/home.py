"""The front door: `/` picks a language; the home page says what the knowledge base holds."""

from dataclasses import dataclass

from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from institutes.models import Institute, MepYear, NetworkMetric
from policykb.i18n import url_prefix
from policykb.models import Agency, Discrepancy, Fact, FundingAward, Organization, Program, Source
from policykb.templatetags.kb import metric_value, number, usd
from roadmaps.models import FocusArea, Project
from strategy.models import Goal, Objective, Policy, Recommendation

from .base import Page


def language_redirect(request):
    """`/` goes to /zh/ or /en/ by the browser's Accept-Language; Chinese when neither fits."""
    language = translation.get_language_from_request(request)
    response = HttpResponseRedirect(f"/{url_prefix(language)}/")
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@dataclass
class Figure:
    """A headline figure on the home page, with the record whose sources it shows."""

    label: str
    value: str
    record: object
    url: str


HEADLINE_METRICS = ("institutes", "members", "projects")


def headline_figures():
    figures = []
    latest = (
        NetworkMetric.objects.filter(is_primary=True, metric__in=HEADLINE_METRICS)
        .order_by("-year")
        .with_sources()
    )
    seen = set()
    for metric in latest:
        if metric.metric not in seen:
            seen.add(metric.metric)
            label = _("Manufacturing USA, %(year)s: %(metric)s") % {
                "year": metric.year,
                "metric": metric.get_metric_display(),
            }
            figures.append(Figure(label, metric_value(metric), metric, metric.get_absolute_url()))
    mep = MepYear.objects.with_sources().order_by("-year").first()
    if mep:
        figures.append(
            Figure(
                _("MEP, %(year)s: manufacturers served") % {"year": mep.year},
                number(mep.manufacturers),
                mep,
                mep.get_absolute_url(),
            )
        )
    programs = Program.objects.with_related().annotate(award_count=Count("awards"))
    for program in programs.filter(slug__in=["american-rescue-plan", "mfgtech"]):
        total = program.awards.total()
        label = _("%(programme)s: %(count)s awards") % {
            "programme": program.acronym or program.name,
            "count": program.award_count,
        }
        figures.append(Figure(label, usd(total), program, program.get_absolute_url()))
    return figures


class Home(Page):
    template_name = "policykb/home.html"
    page_title = _("PolicyKB: US advanced-manufacturing policy")

    def get_context_data(self, **kwargs):
        self.figures = headline_figures()
        context = super().get_context_data(**kwargs)
        context["figures"] = self.figures
        context["sections"] = sections()
        context["institutes"] = Institute.objects.select_related("agency")
        context["areas"] = FocusArea.objects.all()
        context["goals"] = Goal.objects.all()
        return context

    def get_page_sources(self, context):
        sources = {}
        for figure in self.figures:
            for citation in figure.record.citation_list:
                sources.setdefault(citation.source.pk, citation.source)
        return sorted(sources.values(), key=lambda source: source.file_name)


SECTIONS = [
    (_("Manufacturing USA institutes"), Institute, "institutes:institute-list"),
    (_("Agencies"), Agency, "policykb:agency-list"),
    (_("Organisations"), Organization, "policykb:organization-list"),
    (_("NSAM 2022 goals"), Goal, "strategy:nsam"),
    (_("NSAM objectives"), Objective, "strategy:nsam"),
    (_("NSAM recommendations"), Recommendation, "strategy:nsam"),
    (_("MFGTech roadmap projects"), Project, "roadmaps:area-list"),
    (_("Funding awards and budget lines"), FundingAward, "policykb:funding-list"),
    (_("Policies in the timeline"), Policy, "strategy:policy-list"),
    (_("Stated figures"), Fact, "policykb:fact-list"),
    (_("Discrepancies between sources"), Discrepancy, "policykb:discrepancy-list"),
    (_("Sources"), Source, "policykb:source-list"),
]


def sections():
    """Entry points: every kind of record, how many there are and where their list is."""
    return [(label, model.objects.count(), reverse(url)) for label, model, url in SECTIONS]
