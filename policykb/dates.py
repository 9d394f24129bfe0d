"""Dates given to the year or month ("2012 年 8 月") are stored with their precision."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatePrecision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


def format_partial_date(value, precision, language="zh"):
    """Render a date no more precisely than the source stated it."""
    if value is None:
        return ""
    if language == "en":
        if precision == DatePrecision.YEAR:
            return f"{value.year}"
        if precision == DatePrecision.MONTH:
            return value.strftime("%b %Y")
        return value.strftime("%-d %b %Y")
    if precision == DatePrecision.YEAR:
        return f"{value.year} 年"
    if precision == DatePrecision.MONTH:
        return f"{value.year} 年 {value.month} 月"
    return f"{value.year} 年 {value.month} 月 {value.day} 日"


def partial_date_text(value, precision):
    """The stable ISO-like text of a partial date ('2012', '2012-08', '2012-08-25')."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
