"""The funding explorer: every award and budget line, filtered, totalled and charted."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from institutes.models import Institute
from policykb.models import Agency, FundingAward, Organization, Program
from policykb.search import title_of
from policykb.views.charts import bar_chart, pick

from .base import PageMixin, RecordPage, attach_disputes, sources_of


class SlugChoiceField(forms.ModelChoiceField):
    """Filters by slug, so a filtered explorer page has a readable, stable address."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)

    def label_from_instance(self, obj):
        return title_of(obj)


class FundingFilterForm(forms.Form):
    program = SlugChoiceField(Program.objects.all(), label=_("Programme"), empty_label=_("All"))
    agency = SlugChoiceField(
        Agency.objects.filter(funding__isnull=False).distinct(),
        label=_("Agency"),
        empty_label=_("All"),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    recipient = SlugChoiceField(
        Organization.objects.filter(funding_received__isnull=False).distinct(),
        label=_("Recipient"),
        empty_label=_("All"),
    )
    institute = SlugChoiceField(
        Institute.objects.filter(funding__isnull=False).distinct(),
        label=_("Institute"),
        empty_label=_("All"),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = FundingAward.objects.filter(date__isnull=False).dates("date", "year")
        self.fields["year"].choices = [("", _("All"))] + [(d.year, d.year) for d in years]
        self.fields["kind"].choices = [("", _("All")), *FundingAward.Kind.choices]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        for name in ("program", "agency", "recipient", "institute"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        if data.get("year"):
            queryset = queryset.filter(date__year=data["year"])
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        return queryset


class FundingList(PageMixin, ListView):
    template_name = "policykb/funding_list.html"
    page_title = _("Funding explorer")

    def get_queryset(self):
        self.form = FundingFilterForm(self.request.GET or None)
        return self.form.filter(FundingAward.objects.with_related())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        awards = context["object_list"]
        attach_disputes(awards)
        context["form"] = self.form
        context["total"] = awards.total()
        context["totals_by_kind"] = [
            (FundingAward.Kind(row["kind"]).label, row["total"], row["count"])
            for row in awards.totals_by("kind")
        ]
        context["charts"] = funding_charts(awards)
        return context

    def get_page_sources(self, context):
        return sources_of(context["object_list"])


def funding_charts(awards):
    """Funding by programme, by MFGTech focus area and by recipient, for the awards shown."""
    by_program = [
        (
            pick(r["program__name_zh"], r["program__name_en"]) or _("set by a policy"),
            r["total"],
            None,
        )
        for r in awards.totals_by("program__name_zh", "program__name_en")
    ]
    by_area = [
        (pick(r["project__area__name_zh"], r["project__area__name_en"]), r["total"], None)
        for r in awards.filter(project__isnull=False).totals_by(
            "project__area__name_zh", "project__area__name_en"
        )
    ]
    by_recipient = [
        (pick(r["recipient__name_zh"], r["recipient__name_en"]), r["total"], None)
        for r in awards.filter(recipient__isnull=False).totals_by(
            "recipient__name_zh", "recipient__name_en"
        )
    ]
    charts = [
        bar_chart(_("Funding by programme"), by_program),
        bar_chart(_("Funding by roadmap focus area"), by_area),
        bar_chart(_("Funding by recipient"), by_recipient),
    ]
    return [chart for chart in charts if chart.bars]


class FundingDetail(RecordPage):
    model = FundingAward
    template_name = "policykb/funding_detail.html"
