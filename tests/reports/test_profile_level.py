"""Jobseekers by profiling level (read from casework), with the people never profiled shown apart,
the small-cell suppression and the exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from puls.reference.models import County
from reports import selectors
from tests.accounts.factories import agency
from tests.casework.factories import CaseFileFactory
from tests.jobseekers.factories import JobseekerProfileFactory
from tests.reports.conftest import at

QUERY = {"period_start": "2026-01-01", "period_end": "2026-04-30", "group": "level"}


@pytest.fixture
def levels(db):
    """Cluj, March 2026: 6 easy, 2 hard, 1 with a case file but no level yet and 5 without a case
    file (6 not profiled); Timiș: 1 medium."""

    def person(**kwargs):
        return JobseekerProfileFactory(registered_at=at(2026, 3), **kwargs)

    for _ in range(6):
        CaseFileFactory(profile=person(), level="easy")
    for _ in range(2):
        CaseFileFactory(profile=person(), level="hard")
    CaseFileFactory(profile=person(), level="")
    for _ in range(5):
        person()
    CaseFileFactory(profile=person(county=County.objects.get(pk="TM")), level="medium")


def test_counts_by_level_including_the_never_profiled(levels):
    cluj = selectors.jobseekers_analysis(
        agency=agency("CJ"), start=at(2026, 1).date(), end=at(2026, 4).date(), group="level"
    )

    assert [(row["group"], row["jobseekers"]) for row in cluj.rows] == [
        ("Easily employable", 6),
        ("Medium employable", 0),
        ("Hard to employ", 2),
        ("Very hard to employ", 0),
        ("Not profiled", 6),
    ]
    assert [cells[1] for cells in cluj.cells()] == [6, "<5", "<5", "<5", 6]

    national = selectors.jobseekers_analysis(
        agency=None, start=at(2026, 1).date(), end=at(2026, 4).date(), group="level"
    )
    assert {row["group"]: row["jobseekers"] for row in national.rows}["Medium employable"] == 1


def test_level_analysis_page_and_exports_suppress_small_cells(
    client, users, levels, django_assert_max_num_queries
):
    client.force_login(users["admin"])
    with django_assert_max_num_queries(15):
        page = client.get(reverse("reports:jobseeker_analysis"), QUERY)
    assert page.status_code == 200
    assert "Not profiled" in page.content.decode()

    response = client.get(reverse("reports:jobseeker_analysis"), {**QUERY, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Profile level", "Jobseekers"]
    assert rows[1:6] == [
        ["Easily employable", "6"],
        ["Medium employable", "<5"],
        ["Hard to employ", "<5"],
        ["Very hard to employ", "<5"],
        ["Not profiled", "6"],
    ]

    response = client.get(reverse("reports:jobseeker_analysis"), {**QUERY, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[4]] == ["Hard to employ", "<5"]
    assert [c.value for c in sheet[6]] == ["Not profiled", 6]


def test_jobseekers_report_has_a_level_section(levels):
    from reports.builders import sections_for

    sections = sections_for(
        "jobseekers", agency=agency("CJ"), start=at(2026, 1).date(), end=at(2026, 4).date()
    )
    assert "Jobseekers by profile level" in [section.table.title for section in sections]
