"""Pages of the knowledge base's own bookkeeping: discrepancies and stated figures."""

from itertools import groupby

from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from policykb.models import Discrepancy, Fact

from .base import PageMixin, RecordPage, sources_of


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
