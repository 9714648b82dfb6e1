"""A slot can never be booked twice: concurrent bookings on PostgreSQL get exactly one success."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

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
