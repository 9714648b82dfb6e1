"""Indicator counts and analyses against the hand-built world, and the suppression rule."""

import datetime

from reports import selectors
from reports.models import AccessKind, Indicator, Milestone, Programme
from reports.services import access_record
from reports.tables import Column, Table, suppress
from tests.accounts.factories import agency

MARCH = datetime.date(2026, 3, 1)
START, END = datetime.date(2026, 1, 1), datetime.date(2026, 4, 30)


def test_suppression_rule():
    assert [suppress(n) for n in (0, 1, 4, 5, 120)] == ["<5", "<5", "<5", 5, 120]
    table = Table(
        title="t",
        columns=[Column("name", "Name"), Column("n", "N", count=True)],
        rows=[{"name": "Cluj", "n": 3}, {"name": "Timiș", "n": 12}],
    )
    assert table.cells() == [["Cluj", "<5"], ["Timiș", 12]]


def test_indicator_counts_national_and_for_one_agency(world):
    access_record(kind=AccessKind.SIGN_IN, agency_id=agency("CJ").pk, day=MARCH)
    access_record(kind=AccessKind.SIGN_IN, agency_id=agency("CJ").pk, day=MARCH)
    access_record(kind=AccessKind.BOOKING, agency_id=agency("TM").pk, day=MARCH)

    national = selectors.indicator_monthly(agency=None, start=START, end=END)
    cluj = selectors.indicator_monthly(agency=agency("CJ"), start=START, end=END)

    assert national[Indicator.PERSONS_SERVED][MARCH] == 7
    assert cluj[Indicator.PERSONS_SERVED] == {datetime.date(2026, 1, 1): 1, MARCH: 6}
    assert cluj[Indicator.EMPLOYERS_ASSISTED][MARCH] == 2
    assert national[Indicator.VACANCIES_LOADED][MARCH] == 4
    assert cluj[Indicator.VACANCIES_LOADED][MARCH] == 3
    # cluj[1]'s second proposal (April) does not count them again.
    assert cluj[Indicator.PERSONS_MEDIATED] == {MARCH: 2}
    assert cluj[Indicator.PLACEMENTS] == {MARCH: 1}
    assert cluj[Indicator.ONLINE_ACCESSES] == {MARCH: 2}
    assert national[Indicator.ONLINE_ACCESSES] == {MARCH: 3}


def test_dashboard_measures_milestones_from_the_programme_start(world):
    programme = Programme.objects.create(
        code="t", name="T", start_date=datetime.date(2026, 1, 1), duration_months=12
    )
    Milestone.objects.create(
        programme=programme, indicator=Indicator.PERSONS_SERVED, month=3, target=5
    )

    data = selectors.dashboard(
        agency=agency("CJ"), programme=programme, start=MARCH, end=datetime.date(2026, 3, 31)
    )

    served = next(i for i in data["indicators"] if i["indicator"] == Indicator.PERSONS_SERVED)
    assert served["values"] == [6]  # the period shown: March only
    target = served["targets"][0]
    assert target["due"] == datetime.date(2026, 3, 31)
    assert (target["reached"], target["met"]) == (7, True)  # since January


def test_vacancy_analysis_groups_and_scope(world):
    national = selectors.vacancies_analysis(agency=None, start=START, end=END, group="county")
    cluj = selectors.vacancies_analysis(agency=agency("CJ"), start=START, end=END, group="isco")

    assert [(r["group"], r["vacancies"], r["posts"]) for r in national.rows] == [
        ("Cluj", 3, 6),
        ("Timiș", 1, 2),
    ]
    assert cluj.rows[0]["vacancies"] == 3
    assert cluj.cells()[0][1:] == ["<5", 6]


def test_vacancy_analysis_by_company_size_lists_every_band_and_suppresses(world):
    small, large = world["vacancies"][0].company, world["vacancies"][1].company
    type(small).objects.filter(pk=small.pk).update(size_band="small")
    type(large).objects.filter(pk=large.pk).update(size_band="large")

    table = selectors.vacancies_analysis(agency=None, start=START, end=END, group="size")

    assert [(r["group"], r["vacancies"], r["posts"], r["companies"]) for r in table.rows] == [
        ("Micro (0–9 employees)", 0, 0, 0),
        ("Small (10–49 employees)", 1, 2, 1),
        ("Medium (50–249 employees)", 0, 0, 0),
        ("Large (250 employees or more)", 1, 2, 1),
        ("Not given", 2, 4, 2),
    ]
    assert table.cells()[1] == ["Small (10–49 employees)", "<5", "<5", "<5"]
    assert [column.key for column in table.columns][-1] == "companies"


