"""The template filters of puls.formatting, built into every template (TEMPLATES "builtins").

{{ day|date_long }} → 3 decembrie 2026 · {{ moment|weekday_datetime }} → joi, 3 decembrie 2026,
14:30 · {{ day|date_numeric }} → 03.12.2026 · {{ amount|money }} → 4.500 lei ·
{{ share|decimal:1 }} → 12,5 · {{ profile.wished_counties.all|sorted_romanian|join:", " }}
"""

import functools

from django import template

from puls import formatting
from puls.translated import in_active_language

register = template.Library()


def _forgiving(function):
    """Like Django's own date filter, a value of the wrong type renders as nothing, not a 500."""

    @functools.wraps(function)  # Django reads the arguments of the wrapped function
    def filter_function(value, *args):
        try:
            return function(value, *args)
        except (AttributeError, TypeError, ValueError):
            return ""

    return filter_function


for _name in (
    "date_long",
    "date_numeric",
    "datetime_long",
    "datetime_numeric",
    "time_of_day",
    "weekday_date",
    "weekday_datetime",
    "weekday_day_month",
    "day_month",
    "month_year",
    "month_year_short",
):
    register.filter(
        _name, _forgiving(getattr(formatting, _name)), expects_localtime=True, is_safe=False
    )

register.filter("money", _forgiving(formatting.money), is_safe=False)
register.filter("decimal", _forgiving(formatting.decimal), is_safe=False)
register.filter("sorted_romanian", formatting.sorted_romanian)


@register.filter
def money_range(low, high):
    """{{ vacancy.pay_min|money_range:vacancy.pay_max }} → 4.000–4.500 lei"""
    return _forgiving(formatting.money_range)(low, high)


@register.simple_tag
def in_language(romanian, english=""):
    """{% in_language row.question row.question_en %}: a text stored as data in both languages,
    in the reader's (puls.translated)."""
    return in_active_language(romanian or "", english or "")
