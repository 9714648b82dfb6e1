"""A slot can never be booked twice: concurrent bookings on PostgreSQL get exactly one success."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from jobseekers import services
from jobseekers.models import Booking, BookingStatus

from .factories import JobseekerProfileFactory, SlotFactory

CONTENDERS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_give_exactly_one_success():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite serialises writers, so nothing would run "
            "concurrently (CI runs this with DATABASE_URL pointing at PostgreSQL)"
        )
    slot = SlotFactory()
    profiles = JobseekerProfileFactory.create_batch(CONTENDERS)
    barrier = threading.Barrier(CONTENDERS)
    outcomes = []

    def book(profile):
        try:
            barrier.wait(timeout=10)
            services.booking_create(slot=slot, profile=profile, by=profile.user)
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connections.close_all()  # each thread has its own connection: close it

    threads = [threading.Thread(target=book, args=(profile,)) for profile in profiles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["booked"] + ["slot_taken"] * (CONTENDERS - 1)
    assert Booking.objects.filter(slot=slot, status=BookingStatus.BOOKED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_one_person_booking_several_slots_of_one_purpose_at_once_gets_one_booking():
    """The "already booked for this purpose" rule held only for requests one after another: the
    same person posting several slots at the same moment got several bookings."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers (CI runs this on PostgreSQL)")
    profile = JobseekerProfileFactory()
    first = SlotFactory()
    assert first.agency == profile.agency
    slots = [first] + [
        SlotFactory(
            counsellor=first.counsellor,
            agency=profile.agency,
            start=first.start + datetime.timedelta(hours=hour),
        )
        for hour in range(1, CONTENDERS)
    ]
    barrier = threading.Barrier(CONTENDERS)
    outcomes = []

    def book(slot):
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):  # threads do not inherit the test's language
                services.booking_create(slot=slot, profile=profile, by=profile.user)
            outcomes.append("booked")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(slot,)) for slot in slots]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    already = (
        "You already have an appointment for this purpose. Cancel or reschedule it instead of "
        "booking another one."
    )
    assert sorted(outcomes) == sorted(["booked"] + [already] * (CONTENDERS - 1))
    assert Booking.objects.filter(profile=profile, status=BookingStatus.BOOKED).count() == 1
