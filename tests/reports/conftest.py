"""Fixtures of the reports tests: users of every kind, and a small hand-built world whose counts
are known."""

import datetime

import pytest
from django.utils import timezone, translation

from employers.models import Company
from jobseekers.models import Education, SkillAssessment
from mediation.models import ProposalStatus
from puls.reference.models import County
from tests.accounts.factories import UserFactory, agency
from tests.employers.factories import CompanyFactory
from tests.jobseekers.factories import JobseekerProfileFactory
from tests.mediation.factories import ProposalFactory, make_occupation, make_vacancy


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def at(year, month, day=15):
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


@pytest.fixture
def users(db, enrol_totp):
    """One user of every kind the permission tests loop over (staff enrolled for MFA)."""
    return {
        "jobseeker": UserFactory(),
        "employer": UserFactory(employer=True),
        "counsellor": enrol_totp(UserFactory(counsellor=True)),
        "other_admin": enrol_totp(UserFactory(agency_admin=True, agency=agency("TM"))),
        "admin": enrol_totp(UserFactory(agency_admin=True)),  # Cluj
        "analyst": enrol_totp(UserFactory(analyst=True)),
    }


@pytest.fixture
def world(db):
    """In March 2026: Cluj has 6 jobseekers (one with a master's), 2 verified companies, 3
    vacancies of 2 posts asking for skill A (one also for B), 2 people proposed (one hired);
    Timiș has 1 jobseeker and 1 vacancy. Seven people in Cluj hold skill A (six new + one
    registered earlier)."""
    cor, esco, (skill_a, skill_b), _optional = make_occupation("2512", essential=2, optional=0)
    march = at(2026, 3)
    cluj = [JobseekerProfileFactory(registered_at=march, birth_year=1990) for _ in range(6)]
    JobseekerProfileFactory(registered_at=at(2026, 1), birth_year=1960)
    Education.objects.create(profile=cluj[0], level="master")
    Education.objects.create(profile=cluj[0], level="bachelor")
    timis = JobseekerProfileFactory(
        registered_at=march, county=County.objects.get(pk="TM"), birth_year=2004
    )
    for profile in [*cluj, *type(timis).objects.filter(county_id="CJ", birth_year=1960)]:
        SkillAssessment.objects.create(profile=profile, skill=skill_a, level=3)
    CompanyFactory.create_batch(2, status=Company.Status.VERIFIED, verified_at=march)
    vacancies = [
        make_vacancy(
            cor, esco, [skill_a] if n else [skill_a, skill_b], communicated_at=march, posts=2
        )
        for n in range(3)
    ]
    make_vacancy(cor, esco, [skill_a], communicated_at=march, county=County.objects.get(pk="TM"))
    ProposalFactory(vacancy=vacancies[0], profile=cluj[0], created_at=march)
    ProposalFactory(
        vacancy=vacancies[1],
        profile=cluj[1],
        created_at=march,
        status=ProposalStatus.HIRED,
        hired_on=datetime.date(2026, 3, 20),
    )
    ProposalFactory(vacancy=vacancies[2], profile=cluj[1], created_at=at(2026, 4))
    return {
        "cor": cor,
        "skill_a": skill_a,
        "skill_b": skill_b,
        "cluj": cluj,
        "timis": timis,
        "vacancies": vacancies,
    }
