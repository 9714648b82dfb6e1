"""Small helpers of the reports templates."""

import datetime
from decimal import Decimal

from django import template
from django.utils.formats import number_format

from puls.formatting import date_numeric, decimal

register = template.Library()


@register.filter
def cell(value):
    """Numbers with thousands separators, dates as 01.12.2026; everything else as it is."""
    if isinstance(value, datetime.date):
        return date_numeric(value)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return number_format(value, force_grouping=True)
    return value


@register.simple_tag
def score(by_month, month):
    """The month's average score, shown only when at least 5 people answered."""
    average, answers = by_month.get(month, (None, 0))
    if average is None or answers < 5:
        return "—"
    return f"{decimal(average, 2)} ({answers})"
