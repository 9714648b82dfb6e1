"""Events members announce: moderation, registration with a waiting list, .ics, reminders."""

from datetime import timedelta

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import EventRegistration, MemberEvent
from tests.accounts.factories import UserFactory, agency

from .factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


def _event_data(**data):
    start = timezone.now() + timedelta(days=10)
    return {
        "title": "Bursa locurilor de muncă pentru tineri",
        "description": "Angajatori din Cluj, consiliere pe loc.",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "place": "Sala Polivalentă, Cluj-Napoca",
        "capacity": 2,
        **data,
    }


@pytest.fixture
def admin(enrol_totp):
    return enrol_totp(UserFactory(agency_admin=True))  # an agency of Cluj, the factories' county


@pytest.fixture
def published(admin):
    event = services.member_event_submit(representative=RepresentativeFactory(), data=_event_data())
    return services.member_event_publish(event=event, by=admin)


def test_a_member_announces_and_the_county_admin_publishes(
    client, admin, django_capture_on_commit_callbacks
):
    proposer = RepresentativeFactory()
    reader = RepresentativeFactory()
    client.force_login(proposer.user)
    start = timezone.localtime() + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:event_create"),
            {
                "title": "Atelier de CV",
                "description": "Două ore.",
                "starts_at": start.strftime("%Y-%m-%dT10:00"),
                "ends_at": start.strftime("%Y-%m-%dT12:00"),
                "place": "Biblioteca județeană",
                "capacity": "20",
            },
        )
    event = MemberEvent.objects.get()
    assert response.status_code == 302 and event.status == MemberEvent.Status.SUBMITTED
    assert [m.to for m in mail.outbox] == [[admin.email]]

    client.force_login(reader.user)  # not published yet: other members do not see it
    assert client.get(reverse("network:event_detail", args=[event.pk])).status_code == 404

    client.force_login(admin)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:event_decide", args=[event.pk, "publish"]))
    event.refresh_from_db()
    assert event.status == MemberEvent.Status.PUBLISHED
    assert {m.to[0] for m in mail.outbox} >= {reader.user.email, proposer.user.email}

    client.force_login(reader.user)
    assert "Atelier de CV" in client.get(reverse("network:event_list")).content.decode()


