"""A stated total beside what its rows add to, in the units the total is stated in."""

from django import template

from .kb import grouped, usd

register = template.Library()


def is_money(total):
    record = total.record
    return (
        total.field == "amount_usd"
        or total.rows_field == "amount_usd"
        or getattr(record, "unit", "") == "usd"
        or getattr(record, "metric", "").endswith("_usd")
    )


def figure(total, value):
    return usd(value) if is_money(total) else grouped(value)


@register.filter
def rows_figure(total):
    """What the rows add to (or count, or their largest), formatted like the stated figure."""
    return figure(total, total.rows_total)


@register.filter
def difference_figure(total):
    difference = total.difference
    text = figure(total, abs(difference))
    return f"+{text}" if difference > 0 else (f"−{text}" if difference < 0 else "0")


@register.filter
def disagreement(total):
    """The discrepancy recording that the total and its rows disagree (from attach_disputes)."""
    return getattr(total.record, "disputes", {}).get(total.field)
