"""The proposal workflow: allowed and refused transitions, e-mails, outcomes, the hire."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from employers.models import VacancyStatus
from jobseekers.models import AccountState
from mediation import services
from mediation.models import Outcome, Proposal, ProposalStatus
from tests.accounts.factories import UserFactory, agency

from .factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(world, cluj_counsellor):
    return services.proposal_create(
        vacancy=world["vacancy"], profile=world["ana"], by=cluj_counsellor
    )


def test_proposal_records_score_explanation_and_log_and_emails_the_person(
    world, cluj_counsellor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = services.proposal_create(
            vacancy=world["vacancy"], profile=world["ana"], by=cluj_counsellor, message="Succes!"
        )
    assert proposal.status == ProposalStatus.PROPOSED
    assert proposal.score > 60
    assert proposal.explanation["missing"] == []
    assert len(proposal.explanation["matched"]) == 4
    assert list(proposal.transitions.values_list("to_status", flat=True)) == ["proposed"]
    assert [message.to for message in mail.outbox] == [[world["ana"].user.email]]


@pytest.mark.parametrize(
    "case, message",
    [
        ("no_consent", "has not agreed to share"),
        ("closed_account", "has not agreed to share"),
        ("closed_vacancy", "is closed"),
        ("expired_vacancy", "is closed"),
        ("other_agency", "registered with another agency"),
    ],
)
def test_proposing_is_refused_with_a_clear_message(world, cluj_counsellor, case, message):
    vacancy, profile = world["vacancy"], world["bogdan"]
    if case == "no_consent":
        profile.share_with_employers = False
        profile.save()
    elif case == "closed_account":
        profile.account_state = AccountState.CLOSURE_REQUESTED
        profile.save()
    elif case == "closed_vacancy":
        vacancy.status = VacancyStatus.FILLED
        vacancy.save()
    elif case == "expired_vacancy":
        vacancy.valid_until = timezone.localdate() - datetime.timedelta(days=1)
        vacancy.save()
    elif case == "other_agency":
        profile = make_person(world["essential"], county=agency("B").county)
    with pytest.raises(ValidationError) as error:
        services.proposal_create(vacancy=vacancy, profile=profile, by=cluj_counsellor)
    assert message in " ".join(error.value.messages)
    assert not Proposal.objects.exists()


def test_proposing_twice_for_the_same_vacancy_is_refused(proposal, world, cluj_counsellor):
    with pytest.raises(ValidationError, match="already proposed"):
        services.proposal_create(vacancy=world["vacancy"], profile=world["ana"], by=cluj_counsellor)
    assert Proposal.objects.count() == 1


def test_a_national_role_may_propose_across_agencies(world, enrol_totp):
    analyst = UserFactory(analyst=True, is_superuser=True)
    other = make_person(world["essential"], county=agency("B").county)
    assert services.proposal_create(vacancy=world["vacancy"], profile=other, by=analyst)


def test_full_journey_accept_interview_hire_decrements_posts(
    proposal, world, django_capture_on_commit_callbacks
):
    person, employer, vacancy = world["ana"].user, world["employer"], world["vacancy"]
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_accept(proposal=proposal, by=person)
    letter_mail = next(message for message in mail.outbox if message.to == [person.email])
    assert letter_mail.attachments[0][2] == "application/pdf"
    assert employer.email in {address for message in mail.outbox for address in message.to}
    services.proposal_invite(
        proposal=proposal, by=employer, interview_at=timezone.now() + datetime.timedelta(days=2)
    )
    services.proposal_hire(proposal=proposal, by=employer)
    proposal.refresh_from_db()
    vacancy.refresh_from_db()
    assert proposal.status == ProposalStatus.HIRED and proposal.fill_report.through_puls
    assert vacancy.open_posts == vacancy.posts - 1
    assert Outcome.objects.get(proposal=proposal).kind == Outcome.Kind.HIRED
    assert list(proposal.transitions.values_list("to_status", flat=True)) == [
        "proposed",
        "sent",
        "interview",
        "hired",
    ]


def test_last_post_hired_fills_the_vacancy(proposal, world):
    vacancy = world["vacancy"]
    vacancy.open_posts = 1
    vacancy.save()
    services.proposal_accept(proposal=proposal, by=world["ana"].user)
    services.proposal_hire(proposal=proposal, by=world["employer"])
    vacancy.refresh_from_db()
    assert vacancy.open_posts == 0 and vacancy.status == VacancyStatus.FILLED


def test_decline_needs_a_reason_and_becomes_an_outcome(proposal, world):
    with pytest.raises(ValidationError):
        services.proposal_decline(proposal=proposal, by=world["ana"].user, reason="  ")
    services.proposal_decline(proposal=proposal, by=world["ana"].user, reason="Prea departe")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED
    assert Outcome.objects.get(proposal=proposal).kind == Outcome.Kind.DECLINED


def test_reject_needs_a_reason_from_the_list(proposal, world):
    services.proposal_accept(proposal=proposal, by=world["ana"].user)
    with pytest.raises(ValidationError):
        services.proposal_reject(proposal=proposal, by=world["employer"], reason="whatever")
    services.proposal_reject(proposal=proposal, by=world["employer"], reason="experience")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    assert Outcome.objects.get(proposal=proposal).reason == "experience"


@pytest.mark.parametrize("action", ["invite", "hire", "reject"])
def test_employer_cannot_act_before_the_person_accepts(proposal, world, action):
    kwargs = {"reason": "skills"} if action == "reject" else {}
    with pytest.raises(ValidationError):
        getattr(services, f"proposal_{action}")(proposal=proposal, by=world["employer"], **kwargs)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED


def test_only_the_person_answers_and_only_once(proposal, world):
    with pytest.raises(PermissionDenied):
        services.proposal_accept(proposal=proposal, by=world["bogdan"].user)
    services.proposal_accept(proposal=proposal, by=world["ana"].user)
    with pytest.raises(ValidationError):
        services.proposal_accept(proposal=proposal, by=world["ana"].user)
    with pytest.raises(ValidationError):
        services.proposal_decline(proposal=proposal, by=world["ana"].user, reason="x")


def test_another_company_cannot_decide(proposal, world):
    services.proposal_accept(proposal=proposal, by=world["ana"].user)
    with pytest.raises(PermissionDenied):
        services.proposal_hire(proposal=proposal, by=UserFactory(employer=True))


def test_hired_is_final(proposal, world):
    services.proposal_accept(proposal=proposal, by=world["ana"].user)
    services.proposal_hire(proposal=proposal, by=world["employer"])
    with pytest.raises(ValidationError):
        services.proposal_reject(proposal=proposal, by=world["employer"], reason="skills")


def test_withdraw_by_the_agency(proposal, world, cluj_counsellor):
    other = UserFactory(counsellor=True, agency=agency("B"))
    with pytest.raises(PermissionDenied):
        services.proposal_withdraw(proposal=proposal, by=other, reason="x")
    services.proposal_withdraw(proposal=proposal, by=cluj_counsellor, reason="Post modificat")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
