"""The search page: one box on every page, results grouped by kind, best match first."""

from django.utils.translation import gettext_lazy as _

from policykb.search import KINDS_BY_KEY, forgiving_search, normalize

from .base import Page

PER_GROUP = 10
ONE_KIND = 100


class SearchPage(Page):
    template_name = "policykb/search.html"
    page_title = _("Search")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = normalize(self.request.GET.get("q", ""))[:200]
        kind = self.request.GET.get("kind", "")
        kinds = [kind] if kind in KINDS_BY_KEY else None
        results = forgiving_search(query, kinds=kinds, limit=ONE_KIND if kinds else PER_GROUP)
        context.update(
            query=query,
            kind=kind if kinds else "",
            groups=results.groups,
            suggestion=results.suggestion,
            corrected=results.corrected,
            hit_count=sum(len(group.hits) for group in results.groups),
        )
        return context