def test_an_event_in_the_past_or_ending_before_it_starts_is_refused(client):
    client.force_login(RepresentativeFactory().user)
    past = timezone.localtime() - timedelta(days=1)
    response = client.post(
        reverse("network:event_create"),
        {
            "title": "Atelier",
            "description": "x",
            "starts_at": past.strftime("%Y-%m-%dT10:00"),
            "ends_at": past.strftime("%Y-%m-%dT09:00"),
            "place": "Cluj",
            "capacity": "0",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The event must end after it starts." in page
    assert "Ensure this value is greater than or equal to 1." in page
    assert not MemberEvent.objects.exists()


def test_refusing_needs_a_reason_and_tells_the_organisation(client, admin):
    event = services.member_event_submit(representative=RepresentativeFactory(), data=_event_data())
    client.force_login(admin)
    response = client.post(
        reverse("network:event_decide", args=[event.pk, "refuse"]), {"reason": ""}, follow=True
    )
    assert "Give the reason for this decision." in response.content.decode()
    event.refresh_from_db()
    assert event.status == MemberEvent.Status.SUBMITTED
    client.post(reverse("network:event_decide", args=[event.pk, "refuse"]), {"reason": "Duplicat"})
    event.refresh_from_db()
    assert event.status == MemberEvent.Status.REFUSED
    assert event.transitions.last().reason == "Duplicat"


def test_places_then_a_waiting_list_and_a_freed_place_goes_to_the_first_waiting(
    client, published, django_capture_on_commit_callbacks
):
    first, second, third, fourth = (RepresentativeFactory().user for _ in range(4))
    for user in (first, second, third, fourth):
        services.event_register(event=published, user=user)
    statuses = dict(published.registrations.values_list("user", "status"))
    assert statuses == {
        first.pk: "confirmed",
        second.pk: "confirmed",
        third.pk: "waiting",
        fourth.pk: "waiting",
    }
    client.force_login(fourth)
    assert (
        "number 2 on the waiting list"
        in client.get(reverse("network:event_detail", args=[published.pk])).content.decode()
    )

    mail.outbox.clear()
    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:event_register", args=[published.pk]), {"register": "0"})
    third_registration = EventRegistration.objects.get(user=third)
    assert third_registration.status == EventRegistration.Status.CONFIRMED
    (email,) = mail.outbox
    assert email.to == [third.email] and email.attachments[0][0] == "eveniment.ics"


def test_one_registration_per_person_and_none_once_cancelled(client, published, admin):
    member = RepresentativeFactory().user
    client.force_login(member)
    client.post(reverse("network:event_register", args=[published.pk]), {"register": "1"})
    response = client.post(
        reverse("network:event_register", args=[published.pk]), {"register": "1"}, follow=True
    )
    assert "You are already registered for this event." in response.content.decode()
    assert published.registrations.count() == 1

    services.member_event_cancel(event=published, by=admin, reason="Sala indisponibilă")
    latecomer = RepresentativeFactory().user
    client.force_login(latecomer)
    response = client.post(
        reverse("network:event_register", args=[published.pk]), {"register": "1"}, follow=True
    )
    assert "Registration for this event is closed." in response.content.decode()


def test_the_calendar_file_and_its_cancellation_keep_one_uid(client, published, admin):
    member = RepresentativeFactory().user
    client.force_login(member)
    response = client.get(reverse("network:event_calendar", args=[published.pk]))
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == f"event-{published.pk}@retea.puls.anofm.ro"
    assert str(event["LOCATION"]) == "Sala Polivalentă, Cluj-Napoca"

    services.member_event_cancel(event=published, by=admin, reason="Ploaie")
    cancelled = icalendar.Calendar.from_ical(
        client.get(reverse("network:event_calendar", args=[published.pk])).content
    )
    assert str(cancelled["METHOD"]) == "CANCEL"
    (event,) = cancelled.walk("VEVENT")
    assert str(event["UID"]) == f"event-{published.pk}@retea.puls.anofm.ro"
    assert event["SEQUENCE"] == 1


def test_reminders_go_once_to_people_with_a_place(published, django_capture_on_commit_callbacks):
    with_place, waiting = RepresentativeFactory().user, RepresentativeFactory().user
    published.capacity = 1
    published.save()
    services.event_register(event=published, user=with_place)
    services.event_register(event=published, user=waiting)
    day_before = published.starts_at - timedelta(hours=20)

    assert services.event_reminders_send(now=published.starts_at - timedelta(days=3)) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_reminders_send(now=day_before) == 1
        assert services.event_reminders_send(now=day_before) == 0
    assert [m.to for m in mail.outbox] == [[with_place.email]]


def test_only_the_organiser_or_its_moderators_cancel(client, published, enrol_totp):
    other_member = RepresentativeFactory()
    client.force_login(other_member.user)
    url = reverse("network:event_decide", args=[published.pk, "cancel"])
    assert client.post(url, {"reason": "x"}).status_code == 403
    other_county_admin = enrol_totp(UserFactory(agency_admin=True, agency=agency("TM")))
    client.force_login(other_county_admin)
    assert client.post(url, {"reason": "x"}).status_code == 403
    published.refresh_from_db()
    assert published.status == MemberEvent.Status.PUBLISHED


KINDS = ["anonymous", "jobseeker", "employer", "counsellor", "agency_admin", "member"]
READERS = {"counsellor", "agency_admin", "member"}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("name", "with_event", "allowed"),
    [
        ("network:event_list", False, READERS),
        ("network:event_detail", True, READERS),
        ("network:event_calendar", True, READERS),
        ("network:event_create", False, {"member"}),
    ],
)
def test_who_may_open_each_event_page(
    client, admin, published, enrol_totp, kind, name, with_event, allowed
):
    users = {
        "jobseeker": UserFactory(),
        "employer": UserFactory(employer=True),
        "counsellor": enrol_totp(UserFactory(counsellor=True)),
        "agency_admin": admin,
        "member": RepresentativeFactory().user,
    }
    if kind != "anonymous":
        client.force_login(users[kind])
    response = client.get(reverse(name, args=[published.pk] if with_event else []))
    if kind == "anonymous":
        assert response.status_code == 302 and "/cont/login/" in response.url
    else:
        assert response.status_code == (200 if kind in allowed else 403)


def test_the_list_costs_the_same_queries_for_more_events(
    client, admin, django_assert_max_num_queries
):
    member = RepresentativeFactory()
    client.force_login(member.user)
    for _ in range(2):
        event = services.member_event_submit(
            representative=RepresentativeFactory(), data=_event_data()
        )
        services.member_event_publish(event=event, by=admin)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("network:event_list"))
    for _ in range(8):
        event = services.member_event_submit(
            representative=RepresentativeFactory(), data=_event_data()
        )
        services.member_event_publish(event=event, by=admin)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("network:event_list"))
