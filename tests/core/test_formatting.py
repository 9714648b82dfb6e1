"""One way to write dates, money and numbers (puls.formatting and its template filters)."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from puls import formatting

DAY = datetime.date(2026, 12, 3)  # a Thursday
FIRST = datetime.date(2026, 12, 1)
# 12:30 UTC is 14:30 in Bucharest (EET, winter).
MOMENT = datetime.datetime(2026, 12, 3, 12, 30, tzinfo=datetime.UTC)

CASES = {
    "ro": {
        "{{ day|date_long }}": "3 decembrie 2026",
        "{{ first|date_numeric }}": "01.12.2026",
        "{{ moment|datetime_long }}": "3 decembrie 2026, 14:30",
        "{{ moment|datetime_numeric }}": "03.12.2026 14:30",
        "{{ moment|time_of_day }}": "14:30",
        "{{ day|weekday_date }}": "joi, 3 decembrie 2026",
        "{{ moment|weekday_datetime }}": "joi, 3 decembrie 2026, 14:30",
        "{{ day|weekday_day_month }}": "joi, 3 decembrie",
        "{{ day|day_month }}": "3 decembrie",
        "{{ day|month_year }}": "decembrie 2026",
        "{{ day|month_year_short }}": "dec. 2026",
        "{{ pay|money }}": "4.500 lei",
        "{{ subsidy|money }}": "2.250,50 lei",
        "{{ low|money_range:pay }}": "4.000–4.500 lei",
        "{{ pay|money_range:pay }}": "4.500 lei",
        "{{ share|decimal:1 }}": "1.234,6",
        "{{ share|decimal }}": "1.234,56",
        # Django's own filters and plain output follow the same formats.
        "{{ first|date:'SHORT_DATE_FORMAT' }}": "01.12.2026",
        "{{ day }}": "3 decembrie 2026",
        "{{ day|date:'l j F' }}": "joi 3 decembrie",
    },
    "en": {
        "{{ day|date_long }}": "3 December 2026",
        "{{ first|date_numeric }}": "01/12/2026",
        "{{ moment|datetime_long }}": "3 December 2026, 14:30",
        "{{ moment|datetime_numeric }}": "03/12/2026 14:30",
        "{{ moment|time_of_day }}": "14:30",
        "{{ day|weekday_date }}": "Thursday 3 December 2026",
        "{{ moment|weekday_datetime }}": "Thursday 3 December 2026, 14:30",
        "{{ day|weekday_day_month }}": "Thursday 3 December",
        "{{ day|day_month }}": "3 December",
        "{{ day|month_year }}": "December 2026",
        "{{ day|month_year_short }}": "Dec 2026",
        "{{ pay|money }}": "4,500 lei",
        "{{ subsidy|money }}": "2,250.50 lei",
        "{{ low|money_range:pay }}": "4,000–4,500 lei",
        "{{ share|decimal:1 }}": "1,234.6",
        "{{ first|date:'SHORT_DATE_FORMAT' }}": "01/12/2026",
        "{{ day }}": "3 December 2026",
        "{{ moment|date:'DATETIME_FORMAT' }}": "3 December 2026, 14:30",
    },
}
VALUES = {
    "day": DAY,
    "first": FIRST,
    "moment": MOMENT,
    "pay": Decimal("4500.00"),
    "low": 4000,
    "subsidy": Decimal("2250.5"),
    "share": 1234.56,
}


def render(source, language):
    with translation.override(language):
        return Template(source).render(Context(VALUES))


@pytest.mark.parametrize(
    ("language", "source", "expected"),
    [
        (language, source, text)
        for language, cases in CASES.items()
        for source, text in cases.items()
    ],
)
def test_filters(language, source, expected):
    assert render(source, language) == expected


@pytest.mark.parametrize("language", ["ro", "en"])
def test_never_the_us_form_nor_capitals_in_romanian(language):
    text = render(
        "{{ first|date_numeric }} {{ first|datetime_numeric }} {{ first }} {{ first|date:'DATE_FORMAT' }}"
        " {{ moment|date:'SHORT_DATETIME_FORMAT' }} {{ moment|time:'TIME_FORMAT' }}",
        language,
    )
    assert "12/01/2026" not in text and "Dec." not in text
    assert "p.m." not in text and "PM" not in text
    if language == "ro":
        assert text == text.lower()


def test_empty_values_render_nothing():
    with translation.override("ro"):
        assert formatting.date_long(None) == formatting.money(None) == formatting.decimal("") == ""


def test_python_side_uses_the_active_language():
    """Exports, PDFs and e-mails built in Python write the same way."""
    with translation.override("ro"):
        assert formatting.money(Decimal("4500")) == "4.500 lei"
        assert formatting.datetime_long(MOMENT) == "3 decembrie 2026, 14:30"
    with translation.override("en"):
        assert formatting.money(Decimal("4500")) == "4,500 lei"
        assert formatting.date_numeric(FIRST) == "01/12/2026"


def test_lists_in_romanian_order():
    with translation.override("ro"):
        text = Template("{{ names|sorted_romanian|join:', ' }}").render(
            Context({"names": ["Covasna", "Călărași", "Cluj", "Caraș-Severin", "Constanța"]})
        )
    assert text == "Caraș-Severin, Călărași, Cluj, Constanța, Covasna"


def test_exports_write_dates_and_decimals_the_same_way():
    import io

    from openpyxl import load_workbook

    from puls.exports import csv_bytes, xlsx_bytes

    row = [FIRST, MOMENT, Decimal("4500.5"), 4500, "text"]
    with translation.override("ro"):
        text = csv_bytes(["a", "b", "c", "d", "e"], [row]).decode("utf-8-sig")
        assert text.splitlines()[1] == '01.12.2026,03.12.2026 14:30,"4500,5",4500,text'
        workbook = load_workbook(io.BytesIO(xlsx_bytes([("Sheet", ["a"] * 5, [row])])))
    cells = list(workbook.active.iter_rows(min_row=2, values_only=False))[0]
    assert cells[0].value.date() == FIRST and cells[0].number_format == "DD.MM.YYYY"
    assert cells[1].value == datetime.datetime(2026, 12, 3, 14, 30)  # Bucharest time
    assert cells[2].value == 4500.5 and cells[3].value == 4500  # numbers stay numbers


@pytest.mark.parametrize(
    "source",
    [
        "{{ text|date_long }}",
        "{{ text|weekday_datetime }}",
        "{{ text|money }}",
        "{{ text|decimal:2 }}",
    ],
)
def test_a_value_of_the_wrong_type_renders_as_text_or_nothing(source):
    """As Django's own date filter does: a stray string never becomes a server error."""
    with translation.override("ro"):
        assert Template(source).render(Context({"text": "nu e o dată"})) in ("", "nu e o dată")


def test_report_csv_writes_decimals_with_the_language_separator():
    from reports.exports import tables_csv
    from reports.tables import Column, Table

    table = Table(
        title="T", columns=[Column("a", "A"), Column("b", "B")], rows=[{"a": 4.5, "b": FIRST}]
    )
    with translation.override("ro"):
        assert '"4,5",01.12.2026' in tables_csv([table]).decode("utf-8-sig")
    with translation.override("en"):
        assert "4.5,01/12/2026" in tables_csv([table]).decode("utf-8-sig")


def test_date_pickers_get_iso_values_in_every_language():
    """A browser's date picker reads only 2026-12-01, never the page's 01.12.2026."""
    from django import forms as django_forms

    from casework.forms import DateInput, SessionForm

    with translation.override("ro"):
        assert 'value="2026-12-01"' in DateInput().render("day", FIRST)
        widget = SessionForm.base_fields["starts_at"].widget
        assert isinstance(widget, django_forms.DateTimeInput)
        assert 'value="2026-12-03T14:30"' in widget.render(
            "starts_at", datetime.datetime(2026, 12, 3, 14, 30)
        )
