"""Helpers for files people open in spreadsheet programs (CSV, XLSX)."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from openpyxl import Workbook

from puls.formatting import date_numeric, datetime_numeric

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that a spreadsheet program will not run as a formula (CSV injection).

    Text starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe, which
    spreadsheet programs show as plain text; numbers and other values pass unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(value: Any) -> Any:
    """A CSV cell written as PULS writes it: 01.12.2026, 01.12.2026 14:30, 4500,5 (no grouping,
    which a spreadsheet program would read as decimals); text and whole numbers unchanged."""
    if isinstance(value, datetime.datetime):
        return datetime_numeric(value)
    if isinstance(value, datetime.date):
        return date_numeric(value)
    if isinstance(value, Decimal | float):
        return number_format(value, use_l10n=True)
    return value


def xlsx_value(value: Any) -> Any:
    """An XLSX cell keeps its type (a date is a date, a number a number); datetimes in Bucharest
    time, since spreadsheets know no time zones; a translated label as its text."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


XLSX_FORMATS = {datetime.datetime: "DD.MM.YYYY HH:MM", datetime.date: "DD.MM.YYYY"}


def csv_bytes(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV file (UTF-8 with a byte-order mark, so spreadsheet programs read the diacritics)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([[spreadsheet_safe(csv_text(value)) for value in row] for row in rows])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Iterable[tuple[str, Sequence[Any], Iterable[Sequence[Any]]]]) -> bytes:
    """An XLSX workbook; ``sheets`` holds (title, header, rows) triples, one worksheet each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([spreadsheet_safe(xlsx_value(value)) for value in row])
            for cell in sheet[sheet.max_row]:
                if type(cell.value) in XLSX_FORMATS:
                    cell.number_format = XLSX_FORMATS[type(cell.value)]
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
