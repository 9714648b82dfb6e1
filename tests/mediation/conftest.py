"""Fixtures of the mediation tests: a fresh matching index per test, a small world, users."""

import pytest
from django.utils import translation

from mediation import index
from tests.accounts.factories import UserFactory, agency
from tests.employers.factories import CompanyFactory

from .factories import make_occupation, make_person, make_vacancy


@pytest.fixture(autouse=True)
def english():
    """Messages asserted below are the English msgids, whatever catalogue is compiled."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_index():
    index.reset()
    yield
    index.reset()


@pytest.fixture
def world(db):
    """A published vacancy in Cluj asking for four essential and two optional skills; Ana holds
    all essential skills, Bogdan two of them, Carmen none (but the same occupation)."""
    employer = UserFactory(employer=True)
    company = CompanyFactory(admin=employer, verified=True)
    cor, esco, essential, optional = make_occupation()
    vacancy = make_vacancy(cor, esco, essential, optional, company=company)
    ana = make_person(essential, occupation=esco, user=UserFactory(first_name="Ana"))
    bogdan = make_person(essential[:2], user=UserFactory(first_name="Bogdan"))
    carmen = make_person([], occupation=esco, user=UserFactory(first_name="Carmen"))
    return {
        "vacancy": vacancy,
        "company": company,
        "employer": employer,
        "cor": cor,
        "esco": esco,
        "essential": essential,
        "optional": optional,
        "ana": ana,
        "bogdan": bogdan,
        "carmen": carmen,
    }


@pytest.fixture
def cluj_counsellor(db, enrol_totp):
    return enrol_totp(UserFactory(counsellor=True))


@pytest.fixture
def users(db, enrol_totp):
    """One user of each kind a permission test loops over, staff enrolled in TOTP."""
    return {
        "anonymous": None,
        "jobseeker": UserFactory(),
        "other_employer": UserFactory(employer=True),
        "other_counsellor": enrol_totp(UserFactory(counsellor=True, agency=agency("B"))),
        "counsellor": enrol_totp(UserFactory(counsellor=True)),
        "analyst": enrol_totp(UserFactory(analyst=True)),
    }
