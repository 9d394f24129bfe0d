"""Pages of the knowledge base's own bookkeeping: discrepancies, stated figures and totals."""

from itertools import groupby

from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from policykb.models import Discrepancy, Fact, StatedTotal, attach_citations
from policykb.models.base import pointing_at

from .base import PageMixin, RecordPage, attach_disputes, sources_of


class DiscrepancyList(PageMixin, ListView):
    template_name = "policykb/discrepancy_list.html"
    page_title = _("Where the sources disagree")

    def get_queryset(self):
        return Discrepancy.objects.with_records()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = dict(Discrepancy.Kind.choices)
        context["groups"] = [
            (labels[kind], list(rows))
            for kind, rows in groupby(context["object_list"], key=lambda d: d.kind)
        ]
        return context

    def get_page_sources(self, context):
        sources = {v.source.pk: v.source for d in context["object_list"] for v in d.values.all()}
        return sorted(sources.values(), key=lambda source: source.file_name)


class DiscrepancyDetail(RecordPage):
    model = Discrepancy
    template_name = "policykb/discrepancy_detail.html"
    queryset_method = "with_values"

    def get_page_title(self):
        return self.object.topic

    def get_page_sources(self, context):
        sources = {value.source.pk: value.source for value in self.object.values.all()}
        return sorted(sources.values(), key=lambda source: source.file_name)


class FactList(PageMixin, ListView):
    template_name = "policykb/fact_list.html"
    page_title = _("Stated figures")

    def get_queryset(self):
        return Fact.objects.with_related()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        labels = dict(Fact.Topic.choices)
        context["groups"] = [
            (labels[topic], list(rows))
            for topic, rows in groupby(context["object_list"], key=lambda f: f.topic)
        ]
        return context

    def get_page_sources(self, context):
        return sources_of(context["object_list"])


class FactDetail(RecordPage):
    model = Fact
    template_name = "policykb/fact_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = list(StatedTotal.objects.filter(pointing_at([self.object])))
        for total in totals:
            total.record = self.object  # the page's own record: no second fetch
        context["stated_totals"] = totals
        return context


class StatedTotalList(PageMixin, ListView):
    template_name = "policykb/stated_total_list.html"
    page_title = _("Stated totals and their rows")

    def get_queryset(self):
        return StatedTotal.objects.with_records()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Which totals' rows disagree with them, and the discrepancy that records it: one query.
        records = [total.record for total in context["object_list"]]
        attach_disputes(records)
        attach_citations(records)
        return context

    def get_page_sources(self, context):
        return sources_of([total.record for total in context["object_list"]])


class StatedTotalDetail(RecordPage):
    model = StatedTotal
    template_name = "policykb/stated_total_detail.html"
    queryset_method = "with_records"

    def get_page_title(self):
        return self.object.label

    def related_records(self):
        return [self.object.record]
