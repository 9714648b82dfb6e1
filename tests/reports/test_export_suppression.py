"""What a reader of an exported report sees next to a count suppressed as "<5": nothing that
gives it back (percentages, intervals, chart lines)."""

import csv
import datetime
import io
import re

from openpyxl import load_workbook

from reports import builders, forecasting
from reports.exports import tables_csv, tables_xlsx
from reports.models import Indicator, Milestone, Programme, Series
from tests.accounts.factories import agency

MARCH = datetime.date(2026, 3, 1)
MARCH_END = datetime.date(2026, 3, 31)


def _csv(table):
    rows = list(csv.reader(io.StringIO(tables_csv([table]).decode("utf-8-sig"))))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:] if len(row) == len(header)]


def test_indicator_chart_draws_no_series_with_a_month_under_5(world):
    sections = builders.sections_for("indicators", agency=agency("CJ"), start=MARCH, end=MARCH_END)
    monthly, chart = sections[0].table, str(sections[0].chart)
    row = _csv(monthly)[0]
    assert row[str(Indicator.PERSONS_SERVED.label)] == "6"
    assert row[str(Indicator.VACANCIES_LOADED.label)] == "<5"

    assert len(re.findall(r"<polyline ", chart)) == 1  # persons served only
    assert f"■ {Indicator.PERSONS_SERVED.label}" in chart
    for hidden in (
        Indicator.EMPLOYERS_ASSISTED,
        Indicator.VACANCIES_LOADED,
        Indicator.PERSONS_MEDIATED,
    ):
        assert f"■ {hidden.label}" not in chart
        assert str(hidden.label) in chart  # named in the note
    assert "Not drawn, as a month counts under 5" in chart
    # the one line drawn is persons served (6), a single month
    points = re.search(r'<polyline points="([^"]+)"', chart).group(1).split()
    assert len(points) == 1


def test_milestone_share_is_hidden_when_reached_is_suppressed(world):
    programme = Programme.objects.create(
        code="t", name="T", start_date=datetime.date(2026, 1, 1), duration_months=12
    )
    Milestone.objects.create(
        programme=programme, indicator=Indicator.PERSONS_SERVED, month=3, target=5
    )
    Milestone.objects.create(
        programme=programme, indicator=Indicator.PLACEMENTS, month=3, target=10
    )
    sections = builders.sections_for("indicators", agency=agency("CJ"), start=MARCH, end=MARCH_END)
    rows = {row["Indicator"]: row for row in _csv(sections[1].table)}
    served = rows[str(Indicator.PERSONS_SERVED.label)]
    assert (served["Reached"], served["% of target"]) == ("7", "140")
    placed = rows[str(Indicator.PLACEMENTS.label)]
    assert (placed["Reached"], placed["% of target"]) == ("<5", "—")
    # in the XLSX the share, the target and the counts are numbers, the due date a date
    sheet = load_workbook(io.BytesIO(tables_xlsx([sections[1].table]))).active
    header = [cell.value for cell in sheet[1]]
    cells = {
        line[0].value: dict(zip(header, line, strict=True))
        for line in sheet.iter_rows(2)
        if line[0].value in rows
    }
    served = cells[str(Indicator.PERSONS_SERVED.label)]
    assert (served["% of target"].data_type, served["% of target"].value) == ("n", 140)
    assert (served["Reached"].data_type, served["Target"].data_type) == ("n", "n")
    assert served["Due"].is_date
    assert cells[str(Indicator.PLACEMENTS.label)]["Reached"].value == "<5"


def _item(values, series=Series.VACANCIES):
    months = [datetime.date(2023 + i // 12, i % 12 + 1, 1) for i in range(len(values) + 12)]
    return {
        "history": list(zip(months, values, strict=False)),
        "synthetic": False,
        "result": forecasting.forecast(values, 12),
        "future": months[len(values) :],
        "series": series,
        "county": None,
    }


def test_forecast_interval_is_hidden_beside_a_suppressed_forecast():
    table = builders.forecast_table([_item([2] * 24), _item([40] * 24, Series.JOBSEEKERS)])
    small, large = _csv(table)
    assert (small["Forecast +6"], small["80 % interval +6"]) == ("<5", "—")
    assert (small["Forecast +12"], small["80 % interval +12"]) == ("<5", "—")
    assert large["Forecast +6"] == "40"
    assert re.fullmatch(r"\d+–\d+", large["80 % interval +6"])


def test_the_forecast_chart_draws_no_line_with_a_count_under_5():
    import datetime

    from reports import builders, forecasting
    from reports.models import Series

    history = [(datetime.date(2024, month, 1), 2 if month == 6 else 40) for month in range(1, 13)]
    item = {
        "history": history,
        "result": forecasting.forecast([v for _m, v in history], 12),
        "future": [datetime.date(2025, month, 1) for month in range(1, 13)],
        "series": Series.VACANCIES,
        "county": None,
        "synthetic": False,
    }

    svg = str(builders.forecast_chart(item))

    assert "Observed" not in svg.split("Not drawn")[0]
    assert "Not drawn, as a month counts under 5: Observed" in svg
