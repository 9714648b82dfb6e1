"""Booking with a calendar: a month grid whose days with free times are links, the times of the
chosen day, a confirmation step that books nothing until confirmed, and a confirmation (page and
e-mail) that says where (the agency's address) and what to bring."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from jobseekers import services
from jobseekers.models import Booking
from puls.notifications.models import Notification
from puls.reference.models import Agency
from tests.accounts.factories import UserFactory

from .factories import BookingFactory, JobseekerProfileFactory, SlotFactory, counsellor_factory

pytestmark = pytest.mark.django_db
ADDRESS = "Str. George Barițiu 28, Cluj-Napoca 400027"


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def person(client):
    Agency.objects.filter(county_id="CJ").update(address=ADDRESS)
    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    return profile


def day_of(slot):
    return timezone.localdate(slot.start)


def test_the_month_grid_links_the_days_with_free_times_and_lists_a_days_times(client, person):
    slot = SlotFactory()
    later = SlotFactory(counsellor=slot.counsellor, start=slot.start + datetime.timedelta(hours=2))
    BookingFactory(slot=later)  # held: not free
    url = reverse("jobseekers:appointments")
    page = client.get(url, {"purpose": "counselling"})
    html = page.content.decode()
    day = day_of(slot).isoformat()
    assert f"zi={day}" in html
    grid = page.context["month_grid"]
    assert grid.month == day_of(slot).replace(day=1)
    assert grid.free_total == 1
    assert page.context["day_slots"] is None

    page = client.get(url, {"purpose": "counselling", "zi": day})
    assert list(page.context["day_slots"]) == [slot]
    assert reverse("jobseekers:book", args=[slot.pk]) in page.content.decode()
    assert 'aria-current="date"' in page.content.decode()


def test_a_bad_day_is_explained_and_the_calendar_still_shows(client, person):
    SlotFactory()
    page = client.get(
        reverse("jobseekers:appointments"), {"purpose": "counselling", "zi": "2026-13-45"}
    )
    assert page.status_code == 200
    assert "Choose a day from the calendar." in page.content.decode()
    assert page.context["month_grid"] is not None and page.context["day_slots"] is None


def test_a_past_month_shows_this_month(client, person):
    SlotFactory()
    page = client.get(
        reverse("jobseekers:appointments"), {"purpose": "counselling", "luna": "2001-01"}
    )
    assert page.context["month_grid"].month == timezone.localdate().replace(day=1)


def test_confirm_before_booking_then_see_where_and_what_to_bring(
    client, person, settings, django_capture_on_commit_callbacks
):
    slot = SlotFactory(purpose="registration")
    confirm = client.get(reverse("jobseekers:book", args=[slot.pk]))
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert ADDRESS in html and "Your identity card or passport" in html
    assert "Your education diplomas or certificates" in html
    assert 'data-testid="confirm-booking"' in html
    assert not Booking.objects.exists()  # nothing is booked before the confirmation

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("jobseekers:book", args=[slot.pk]))
    booking = Booking.objects.get(profile=person)
    assert response.url == reverse("jobseekers:booking_detail", args=[booking.pk])
    detail = client.get(response.url).content.decode()
    assert ADDRESS in detail and "Your identity card or passport" in detail
    (message,) = mail.outbox
    assert ADDRESS in message.body
    assert "What to bring" in message.body and "Your identity card or passport" in message.body
    # the e-mail and the inbox notice lead to this booking's page, not to the list
    assert settings.PULS_SITE_URL.rstrip("/") + response.url in message.body
    assert Notification.objects.get(user=person.user).link == response.url


def test_the_cancellation_notice_leads_to_the_appointments_page_to_book_again(
    person, django_capture_on_commit_callbacks
):
    booking = BookingFactory(profile=person)
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booking, by=person.user)
    assert Notification.objects.get(user=person.user).link == reverse("jobseekers:appointments")


def test_a_time_taken_meanwhile_is_said_at_the_confirmation_step(client, person):
    booking = BookingFactory()
    response = client.get(reverse("jobseekers:book", args=[booking.slot.pk]), follow=True)
    assert "This time is no longer free" in response.content.decode()
    assert not person.bookings.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_time_of_another_agency_is_not_found(client, person, method):
    slot = SlotFactory(counsellor=counsellor_factory("IS"))
    response = getattr(client, method)(reverse("jobseekers:book", args=[slot.pk]))
    assert response.status_code == 404
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("anonymous", 302), ("employer", 403), ("other_person", 404), ("owner", 200)],
)
def test_the_booking_page_is_for_its_person_only(client, kind, expected):
    booking = BookingFactory()
    if kind == "employer":
        client.force_login(UserFactory(employer=True))
    elif kind == "other_person":
        client.force_login(JobseekerProfileFactory().user)
    elif kind == "owner":
        client.force_login(booking.profile.user)
    response = client.get(reverse("jobseekers:booking_detail", args=[booking.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("kind", "expected"), [("anonymous", 302), ("employer", 403), ("owner", 200)]
)
def test_the_confirmation_step_is_for_jobseekers(client, kind, expected):
    slot = SlotFactory()
    if kind == "employer":
        client.force_login(UserFactory(employer=True))
    elif kind == "owner":
        client.force_login(JobseekerProfileFactory().user)
    assert client.get(reverse("jobseekers:book", args=[slot.pk])).status_code == expected


def test_the_calendar_takes_the_same_queries_for_few_or_many_times(
    client, person, django_assert_max_num_queries
):
    first = SlotFactory()
    url = reverse("jobseekers:appointments")
    params = {"purpose": "counselling", "zi": day_of(first).isoformat()}
    client.get(url, params)
    for hours in range(1, 12):
        SlotFactory(
            counsellor=first.counsellor, start=first.start + datetime.timedelta(hours=hours)
        )
    with django_assert_max_num_queries(12):
        page = client.get(url, params)
    assert len(page.context["day_slots"]) >= 6


# --- Moving an appointment: the same calendar, day and confirmation steps --------------------------


def test_moving_goes_through_the_calendar_the_day_and_a_confirmation_step(
    client, person, django_capture_on_commit_callbacks
):
    booking = BookingFactory(profile=person)
    later = SlotFactory(
        counsellor=booking.slot.counsellor, start=booking.slot.start + datetime.timedelta(days=1)
    )
    SlotFactory(  # of another purpose: not offered
        counsellor=booking.slot.counsellor,
        start=later.start + datetime.timedelta(hours=1),
        purpose="registration",
    )
    url = reverse("jobseekers:booking_reschedule", args=[booking.pk])

    page = client.get(url)
    assert page.context["month_grid"].free_total == 1
    day = day_of(later).isoformat()
    assert f'href="?zi={day}#day-heading"' in page.content.decode()
    assert page.context["day_slots"] is None

    page = client.get(url, {"zi": day})
    assert list(page.context["day_slots"]) == [later]
    confirm_url = reverse("jobseekers:booking_reschedule_confirm", args=[booking.pk, later.pk])
    assert confirm_url in page.content.decode()

    confirm = client.get(confirm_url)
    html = confirm.content.decode()
    assert "3. Confirm the new time" in html and ADDRESS in html
    assert "Your identity card or passport" in html
    assert f'href="{url}?zi={day}"' in html  # "choose another time" goes back to that day
    booking.refresh_from_db()
    assert booking.status == "booked" and not Booking.objects.filter(slot=later).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url)
    moved = Booking.objects.get(slot=later)
    assert response.url == reverse("jobseekers:booking_detail", args=[moved.pk])
    booking.refresh_from_db()
    assert booking.status == "cancelled" and moved.status == "booked"
    (message,) = mail.outbox
    assert "moved" in message.subject
    assert reverse("jobseekers:booking_detail", args=[moved.pk]) in message.body


def test_a_time_taken_meanwhile_is_said_at_the_moves_confirmation_step(client, person):
    booking = BookingFactory(profile=person)
    taken = BookingFactory(
        slot=SlotFactory(start=booking.slot.start + datetime.timedelta(hours=3))
    ).slot
    confirm_url = reverse("jobseekers:booking_reschedule_confirm", args=[booking.pk, taken.pk])

    response = client.get(confirm_url, follow=True)
    assert "This time is no longer free" in response.content.decode()
    response = client.post(confirm_url, follow=True)
    assert "This slot has just been booked by someone else" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "booked"  # nothing changed


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("slot_kind", ["other_agency", "other_purpose"])
def test_moving_to_a_time_of_another_agency_or_purpose_is_not_found(
    client, person, method, slot_kind
):
    booking = BookingFactory(profile=person)
    slot = (
        SlotFactory(counsellor=counsellor_factory("IS"))
        if slot_kind == "other_agency"
        else SlotFactory(purpose="registration")
    )
    response = getattr(client, method)(
        reverse("jobseekers:booking_reschedule_confirm", args=[booking.pk, slot.pk])
    )
    assert response.status_code == 404
    booking.refresh_from_db()
    assert booking.status == "booked"


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", 302),
        ("employer", 403),
        ("other_person", 404),
        ("owner_cancelled", 404),
        ("owner", 200),
    ],
)
@pytest.mark.parametrize("step", ["booking_reschedule", "booking_reschedule_confirm"])
def test_the_move_steps_are_for_the_bookings_person_only(client, kind, expected, step):
    booking = BookingFactory(status="cancelled" if kind == "owner_cancelled" else "booked")
    free = SlotFactory(
        counsellor=booking.slot.counsellor, start=booking.slot.start.replace(hour=12)
    )
    if kind == "employer":
        client.force_login(UserFactory(employer=True))
    elif kind == "other_person":
        client.force_login(JobseekerProfileFactory().user)
    elif kind.startswith("owner"):
        client.force_login(booking.profile.user)
    args = [booking.pk] if step == "booking_reschedule" else [booking.pk, free.pk]
    assert client.get(reverse(f"jobseekers:{step}", args=args)).status_code == expected
