"""One way to write dates, times, money and numbers, in pages, PDFs, e-mails and exports.

Romanian: "3 decembrie 2026", "joi, 3 decembrie 2026, 14:30", "03.12.2026", "4.500 lei", "12,5".
English (British form): "3 December 2026", "Thursday 3 December 2026, 14:30", "03/12/2026",
"4,500 lei", "12.5". Month and weekday names come from the catalogues (lower case in Romanian,
locale/django), the patterns from puls/formats/<language>/formats.py and, for the weekday forms,
from WEEKDAY_PATTERNS below. Aware datetimes are shown in Europe/Bucharest (TIME_ZONE).
Templates use these through the filters of puls/templatetags/puls_format.py (built in: no load).
"""

import datetime
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import dateformat, timezone
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language

from puls.collation import romanian_key

# Django's named formats cannot carry the weekday forms; Romanian puts a comma after the weekday.
WEEKDAY_PATTERNS = {
    "ro": {"date": "l, j F Y", "datetime": "l, j F Y, H:i", "day_month": "l, j F", "month": "N Y"},
    "en": {"date": "l j F Y", "datetime": "l j F Y, H:i", "day_month": "l j F", "month": "M Y"},
}

Dateish = datetime.date | datetime.datetime


def _language() -> str:
    language = (get_language() or "ro").split("-")[0]
    return language if language in WEEKDAY_PATTERNS else "ro"


def _local(value: Dateish) -> Dateish:
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format(value: Dateish | None, pattern: str) -> str:
    if value is None or value == "":
        return ""
    return dateformat.format(_local(value), pattern)


def date_long(value: Dateish | None) -> str:
    """3 decembrie 2026 · 3 December 2026"""
    return _format(value, get_format("DATE_FORMAT"))


def date_numeric(value: Dateish | None) -> str:
    """03.12.2026 · 03/12/2026"""
    return _format(value, get_format("SHORT_DATE_FORMAT"))


def _is_day(value: object) -> bool:
    """A plain date given where a moment was expected: it is written without a time."""
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def datetime_long(value: Dateish | None) -> str:
    """3 decembrie 2026, 14:30 · 3 December 2026, 14:30"""
    if _is_day(value):
        return date_long(value)
    return _format(value, get_format("DATETIME_FORMAT"))


def datetime_numeric(value: Dateish | None) -> str:
    """03.12.2026 14:30 · 03/12/2026 14:30"""
    if _is_day(value):
        return date_numeric(value)
    return _format(value, get_format("SHORT_DATETIME_FORMAT"))


def time_of_day(value: datetime.datetime | datetime.time | None) -> str:
    """14:30, in both languages"""
    if value in (None, "") or _is_day(value):
        return ""
    if isinstance(value, datetime.time):
        return dateformat.time_format(value, get_format("TIME_FORMAT"))
    return _format(value, get_format("TIME_FORMAT"))


def weekday_date(value: Dateish | None) -> str:
    """joi, 3 decembrie 2026 · Thursday 3 December 2026"""
    return _format(value, WEEKDAY_PATTERNS[_language()]["date"])


def weekday_datetime(value: Dateish | None) -> str:
    """joi, 3 decembrie 2026, 14:30 · Thursday 3 December 2026, 14:30"""
    if _is_day(value):
        return weekday_date(value)
    return _format(value, WEEKDAY_PATTERNS[_language()]["datetime"])


def weekday_day_month(value: Dateish | None) -> str:
    """joi, 3 decembrie · Thursday 3 December"""
    return _format(value, WEEKDAY_PATTERNS[_language()]["day_month"])


def day_month(value: Dateish | None) -> str:
    """3 decembrie · 3 December"""
    return _format(value, get_format("MONTH_DAY_FORMAT"))


def month_year(value: Dateish | None) -> str:
    """decembrie 2026 · December 2026"""
    return _format(value, get_format("YEAR_MONTH_FORMAT"))


def month_year_short(value: Dateish | None) -> str:
    """dec. 2026 · Dec 2026 (chart axes, where a month name must be short)"""
    return _format(value, WEEKDAY_PATTERNS[_language()]["month"])


def _decimal(value: Any) -> Decimal | None:
    if value in (None, "") or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def decimal(value: Any, places: int | None = None) -> str:
    """A number with the language's separators: 4.500,5 · 4,500.5 (``places`` fixes the decimals)."""
    number = _decimal(value)
    if number is None:
        return "" if value in (None, "") else str(value)
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


def money(value: Any) -> str:
    """An amount in lei: 4.500 lei, 4.500,50 lei (decimals only when there are any)."""
    number = _decimal(value)
    if number is None:
        return "" if value in (None, "") else str(value)
    places = 0 if number == number.to_integral_value() else 2
    return f"{decimal(number, places)} lei"


def money_range(low: Any, high: Any) -> str:
    """4.000–4.500 lei; one amount when both ends are equal or one is missing."""
    if low in (None, "") or high in (None, "") or _decimal(low) == _decimal(high):
        return money(high if low in (None, "") else low)
    return f"{money(low).removesuffix(' lei')}–{money(high)}"


def sorted_romanian(values: Iterable[Any]) -> list[Any]:
    """Items (counties, names) in Romanian alphabetical order of their text."""
    return sorted(values, key=romanian_key)
