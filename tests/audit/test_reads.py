"""Reads of personal data that write to the trail: the admin's change and list pages of
personal-data models, and the staff list pages that show people's names (one INSERT per page
view, one ``list`` row in each listed person's trail, shown in their dossier)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobseekers.models import ClosureRequest, VacancyInterest
from puls.audit.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.casework.factories import CaseFileFactory
from tests.employers.factories import VacancyFactory
from tests.jobseekers.factories import (
    BookingFactory,
    JobseekerProfileFactory,
    aware,
    counsellor_factory,
)

pytestmark = pytest.mark.django_db
AUDIT_TABLE = AuditEntry._meta.db_table


def audit_inserts(queries):
    return [q for q in queries if q["sql"].startswith(f'INSERT INTO "{AUDIT_TABLE}"')]


def listed(profile):
    return AuditEntry.objects.filter(
        action=AuditEntry.Action.LIST, target_object_id=str(profile.pk)
    )


@pytest.fixture
def superuser_client(client, enrol_totp):
    user = enrol_totp(UserFactory(is_staff=True, is_superuser=True))
    client.force_login(user)
    client.user = user
    return client


def test_opening_a_profile_in_the_admin_is_audited_and_shown_to_the_person(
    superuser_client, client
):
    profile = JobseekerProfileFactory()
    url = reverse("admin:jobseekers_jobseekerprofile_change", args=[profile.pk])

    assert superuser_client.get(url).status_code == 200

    entry = AuditEntry.objects.get(action=AuditEntry.Action.VIEW)
    assert (entry.actor, entry.target_object_id, entry.path) == (
        superuser_client.user,
        str(profile.pk),
        url,
    )
    person = type(client)()
    person.force_login(profile.user)
    trail = person.get(reverse("jobseekers:dossier")).context["openings"]
    assert [e.actor for e in trail] == [superuser_client.user]


def test_an_admin_list_page_writes_one_insert_with_a_row_per_person_shown(superuser_client):
    profiles = JobseekerProfileFactory.create_batch(3)

    with CaptureQueriesContext(connection) as queries:
        response = superuser_client.get(reverse("admin:jobseekers_jobseekerprofile_changelist"))

    assert response.status_code == 200
    assert len(audit_inserts(queries.captured_queries)) == 1
    for profile in profiles:
        assert listed(profile).get().actor == superuser_client.user


def test_an_admin_list_of_bookings_is_audited_in_the_trail_of_each_person(superuser_client):
    booking = BookingFactory()
    superuser_client.get(reverse("admin:jobseekers_booking_changelist"))
    superuser_client.get(reverse("admin:jobseekers_booking_change", args=[booking.pk]))
    trail = AuditEntry.objects.filter(target_object_id=str(booking.profile_id))
    assert sorted(trail.values_list("action", flat=True)) == ["list", "view"]


def test_an_admin_post_is_not_counted_as_a_read(superuser_client):
    profile = JobseekerProfileFactory()
    url = reverse("admin:jobseekers_closurerequest_changelist")
    ClosureRequest.objects.create(profile=profile)
    superuser_client.post(url, {"action": "delete_selected", "_selected_action": []})
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.LIST).exists()


# --- Staff list pages -----------------------------------------------------------------------------


def _people(counsellor, page):
    """Two people of the counsellor's agency, shown on ``page``."""
    people = JobseekerProfileFactory.create_batch(2)
    if page == "jobseekers:staff_interests":
        for person in people:
            VacancyInterest.objects.create(profile=person, vacancy=VacancyFactory())
    elif page == "jobseekers:staff_closures":
        for person in people:
            ClosureRequest.objects.create(profile=person)
    elif page == "jobseekers:staff_calendar":
        day = timezone.localdate() + datetime.timedelta(days=3)
        for hour, person in enumerate(people, start=10):
            BookingFactory(
                profile=person, slot__counsellor=counsellor, slot__start=aware(day, hour)
            )
    elif page == "casework:caseload":
        for person in people:
            CaseFileFactory(profile=person, owner=counsellor)
    return people


@pytest.mark.parametrize(
    ("page", "role"),
    [
        ("jobseekers:staff_profiles", "counsellor"),
        ("jobseekers:staff_interests", "counsellor"),
        ("jobseekers:staff_closures", "counsellor"),
        ("jobseekers:staff_calendar", "counsellor"),
        ("casework:caseload", "counsellor"),
        ("casework:assignments", "agency_admin"),
    ],
)
def test_a_staff_list_page_audits_every_person_it_shows_in_one_insert(
    client, enrol_totp, page, role
):
    if role == "counsellor":
        staff = enrol_totp(counsellor_factory("CJ"))
    else:
        staff = enrol_totp(UserFactory(agency_admin=True))
    people = _people(staff, page)
    client.force_login(staff)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(page) + _day_of(people, page))

    assert response.status_code == 200
    assert len(audit_inserts(queries.captured_queries)) == 1
    for person in people:
        entry = listed(person).get()
        assert (entry.actor, entry.path) == (staff, reverse(page))


def _day_of(people, page):
    if page != "jobseekers:staff_calendar":
        return ""
    booking = people[0].bookings.get()
    return f"?zi={timezone.localtime(booking.slot.start).date().isoformat()}&vedere=saptamana"
