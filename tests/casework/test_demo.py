"""The demo gives the demo counsellor a caseload, and a second run creates nothing."""

import pytest

from casework import selectors
from casework.management import demo
from casework.models import CaseFile, Plan, Referral
from jobseekers.management import demo as jobseekers_demo
from puls.accounts.models import User
from puls.demo.services import demo_users_ensure
from tests.network.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_caseload_is_built_once():
    demo_users_ensure()
    jobseekers_demo.demo_data_ensure()
    OrganisationFactory()
    lines = demo.demo_data_ensure()
    assert lines
    counsellor = User.objects.get(email=demo.COUNSELLOR_EMAIL)
    assert CaseFile.objects.filter(owner=counsellor).count() == 5
    assert selectors.overdue_measures_of(counsellor).count() == 1
    assert Plan.objects.filter(status="issued").count() == 1
    assert Referral.objects.count() == 1
    counts = (CaseFile.objects.count(), Plan.objects.count())
    assert demo.demo_data_ensure() == []
    assert (CaseFile.objects.count(), Plan.objects.count()) == counts
