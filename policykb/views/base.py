"""What every page view shares: finding a record by slug, its disputes, the sources it cites."""

from collections import defaultdict
from collections.abc import Iterable

from django.db import models
from django.views.generic import DetailView, TemplateView

from policykb.models import Discrepancy, attach_citations
from policykb.models.base import record_key
from policykb.search import title_of


def flatten(groups):
    for group in groups:
        if isinstance(group, models.Model):
            yield group
        elif isinstance(group, Iterable):
            yield from group


def attach_disputes(*groups):
    """Set `record.disputes = {field: discrepancy}` on every record given, in one query."""
    records = [record for record in flatten(groups) if record is not None]
    found = defaultdict(dict)
    for discrepancy in Discrepancy.objects.about(records):
        found[(discrepancy.content_type_id, discrepancy.object_id)][discrepancy.field] = discrepancy
    for record in records:
        record.disputes = found.get(record_key(record), {})
    return records


def disputes_of(records):
    """The discrepancies attached to `records`, each once, in a stable order."""
    seen = {}
    for record in records:
        for discrepancy in getattr(record, "disputes", {}).values():
            seen.setdefault(discrepancy.pk, discrepancy)
    return sorted(seen.values(), key=lambda discrepancy: discrepancy.slug)


def sources_of(*groups):
    """The distinct sources the records' (prefetched) citations name, in paper order."""
    sources = {}
    for record in flatten(groups):
        for citation in getattr(record, "citation_list", ()):
            sources.setdefault(citation.source.pk, citation.source)
    return sorted(sources.values(), key=lambda source: source.file_name)


class PageMixin:
    """`page_title` and `page_sources` feed the <title>, the heading and "cite this page"."""

    page_title = ""

    def get_page_title(self):
        return self.page_title

    def get_page_sources(self, context):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.get_page_title()
        return context

    def render_to_response(self, context, **response_kwargs):
        # Sources are gathered last, once every subclass has put its records in the context.
        context["page_sources"] = self.get_page_sources(context)
        return super().render_to_response(context, **response_kwargs)


class Page(PageMixin, TemplateView):
    pass


class RecordPage(PageMixin, DetailView):
    """A record's page, by slug; `related_records` are shown on it too (for disputes, sources)."""

    queryset_method = "with_related"

    def get_queryset(self):
        manager = self.model._default_manager
        method = getattr(manager, self.queryset_method, None)
        return method() if method else manager.all()

    def get_page_title(self):
        return title_of(self.object)

    def related_records(self):
        return []

    def get_context_data(self, **kwargs):
        related = list(flatten(self.related_records()))
        # What the queryset did not prefetch is cited in one query for the whole page.
        attach_citations([self.object, *related])
        records = attach_disputes(self.object, related)
        context = super().get_context_data(**kwargs)
        context["disputes"] = disputes_of(records)
        return context

    def get_page_sources(self, context):
        return sources_of(self.object, self.related_records())
