"""The programmes' targets beside the monthly indicators (seeds 001 and 002): loaded as data, the
live figures counted from PULS's own records, "not measured" where PULS holds no data, and the
dashboard section."""

import datetime

import pytest
from django.urls import reverse

from jobseekers.models import VulnerabilityDeclaration, VulnerableGroup
from puls.reference.choices import EmployabilityLevel
from puls.reference.models import Agency, County, TrainingCentre
from reports import selectors
from reports.models import LiveMeasure, Programme, ProgrammeTarget
from reports.tasks import refresh_indicator_snapshots
from tests.accounts.factories import UserFactory, agency
from tests.casework.factories import CaseFileFactory
from tests.jobseekers.factories import JobseekerProfileFactory
from tests.stafftraining.factories import SessionFactory, completed_enrolment

pytestmark = pytest.mark.django_db


def _client(level, county="CJ", declared=()):
    profile = JobseekerProfileFactory(county=County.objects.get(code=county))
    CaseFileFactory(profile=profile, level=level)
    for group in declared:
        VulnerabilityDeclaration.objects.create(profile=profile, group=group)
    return profile


def _row(code, *, condition=None, measure=None, agency=None):
    rows = selectors.programme_targets(agency)
    return next(
        row
        for row in rows
        if row["programme"].code == code
        and (condition is None or row["target"].condition == condition)
        and (measure is None or row["target"].measure == measure)
    )


def test_the_seeds_targets_are_data():
    case_management = Programme.objects.get(code="managementul-de-caz")
    assert case_management.start_date is None  # the press release gives none
    beneficiaries = case_management.targets.get()
    assert (beneficiaries.target, beneficiaries.measure) == (102_600, LiveMeasure.CASE_MANAGEMENT)
    smart = Programme.objects.get(code="smart-spo")
    conditions = {t.condition: t for t in smart.targets.exclude(condition=None)}
    assert {n: (t.target, t.measure) for n, t in conditions.items()} == {
        1: (None, ""),
        2: (600, ""),
        3: (1_840, LiveMeasure.STAFF_TRAINED),
        4: (None, ""),
    }
    assert conditions[3].verification == "Certificat de absolvire și dovadă angajat SPO."
    assert [(s.month, s.figure) for s in conditions[3].stages.all()] == [
        (15, 100),
        (26, 600),
        (32, 1_100),
        (38, 1_480),
        (44, 1_840),
    ]
    assert [s.month for s in conditions[4].stages.all()] == [29, 41, 53, 58]
    structures = smart.targets.get(measure=LiveMeasure.STRUCTURES)
    assert structures.target == 52 and "8 CRFPA" in structures.title


def test_case_management_counts_profiled_jobseekers_and_the_vulnerable_among_them():
    cluj = agency("CJ")
    _client(EmployabilityLevel.EASY)
    _client(EmployabilityLevel.HARD)
    _client(EmployabilityLevel.VERY_HARD, declared=[VulnerableGroup.HOMELESS])  # counted once
    _client(EmployabilityLevel.MEDIUM, declared=[VulnerableGroup.MIGRANT])
    _client("", declared=[VulnerableGroup.MIGRANT])  # a case file not profiled: not a beneficiary
    _client(EmployabilityLevel.HARD, county="TM")
    JobseekerProfileFactory()  # no case file at all

    national = selectors.case_management_figures(selectors.case_management_counts(None))
    assert (national["reached"], national["vulnerable"]) == (5, 4)
    local = selectors.case_management_figures(selectors.case_management_counts(cluj))
    assert (local["reached"], local["vulnerable"]) == (4, 3)
    # the breakdown of confidential situations is suppressed under 5
    assert dict(local["breakdown"])[VulnerableGroup.MIGRANT.label] == "<5"

    for _ in range(5):
        _client(EmployabilityLevel.EASY, declared=[VulnerableGroup.LONG_TERM_UNEMPLOYED])
    row = _row("managementul-de-caz", agency=cluj)
    assert (row["reached"], row["agency_reached"]) == (10, 9)
    assert row["percent"] == round(100 * 10 / 102_600, 1)
    breakdown = dict(row["breakdown"])  # the agency's
    assert breakdown[VulnerableGroup.LONG_TERM_UNEMPLOYED.label] == 5
    assert breakdown["of whom vulnerable"] == 8


def test_condition_3_counts_staff_trained_and_the_others_are_not_measured():
    completed_enrolment(session=SessionFactory(), trainee=UserFactory(counsellor=True))
    trainee = UserFactory(counsellor=True, agency=agency("AB"))
    completed_enrolment(session=SessionFactory(), trainee=trainee)
    completed_enrolment(session=SessionFactory(), trainee=trainee)  # the same person twice
    condition_3 = _row("smart-spo", condition=3, agency=agency("CJ"))
    assert (condition_3["reached"], condition_3["agency_reached"]) == (2, 1)
    for number in (1, 2, 4):
        row = _row("smart-spo", condition=number)
        assert row["reached"] is None and row["percent"] is None
    # stages are dated from SMART-SPO's start: condition 3's first at the end of month 15
    smart = Programme.objects.get(code="smart-spo")
    assert condition_3["stages"][0]["due"] == selectors.add_months(
        smart.start_date, 15
    ) - datetime.timedelta(days=1)
    assert not condition_3["stages"][0]["met"]


def test_structures_count_anofm_the_agencies_and_the_training_centres():
    row = _row("smart-spo", measure=LiveMeasure.STRUCTURES)
    centres = TrainingCentre.objects.count()
    assert row["reached"] == 1 + Agency.objects.count() + centres == 1 + 42 + 6
    TrainingCentre.objects.create(kind=TrainingCentre.Kind.REGIONAL, name="CRFPA de completat")
    assert _row("smart-spo", measure=LiveMeasure.STRUCTURES)["reached"] == 50


def test_the_dashboard_shows_each_target_live_or_not_measured(client, users):
    _client(EmployabilityLevel.HARD)
    refresh_indicator_snapshots.delay()  # case management is read from the snapshots
    _client(EmployabilityLevel.HARD)  # after the count: not shown until the next refresh
    client.force_login(users["admin"])  # Cluj
    content = client.get(reverse("reports:dashboard")).content.decode()
    assert content.count('data-testid="programme-target"') == ProgrammeTarget.objects.count()
    assert "Condition 1: The technical and institutional framework" in content
    assert content.count("Not measured in PULS") == 3  # conditions 1, 2 and 4
    assert "A certificate of completion and proof of employment in the SPO." in content
    assert "102,600" in content and "1 in AJOFM Cluj" in content
    assert "Breakdown in AJOFM Cluj" in content


def test_a_programme_without_a_start_has_undated_milestones(client, users):
    case_management = Programme.objects.get(code="managementul-de-caz")
    case_management.milestones.create(indicator="persons_served", month=12, target=100)
    client.force_login(users["analyst"])
    response = client.get(reverse("reports:dashboard"), {"programme": case_management.pk})
    assert response.status_code == 200
    page = client.get(reverse("reports:milestones", args=[case_management.pk]))
    assert "start date is not recorded" in page.content.decode()
