"""Provenance on the page: source markers, disagreeing values side by side, "cite this page"."""

import datetime

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .kb import anchor

register = template.Library()


@register.simple_tag
def sources(record):
    """Markers linking each source that states this record, at its locator."""
    return source_markers(getattr(record, "citation_list", ()))


@register.simple_tag
def sources_of(records):
    """One marker per source and locator stating any of `records` (e.g. a sum's parts)."""
    seen = {}
    for record in records or []:
        for citation in record.citation_list:
            seen.setdefault((citation.source_id, citation.locator), citation)
    return source_markers(seen.values())


def source_markers(citations):
    """<a class="cite"> per citation. Built here, not in an included template: a page of 100
    funding rows renders it 100 times, and an include costs a context copy and a render each."""
    label = _("Source:")
    links = format_html_join(
        "",
        '<a class="cite" href="{}#{}" title="{}: {} — {}">'
        '<span class="visually-hidden">{} </span>{} {}</a>',
        (
            (
                citation.source.get_absolute_url(),
                anchor(citation.locator),
                citation.source.authors,
                citation.source.title,
                citation.locator,
                label,
                source_number(citation.source),
                Truncator(citation.locator).chars(30),
            )
            for citation in citations
        ),
    )
    return format_html('<span class="sources">{}</span>', links) if links else ""


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