def test_jobseeker_analysis_by_education_and_age(world):
    education = selectors.jobseekers_analysis(
        agency=agency("CJ"), start=START, end=END, group="education"
    )
    by_level = {row["group"]: row["jobseekers"] for row in education.rows}
    assert by_level["Master's degree (ISCED 7)"] == 1  # highest only, not also bachelor
    assert by_level["Bachelor's degree (ISCED 6)"] == 0
    assert by_level["Not given"] == 6

    ages = selectors.jobseekers_analysis(agency=None, start=START, end=END, group="age")
    by_band = {row["group"]: row["jobseekers"] for row in ages.rows}
    assert by_band == {"15–24": 1, "25–34": 0, "35–44": 6, "45–54": 0, "55+": 1}


def test_competence_gap_per_county(world):
    table = selectors.competence_gap(agency=None, start=START, end=END)
    rows = {(row["county"], row["skill"]): row for row in table.rows}
    cluj_a = rows["Cluj", world["skill_a"].label()]
    assert (cluj_a["posts"], cluj_a["holders"], cluj_a["gap"]) == (6, 7, -1)
    assert rows["Cluj", world["skill_b"].label()]["holders"] == 0
    assert rows["Timiș", world["skill_a"].label()]["holders"] == 0


def test_top_occupations_and_their_competences(world):
    summary, detail = selectors.top_occupations(agency=None, start=START, end=END)

    assert len(summary.rows) == 1
    assert summary.rows[0]["posts"] == 8 and summary.rows[0]["vacancies"] == 4
    assert summary.rows[0]["score"] > 8  # weighted by the days the posts stayed open
    skills = {row["skill"]: row for row in detail.rows}
    assert skills[world["skill_a"].label()]["vacancies"] == 4
    assert skills[world["skill_a"].label()]["holders"] == 7
    assert skills[world["skill_b"].label()]["holders"] == 0


def test_reports_visible_to_agency_admin_only_of_their_agency(users):
    from reports.models import ReportRun

    own = ReportRun.objects.create(
        kind="top50", agency=agency("CJ"), period_start=START, period_end=END
    )
    other = ReportRun.objects.create(
        kind="top50", agency=agency("TM"), period_start=START, period_end=END
    )
    national = ReportRun.objects.create(kind="top50", period_start=START, period_end=END)

    assert list(selectors.reports_visible_to(users["admin"])) == [own]
    assert set(selectors.reports_visible_to(users["analyst"])) == {own, other, national}


def test_sign_ins_and_bookings_are_counted_as_online_accesses(client, db):
    from django.urls import reverse

    from reports.models import AccessCounter
    from tests.accounts.factories import PASSWORD
    from tests.jobseekers.factories import BookingFactory, JobseekerProfileFactory

    person = JobseekerProfileFactory()
    response = client.post(
        reverse("account_login"), {"login": person.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    BookingFactory(profile=person)

    counters = {c.kind: (c.count, c.agency_id) for c in AccessCounter.objects.all()}
    assert counters == {
        AccessKind.SIGN_IN: (1, person.agency_id),
        AccessKind.BOOKING: (1, person.agency_id),
    }


def _csv_rows(tables):
    import csv
    import io

    from reports.exports import tables_csv

    return list(csv.reader(io.StringIO(tables_csv(tables).decode("utf-8-sig"))))


def test_gap_and_coverage_do_not_give_a_suppressed_holders_count_back(world):
    gap = selectors.competence_gap(agency=None, start=START, end=END)
    rows = _csv_rows([gap])
    header = rows[0]
    by_skill = {(row[0], row[1]): row for row in rows[1:] if len(row) == len(header)}
    cluj_b = by_skill["Cluj", world["skill_b"].label()]
    assert cluj_b[header.index("Jobseekers holding it")] == "<5"
    assert cluj_b[header.index("Gap (posts − holders)")] == "—"
    cluj_a = by_skill["Cluj", world["skill_a"].label()]
    assert cluj_a[header.index("Gap (posts − holders)")] == "-1"  # 6 posts, 7 holders

    summary, detail = selectors.top_occupations(agency=None, start=START, end=END)
    rows = _csv_rows([summary, detail])
    summary_header = rows[1]
    assert rows[2][summary_header.index("Competence coverage (%)")] == "—"  # skill_b has <5 holders
    detail_header = rows[5]
    by_skill = {row[2]: row for row in rows[6:] if len(row) == len(detail_header)}
    skill_b = by_skill[world["skill_b"].label()]
    assert skill_b[detail_header.index("Jobseekers holding it")] == "<5"
    assert skill_b[detail_header.index("Gap (posts − holders)")] == "—"
    assert by_skill[world["skill_a"].label()][detail_header.index("Gap (posts − holders)")] == "1"
