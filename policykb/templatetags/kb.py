"""Formatting a record's figures for the page: amounts, dates, values, titles, in both languages."""

from decimal import Decimal

from django import template
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _

from policykb.bilingual import active_language_code
from policykb.dates import format_partial_date
from policykb.search import title_of

register = template.Library()

# (size, Chinese unit, English unit): Chinese counts in 万 and 亿, English in millions and billions.
UNITS = {
    "zh": ((10**8, " 亿"), (10**4, " 万")),
    "en": ((10**9, " billion"), (10**6, " million")),
}


def grouped(number):
    """1234567 -> '1,234,567'; decimals keep their digits but lose trailing zeros."""
    if isinstance(number, Decimal | float):
        number = Decimal(str(number)).normalize()
        if number == number.to_integral():
            number = int(number)
        else:
            return f"{number:,f}"
    return f"{int(number):,}"


def scaled(amount):
    """An amount in the largest unit that shows it exactly to two decimals, else in full."""
    for size, unit in UNITS[active_language_code()]:
        if amount >= size and (amount * 100) % size == 0:
            return f"{grouped(Decimal(amount) / size)}{unit}"
    return grouped(amount)


@register.filter
def usd(amount):
    """Whole US dollars: '6500 万美元' / '$65 million'."""
    if amount is None or amount == "":
        return "—"
    amount = int(amount)
    if active_language_code() == "en":
        return f"${scaled(amount)}"
    text = scaled(amount)
    # "6,500 万美元" but "53,904,522 美元": a unit joins 美元, a bare number is spaced from it.
    return f"{text}美元" if text.endswith(("万", "亿")) else f"{text} 美元"


@register.filter
def qualified(text, qualifier):
    """Prefix a figure with the paper's hedge: 约 / about, 近 / nearly ..."""
    words = {
        "about": _("about"),
        "nearly": _("nearly"),
        "over": _("over"),
        "at_least": _("at least"),
    }
    word = words.get(qualifier or "")
    if not word:
        return text
    joiner = "" if active_language_code() == "zh" else " "
    return f"{word}{joiner}{text}"


@register.filter
def amount(record):
    """An award's amount with its qualifier."""
    return qualified(usd(record.amount_usd), record.qualifier)


@register.filter
def number(value):
    if value is None or value == "":
        return "—"
    return grouped(value)


@register.filter
def partial_date(record, field_name):
    """A date no more precise than the source gave it: `{{ institute|partial_date:"founded" }}`."""
    value = getattr(record, field_name, None)
    precision = getattr(record, f"{field_name}_precision", "")
    if value is None:
        return _("undated")
    return format_partial_date(value, precision, active_language_code())


def unit_value(value, unit):
    """A number in one of the units facts and network figures use."""
    if unit in ("usd",):
        return usd(value)
    if unit in ("percent", "pct"):
        return f"{grouped(value)}%"
    if unit == "ratio":
        return f"{grouped(value)} : 1"
    if unit == "months":
        return _("%(value)s months") % {"value": grouped(value)}
    if unit == "m2":
        return _("%(value)s m²") % {"value": grouped(value)}
    if unit == "multiplier":
        # Dollars returned per federal dollar keep their decimal: $44.9.
        if active_language_code() == "en":
            return f"${grouped(value)}"
        return f"{grouped(value)} 美元"
    return grouped(value)


@register.filter
def fact_value(fact):
    return qualified(unit_value(fact.value, fact.unit), fact.qualifier)


def metric_unit(metric):
    if metric.endswith("_usd"):
        return "usd"
    if metric.endswith("_pct"):
        return "percent"
    if metric == "match_ratio":
        return "ratio"
    return "count"


@register.filter
def metric_value(figure):
    """A network figure ('2,320', '$1.207 亿', '1.5 : 1') with its qualifier."""
    return qualified(unit_value(figure.value, metric_unit(figure.metric)), figure.qualifier)


@register.filter
def record_title(record):
    return title_of(record)


@register.filter
def kind_label(record):
    """What kind of record this is: 'Institute', '研究所'."""
    return capfirst(record._meta.verbose_name)


@register.filter
def anchor(text):
    """A fragment id for a locator or any label: '表 1' -> 'loc-表-1'."""
    return "loc-" + (slugify(str(text), allow_unicode=True) or "x")


@register.filter
def lines(text):
    """The lines of a newline-separated list (aliases)."""
    return [line.strip() for line in str(text or "").splitlines() if line.strip()]


@register.filter
def get(mapping, key):
    return (mapping or {}).get(key)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (sorting, filtering links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
