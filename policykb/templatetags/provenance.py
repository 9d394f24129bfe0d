"""Provenance on the page: source markers, disagreeing values side by side, "cite this page"."""

import datetime

from django import template

register = template.Library()


@register.inclusion_tag("includes/sources.html")
def sources(record):
    """Markers linking each source that states this record, at its locator."""
    citations = getattr(record, "citation_list", [])
    return {"citations": citations}


@register.inclusion_tag("includes/sources.html")
def sources_of(records):
    """One marker per source and locator stating any of `records` (e.g. a sum's parts)."""
    seen = {}
    for record in records or []:
        for citation in record.citation_list:
            seen.setdefault((citation.source_id, citation.locator), citation)
    return {"citations": list(seen.values())}


@register.inclusion_tag("includes/disputed.html")
def disputed(record, *field_names):
    """Every source's value of a disputed field, the chosen one marked; nothing if undisputed."""
    disputes = getattr(record, "disputes", None) or {}
    return {"discrepancies": [disputes[name] for name in field_names if name in disputes]}


@register.inclusion_tag("includes/cite_page.html", takes_context=True)
def cite_this_page(context):
    request = context["request"]
    return {
        "title": context.get("page_title", ""),
        "sources": context.get("page_sources", []),
        # With the query: a search or a filtered explorer is cited as the reader saw it.
        "permalink": request.build_absolute_uri(request.get_full_path()),
        "accessed": datetime.date.today(),
    }


@register.filter
def source_number(source):
    """The papers are numbered 000-004 by their seed files; decisions and notes cite them so."""
    return source.file_name[:3]
