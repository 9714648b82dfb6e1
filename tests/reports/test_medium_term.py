"""Medium-term (yearly) projections per ISCO major group: the forecasting machinery on a yearly
series, the fallback on a short one, and the section of the forecasts page and of the report."""

import datetime

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone

from reports import builders, forecasting, selectors
from tests.mediation.factories import make_occupation, make_vacancy


def test_yearly_trend_series_beats_or_equals_the_naive_projection():
    rng = np.random.default_rng(7)
    years = np.arange(14)
    series = list(200 + 25 * years + rng.normal(0, 6, len(years)))

    result = forecasting.forecast(series, 3, season=1)

    assert result.method == "ets"
    assert result.backtest_mae <= result.baseline_mae
    assert len(result.points) == len(result.lower) == len(result.upper) == 3
    assert result.points[0] > series[-1]  # the trend goes on
    assert all(
        lo <= p <= hi for lo, p, hi in zip(result.lower, result.points, result.upper, strict=True)
    )
    assert not result.fallback


def test_flat_yearly_series_keeps_the_naive_projection_with_its_error():
    result = forecasting.forecast([100, 101, 99, 100, 102, 98, 100, 101, 99, 100], 3, season=1)

    assert result.method in ("naive", "ets")
    assert result.backtest_mae is not None and result.baseline_mae is not None
    assert result.backtest_mae <= result.baseline_mae


def test_too_few_years_fall_back_to_naive_and_say_so():
    result = forecasting.forecast([120, 130, 150, 160], 3, season=1)

    assert result.method == "naive"
    assert result.points == [160.0] * 3
    assert "Only 4 periods of history" in result.fallback
    assert "naive forecast" in result.fallback


def _vacancy_in(year, occupation, **kwargs):
    cor, esco, skills, _optional = occupation
    make_vacancy(
        cor,
        esco,
        skills,
        communicated_at=timezone.make_aware(datetime.datetime(year, 6, 1, 12)),
        **kwargs,
    )


@pytest.fixture
def history(db):
    """Vacancies of ISCO group 2 in the last three whole years (1, 0, 2) and one of group 7 this
    year (not yet whole: left out)."""
    this_year = timezone.localdate().year
    programmers = make_occupation("2512", essential=1, optional=0)
    masons = make_occupation("7112", essential=1, optional=0)
    _vacancy_in(this_year - 3, programmers)
    _vacancy_in(this_year - 1, programmers)
    _vacancy_in(this_year - 1, programmers)
    _vacancy_in(this_year, masons)
    return this_year


def test_yearly_totals_per_major_group_from_the_live_vacancies(history):
    groups, years = selectors.yearly_vacancies_by_major_group(last_year=history - 1)

    assert years == [history - 3, history - 2, history - 1]
    assert groups == {"2": [(history - 3, 1), (history - 2, 0), (history - 1, 2)]}


def test_medium_term_table_projects_three_years_and_says_it_fell_back(history):
    table = builders.medium_term_table()

    assert [column.label for column in table.columns if "Projection" in str(column.label)] == [
        f"Projection {history + h}" for h in range(3)
    ]
    row = table.rows[0]
    assert (row["method"], row["p1"], row["p3"]) == ("Naive (last value)", 2, 2)
    assert "Only 3 periods of history" in row["note"]
    assert table.cells()[0][2] == "<5"  # counts suppressed like every other table


def test_forecasts_page_shows_the_medium_term_section(client, users, history):
    client.force_login(users["analyst"])
    response = client.get(reverse("reports:forecasts"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Medium-term projections by occupation group" in content
    assert "Only 3 periods of history" in content


def test_medium_term_is_a_report_kind(history):
    sections = builders.sections_for(
        "medium_term", agency=None, start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31)
    )
    assert len(sections) == 1 and sections[0].table.rows[0]["last"] == 2


def test_medium_term_interval_is_hidden_beside_a_suppressed_projection(history):
    import csv
    import io

    from reports.exports import tables_csv

    rows = list(
        csv.reader(io.StringIO(tables_csv([builders.medium_term_table()]).decode("utf-8-sig")))
    )
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row[f"Projection {history}"] == "<5"  # 2 vacancies a year
    assert row[f"80 % interval {history}"] == "—"
