"""The jobseeker's questionnaire after an attended appointment or a proposal outcome, and the
results per agency."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from jobseekers.models import BookingStatus
from mediation.models import ProposalStatus
from reports import selectors
from reports.models import AccessCounter, JobseekerSatisfaction
from tests.accounts.factories import agency
from tests.jobseekers.factories import BookingFactory, JobseekerProfileFactory
from tests.mediation.factories import ProposalFactory

ANSWERS = {
    "overall": "4",
    "helpfulness": "5",
    "ease_of_use": "3",
    "would_recommend": "on",
    "comment": "Mulțumesc",
}


@pytest.fixture
def person(db):
    return JobseekerProfileFactory()


def test_attended_appointment_is_rated_once(client, person):
    booking = BookingFactory(profile=person, status=BookingStatus.ATTENDED)
    client.force_login(person.user)
    assert "Appointment of" in client.get(reverse("reports:questionnaires")).content.decode()

    url = reverse("reports:questionnaire", args=["programare", booking.pk])
    response = client.post(url, ANSWERS)

    assert response.status_code == 302
    answer = JobseekerSatisfaction.objects.get()
    assert (answer.booking, answer.overall, answer.agency) == (booking, 4, person.agency)
    assert AccessCounter.objects.get(kind="questionnaire").count == 1
    assert client.post(url, ANSWERS).status_code == 404  # no longer pending
    assert JobseekerSatisfaction.objects.count() == 1


def test_proposal_outcome_is_rated_and_bad_scores_refused(client, person):
    proposal = ProposalFactory(
        profile=person, status=ProposalStatus.HIRED, hired_on=datetime.date(2026, 3, 1)
    )
    client.force_login(person.user)
    url = reverse("reports:questionnaire", args=["propunere", proposal.pk])

    response = client.post(url, {**ANSWERS, "overall": "9"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not JobseekerSatisfaction.objects.exists()

    assert client.post(url, ANSWERS).status_code == 302
    assert JobseekerSatisfaction.objects.get().proposal == proposal


@pytest.mark.parametrize("subject_kind", ["not_attended", "other_person", "pending_proposal"])
def test_nothing_to_rate_gives_404(client, person, subject_kind):
    if subject_kind == "not_attended":
        url = reverse(
            "reports:questionnaire",
            args=["programare", BookingFactory(profile=person, status=BookingStatus.BOOKED).pk],
        )
    elif subject_kind == "other_person":
        url = reverse(
            "reports:questionnaire",
            args=["programare", BookingFactory(status=BookingStatus.ATTENDED).pk],
        )
    else:
        url = reverse(
            "reports:questionnaire", args=["propunere", ProposalFactory(profile=person).pk]
        )
    client.force_login(person.user)
    assert client.post(url, ANSWERS).status_code == 404


@pytest.mark.parametrize(
    "kind, expected", [(None, 302), ("employer", 200), ("counsellor", 403), ("analyst", 403)]
)
def test_questionnaires_are_for_jobseekers_and_employers(client, users, kind, expected):
    if kind:
        client.force_login(users[kind])
    assert client.get(reverse("reports:questionnaires")).status_code == expected


def test_results_per_agency_show_averages_from_five_answers(person):
    for score in (5, 4, 4, 3, 4):
        booking = BookingFactory(profile=person, status=BookingStatus.ATTENDED)
        JobseekerSatisfaction.objects.create(
            profile=person,
            agency=person.agency,
            booking=booking,
            overall=score,
            helpfulness=3,
            ease_of_use=3,
            would_recommend=True,
        )
    today = datetime.date.today()
    cluj = selectors.satisfaction_table(agency=agency("CJ"), start=today.replace(day=1), end=today)
    timis = selectors.satisfaction_table(agency=agency("TM"), start=today.replace(day=1), end=today)
    assert cluj.cells()[0][4:] == [5, Decimal("4.00")]
    assert timis.rows == []
