"""The employer's questionnaire after a decision on a subsidy application: who may answer, once,
and how it counts in the satisfaction results per agency and period."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.models import ApplicationStatus, CompanyMembership
from puls.reference.models import County
from reports import selectors
from reports.models import AccessCounter, EmployerSubsidySatisfaction
from tests.accounts.factories import UserFactory, agency
from tests.employers.factories import CompanyFactory, SubsidyApplicationFactory

ANSWERS = {
    "overall": "4",
    "clarity": "5",
    "ease_of_use": "3",
    "would_recommend": "on",
    "comment": "Rapid și clar",
}


@pytest.fixture
def representative(db):
    return UserFactory(employer=True)


@pytest.fixture
def application(representative):
    company = CompanyFactory(verified=True, admin=representative)
    return SubsidyApplicationFactory(
        company=company, status=ApplicationStatus.APPROVED, decided_at=timezone.now()
    )


def _url(application):
    return reverse("reports:subsidy_questionnaire", args=[application.pk])


def test_a_representative_answers_once_and_a_colleague_cannot_answer_again(
    client, application, representative
):
    client.force_login(representative)
    listing = client.get(reverse("reports:questionnaires")).content.decode()
    assert "Subsidy application:" in listing and _url(application) in listing

    response = client.post(_url(application), ANSWERS)

    assert response.status_code == 302
    answer = EmployerSubsidySatisfaction.objects.get()
    assert (
        answer.application,
        answer.respondent,
        answer.overall,
        answer.clarity,
        answer.agency,
    ) == (application, representative, 4, 5, agency("CJ"))
    assert AccessCounter.objects.get(kind="questionnaire").count == 1
    assert client.post(_url(application), ANSWERS).status_code == 404

    colleague = UserFactory(employer=True)
    CompanyMembership.objects.create(company=application.company, user=colleague)
    client.force_login(colleague)
    assert _url(application) not in client.get(reverse("reports:questionnaires")).content.decode()
    assert client.post(_url(application), ANSWERS).status_code == 404
    assert EmployerSubsidySatisfaction.objects.count() == 1


def test_a_rejected_application_is_rated_too_and_bad_scores_are_refused(client, representative):
    company = CompanyFactory(verified=True, admin=representative)
    rejected = SubsidyApplicationFactory(company=company, status=ApplicationStatus.REJECTED)
    client.force_login(representative)

    response = client.post(_url(rejected), {**ANSWERS, "clarity": "0"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not EmployerSubsidySatisfaction.objects.exists()

    assert client.post(_url(rejected), ANSWERS).status_code == 302
    assert EmployerSubsidySatisfaction.objects.get().application == rejected


@pytest.mark.parametrize(
    "status", [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.WITHDRAWN]
)
def test_undecided_applications_have_no_questionnaire(client, representative, status):
    undecided = SubsidyApplicationFactory(
        company=CompanyFactory(verified=True, admin=representative), status=status
    )
    client.force_login(representative)

    assert _url(undecided) not in client.get(reverse("reports:questionnaires")).content.decode()
    assert client.post(_url(undecided), ANSWERS).status_code == 404
    assert not EmployerSubsidySatisfaction.objects.exists()


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("employer", 404),
        ("counsellor", 403),
        ("admin", 403),
        ("analyst", 403),
        ("representative", 200),
    ],
)
def test_only_members_of_the_company_may_answer(
    client, users, application, representative, kind, expected
):
    user = {"representative": representative}.get(kind) or users.get(kind)
    if user:
        client.force_login(user)
    assert client.get(_url(application)).status_code == expected


def test_the_service_refuses_someone_outside_the_company(application, users):
    from django.core.exceptions import ValidationError

    from reports.services import employer_subsidy_satisfaction_record

    with pytest.raises(ValidationError, match="no questionnaire for you"):
        employer_subsidy_satisfaction_record(
            application=application,
            by=users["employer"],
            answers={"overall": 5, "clarity": 5, "ease_of_use": 5, "would_recommend": True},
        )
    assert not EmployerSubsidySatisfaction.objects.exists()


def test_results_count_subsidy_answers_per_agency_and_period(db):
    """Cluj this month: 5 answers after subsidy decisions (4, 4, 5, 3, 4) and none after a vacancy;
    Timiș: 1 answer; last year's answer of Cluj is outside the period."""
    now = timezone.now()
    for score in (4, 4, 5, 3, 4):
        EmployerSubsidySatisfaction.objects.create(
            application=SubsidyApplicationFactory(status=ApplicationStatus.APPROVED),
            agency=agency("CJ"),
            overall=score,
            clarity=4,
            ease_of_use=4,
            would_recommend=True,
        )
    EmployerSubsidySatisfaction.objects.create(
        application=SubsidyApplicationFactory(
            status=ApplicationStatus.REJECTED,
            company=CompanyFactory(county=County.objects.get(pk="TM")),
        ),
        agency=agency("TM"),
        overall=1,
        clarity=1,
        ease_of_use=1,
        would_recommend=False,
    )
    EmployerSubsidySatisfaction.objects.create(
        application=SubsidyApplicationFactory(status=ApplicationStatus.APPROVED),
        agency=agency("CJ"),
        overall=1,
        clarity=1,
        ease_of_use=1,
        would_recommend=False,
        answered_at=now - datetime.timedelta(days=400),
    )
    today = timezone.localdate()
    start = today.replace(day=1)

    cluj = selectors.satisfaction_table(agency=agency("CJ"), start=start, end=today)
    national = selectors.satisfaction_table(agency=None, start=start, end=today)
    timis = selectors.satisfaction_table(agency=agency("TM"), start=start, end=today)

    row = cluj.rows[0]
    assert (row["employers_answers"], row["subsidy_answers"], row["employers_score"]) == (
        5,
        5,
        Decimal("4.00"),
    )
    assert cluj.cells()[0][1:4] == [5, 5, Decimal("4.00")]
    assert national.rows[0]["employers_answers"] == 6
    assert national.rows[0]["employers_score"] == Decimal(f"{(20 + 1) / 6:.2f}")
    assert timis.cells()[0][1:4] == ["<5", "<5", "—"]
    data = selectors.satisfaction_monthly(agency=agency("CJ"), start=start, end=today)
    assert data["employers"][start] == (4.0, 5)
