"""The same questionnaire answered twice at the same moment: one answer, one clear refusal."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import translation

from jobseekers.models import BookingStatus
from reports import services
from reports.models import JobseekerSatisfaction
from tests.jobseekers.factories import BookingFactory

CONTENDERS = 4
ANSWERS = {"overall": 4, "helpfulness": 5, "ease_of_use": 3, "would_recommend": True}


@pytest.mark.django_db(transaction=True)
def test_concurrent_answers_to_one_questionnaire_give_one_answer_and_already_answered():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers (CI runs this on PostgreSQL)")
    booking = BookingFactory(status=BookingStatus.ATTENDED)
    barrier = threading.Barrier(CONTENDERS)
    outcomes = []

    def answer():
        try:
            barrier.wait(timeout=10)
            with translation.override("en"):
                services.jobseeker_satisfaction_record(
                    profile=booking.profile, booking=booking, answers=ANSWERS
                )
            outcomes.append("answered")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        except Exception as error:  # the fault: an IntegrityError reached the view (a 500)
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer) for _ in range(CONTENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["You have already answered this questionnaire."] * (
        CONTENDERS - 1
    ) + ["answered"]
    assert JobseekerSatisfaction.objects.filter(booking=booking).count() == 1
