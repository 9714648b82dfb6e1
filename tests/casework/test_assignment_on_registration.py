"""New registrants get a counsellor of their agency by the balancing rule
(``selectors.counsellor_loads``): fewest open cases, then the earliest latest assignment."""

import datetime
import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from casework import selectors, services
from casework.models import CaseFile, OwnerAssignment
from jobseekers.models import AccountState
from puls.reference.models import County
from tests.accounts.factories import UserFactory, agency
from tests.jobseekers.factories import JobseekerProfileFactory, make_cnp
from tests.jobseekers.test_services import register

from .factories import CaseFileFactory

pytestmark = pytest.mark.django_db


def owner_of(profile):
    return CaseFile.objects.get(profile=profile).owner


def test_a_registrant_goes_to_the_counsellor_with_the_fewest_open_cases():
    busy = UserFactory(counsellor=True, agency=agency("CJ"))
    free = UserFactory(counsellor=True, agency=agency("CJ"))
    CaseFileFactory.create_batch(2, owner=busy)
    CaseFileFactory(owner=free)

    profile = register(UserFactory())

    assert owner_of(profile) == free
    assignment = OwnerAssignment.objects.get(case_file__profile=profile)
    assert assignment.by is None and assignment.from_owner is None
    assert "registration" in assignment.reason


def test_closed_accounts_do_not_count_as_open_cases():
    heavy = UserFactory(counsellor=True, agency=agency("CJ"))
    light = UserFactory(counsellor=True, agency=agency("CJ"))
    for _n in range(3):
        CaseFileFactory(
            owner=heavy, profile=JobseekerProfileFactory(account_state=AccountState.CLOSED)
        )
    CaseFileFactory(owner=light)

    assert register(UserFactory()).pk and owner_of(CaseFile.objects.latest("pk").profile) == heavy


def test_between_equal_loads_the_one_assigned_longest_ago_gets_the_case():
    first = UserFactory(counsellor=True, agency=agency("CJ"))
    second = UserFactory(counsellor=True, agency=agency("CJ"))
    for owner, days_ago in ((first, 1), (second, 10)):
        case_file = CaseFileFactory(owner=owner)
        OwnerAssignment.objects.create(
            case_file=case_file,
            to_owner=owner,
            at=timezone.now() - datetime.timedelta(days=days_ago),
        )

    assert owner_of(register(UserFactory())) == second


def test_registrations_take_turns_between_counsellors_of_equal_load():
    counsellors = [UserFactory(counsellor=True, agency=agency("CJ")) for _n in range(2)]

    owners = [owner_of(register(UserFactory())) for _n in range(4)]

    assert sorted(owner.pk for owner in owners) == sorted([c.pk for c in counsellors] * 2)
    assert owners[0] != owners[1] and owners[2] != owners[3]


def test_only_active_counsellors_of_the_persons_agency_are_chosen():
    UserFactory(counsellor=True, agency=agency("AB"))
    UserFactory(counsellor=True, agency=agency("CJ"), is_active=False)
    UserFactory(agency_admin=True, agency=agency("CJ"))

    profile = register(UserFactory())

    assert not CaseFile.objects.filter(profile=profile, owner__isnull=False).exists()
    assert profile in selectors.unassigned_profiles(UserFactory(agency_admin=True))


def test_the_agency_of_the_county_of_residence_decides():
    bucharest = UserFactory(counsellor=True, agency=agency("B"))
    UserFactory(counsellor=True, agency=agency("CJ"))

    profile = register(
        UserFactory(),
        cnp=make_cnp(county="40"),
        county=County.objects.get(code="B"),
    )

    assert owner_of(profile) == bucharest


def test_the_admin_can_still_reassign():
    admin = UserFactory(agency_admin=True, agency=agency("CJ"))
    UserFactory(counsellor=True, agency=agency("CJ"))
    profile = register(UserFactory())
    other = UserFactory(counsellor=True, agency=agency("CJ"))

    services.case_owner_assign(
        case_file=CaseFile.objects.get(profile=profile), owner=other, by=admin, reason="concediu"
    )

    assert owner_of(profile) == other
    assert OwnerAssignment.objects.filter(case_file__profile=profile).count() == 2


def test_an_existing_owner_is_kept():
    owner = UserFactory(counsellor=True, agency=agency("CJ"))
    UserFactory(counsellor=True, agency=agency("CJ"))
    profile = JobseekerProfileFactory()
    CaseFileFactory(profile=profile, owner=owner)

    assert services.case_owner_assign_on_registration(profile=profile).owner == owner
    assert not OwnerAssignment.objects.filter(case_file__profile=profile).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_spread_over_the_counsellors():
    """The agency's row is locked: without the lock, eight registrations at the same moment all
    read the same loads and all go to the same least-loaded counsellor."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers (CI runs this on PostgreSQL)")
    counsellors = [UserFactory(counsellor=True, agency=agency("CJ")) for _n in range(4)]
    profiles = JobseekerProfileFactory.create_batch(8)
    barrier = threading.Barrier(len(profiles))

    def assign(profile):
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():
                services.case_owner_assign_on_registration(profile=profile)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=assign, args=(profile,)) for profile in profiles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    loads = {user.pk: user.load for user in selectors.counsellor_loads(agency("CJ"))}
    assert loads == {counsellor.pk: 2 for counsellor in counsellors}
