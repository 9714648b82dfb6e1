"""The demo gives the demo counsellor a caseload, and a second run creates nothing."""

import pytest

from casework import selectors
from casework.management import demo
from casework.models import CaseFile, MeasureType, Plan, ProfilingResult, Referral
from jobseekers.management import demo as jobseekers_demo
from puls.accounts.models import User
from puls.demo.services import demo_users_ensure
from tests.employers.factories import CompanyFactory
from tests.mediation.factories import make_occupation, make_vacancy
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_caseload_is_built_once():
    demo_users_ensure()
    jobseekers_demo.demo_data_ensure()
    OrganisationFactory()
    lines = demo.demo_data_ensure()
    assert lines
    counsellor = User.objects.get(email=demo.COUNSELLOR_EMAIL)
    # Six clients, every one assigned on registration (the agency has one counsellor), five profiled.
    assert CaseFile.objects.filter(owner=counsellor).count() == 6
    assert ProfilingResult.objects.filter(case_file__owner=counsellor).count() == 5
    assert selectors.overdue_measures_of(counsellor).count() == 1
    assert Plan.objects.filter(status="issued").count() == 1
    assert Referral.objects.count() == 1
    counts = (CaseFile.objects.count(), Plan.objects.count())
    assert demo.demo_data_ensure() == []
    assert (CaseFile.objects.count(), Plan.objects.count()) == counts


def test_demo_training_referral_teaches_what_the_demo_person_lacks():
    demo_users_ensure()
    jobseekers_demo.demo_data_ensure()
    employer = User.objects.get(email=demo.DEMO_EMPLOYER_EMAIL)
    cor, esco, essential, optional = make_occupation()
    make_vacancy(cor, esco, essential, optional, company=CompanyFactory(admin=employer))
    person = User.objects.get(email=demo.TRAINEE_EMAIL).jobseeker_profile
    person.skills.create(skill=essential[0], level=3)

    assert demo.demo_data_ensure()
    training = MeasureType.objects.get(code="training_referral")
    assert set(training.skills.all()) == set(essential[1:])
    assert demo.demo_data_ensure() == []
