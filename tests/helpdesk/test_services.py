"""The help desk's rules: routing, due dates in working days, the lifecycle and its log, the
e-mails through the outbox, the rating given once, the proposals' list."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from helpdesk import selectors, services
from helpdesk.models import Category, HelpRequest, Proposal
from puls.notifications.models import OutgoingEmail
from puls.reference.models import County
from puls.workdays import add_working_days
from puls.workflow import TransitionRefused
from tests.accounts.factories import UserFactory, agency
from tests.documents.conftest import PDF, upload
from tests.employers.factories import CompanyFactory
from tests.jobseekers.factories import JobseekerProfileFactory

from .factories import HelpRequestFactory

pytestmark = pytest.mark.django_db


def _open(**kwargs):
    values = {
        "category": Category.ACCOUNT,
        "description": "Nu primesc e-mailul de confirmare.",
        "language": "ro",
        **kwargs,
    }
    return services.help_request_open(**values)


def test_a_jobseeker_is_answered_by_the_agency_of_their_county():
    profile = JobseekerProfileFactory(county=County.objects.get(code="TM"))
    # the county chosen in the form does not override the one PULS knows
    help_request = _open(requester=profile.user, county=County.objects.get(code="CJ"))
    assert help_request.agency == agency("TM")
    assert help_request.contact_email == ""


def test_an_employer_is_answered_by_the_agency_of_their_company():
    employer = UserFactory(employer=True)
    CompanyFactory(admin=employer, county=County.objects.get(code="B"))
    assert _open(requester=employer, category=Category.SUBSIDY).agency == agency("B")


def test_an_employer_with_companies_in_two_counties_chooses():
    employer = UserFactory(employer=True)
    CompanyFactory(admin=employer, county=County.objects.get(code="B"))
    CompanyFactory(admin=employer, county=County.objects.get(code="IS"))
    with pytest.raises(ValidationError) as refused:
        _open(requester=employer)
    assert "county" in refused.value.message_dict
    chosen = _open(requester=employer, county=County.objects.get(code="IS"))
    assert chosen.agency == agency("IS")


def test_a_visitor_is_answered_by_the_county_they_chose():
    help_request = _open(contact_email="ana@example.ro", county=County.objects.get(code="CJ"))
    assert help_request.agency == agency("CJ")
    assert help_request.requester is None


@pytest.mark.parametrize("category", [Category.TECHNICAL, Category.SUGGESTION])
def test_technical_problems_and_suggestions_go_to_the_national_team(category):
    profile = JobseekerProfileFactory()
    help_request = _open(requester=profile.user, category=category)
    assert help_request.agency is None
    assert help_request.is_national
    assert Proposal.objects.filter(help_request=help_request).exists() == (
        category == Category.SUGGESTION
    )


def test_a_visitor_must_give_an_address_and_a_county():
    with pytest.raises(ValidationError) as refused:
        _open(county=County.objects.get(code="CJ"))
    assert "Give an e-mail address" in str(refused.value)
    with pytest.raises(ValidationError):
        _open(contact_email="ana@example.ro")
    assert not HelpRequest.objects.exists()


def test_the_due_date_counts_working_days(monkeypatch):
    friday = datetime.date(2026, 11, 27)  # 30 November and 1 December are public holidays
    monkeypatch.setattr(timezone, "localdate", lambda *args: friday)
    assert services.due_date_for(Category.ACCOUNT) == datetime.date(2026, 12, 3)
    assert services.due_date_for(Category.TECHNICAL) == datetime.date(2026, 12, 2)
    assert services.due_date_for(Category.SUBSIDY) == add_working_days(friday, 5)


def test_invisible_characters_are_refused():
    with pytest.raises(ValidationError) as refused:
        _open(
            contact_email="ana@example.ro",
            county=County.objects.get(code="CJ"),
            description="Parola \u202eexe.fdp",
        )
    assert "description" in refused.value.message_dict


def test_the_attachment_is_a_private_document_of_the_requester():
    profile = JobseekerProfileFactory()
    help_request = _open(requester=profile.user, uploaded_file=upload("eroare.pdf", PDF))
    assert help_request.attachment.owner == profile.user
    with pytest.raises(ValidationError):
        _open(
            contact_email="ana@example.ro",
            county=County.objects.get(code="CJ"),
            uploaded_file=upload("eroare.pdf", PDF),
        )


def test_opening_answering_and_closing_send_e_mails_through_the_outbox(
    staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        help_request = _open(contact_email="ana@example.ro", county=County.objects.get(code="CJ"))
    assert OutgoingEmail.objects.filter(to=["ana@example.ro"]).count() == 1
    received = mail.outbox[-1]
    assert help_request.reference in received.subject
    assert f"/asistenta/urmarire/{help_request.token}/" in received.body

    with django_capture_on_commit_callbacks(execute=True):
        services.help_request_answer(
            help_request=help_request, body="Verificați dosarul spam.", by=staff["counsellor"]
        )
    assert "Verificați dosarul spam." in mail.outbox[-1].body
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.Status.ANSWERED
    assert help_request.first_response_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        services.help_request_close(
            help_request=help_request, by=staff["counsellor"], by_staff=True
        )
    assert "închisă" in mail.outbox[-1].subject  # the request was written in Romanian
    assert OutgoingEmail.objects.count() == 3
    assert [(t.from_status, t.to_status) for t in help_request.transitions.all()] == [
        ("", "new"),
        ("new", "answered"),
        ("answered", "closed"),
    ]


def test_e_mails_are_in_the_language_of_the_request(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _open(contact_email="ana@example.ro", county=County.objects.get(code="CJ"), language="ro")
    assert "Am primit solicitarea" in mail.outbox[-1].body


def test_only_the_agency_of_the_request_answers_it(staff):
    help_request = HelpRequestFactory()
    for outsider in (staff["other_counsellor"], staff["analyst"], UserFactory()):
        with pytest.raises(PermissionDenied):
            services.help_request_answer(help_request=help_request, body="Da.", by=outsider)
    national = HelpRequestFactory(national=True)
    with pytest.raises(PermissionDenied):
        services.help_request_answer(help_request=national, body="Da.", by=staff["counsellor"])
    services.help_request_answer(help_request=national, body="Rezolvat.", by=staff["analyst"])


def test_a_reply_puts_the_request_back_in_the_queue_and_reopens_a_closed_one(staff):
    help_request = HelpRequestFactory()
    services.help_request_answer(
        help_request=help_request, body="Încercați din nou.", by=staff["counsellor"]
    )
    services.help_request_reply(help_request=help_request, body="Tot nu merge.", by=None)
    assert help_request.status == HelpRequest.Status.NEW
    services.help_request_answer(
        help_request=help_request, body="Acum merge.", by=staff["counsellor"]
    )
    services.help_request_close(help_request=help_request, by=None, by_staff=False)
    assert help_request.closed_at is not None
    services.help_request_reply(help_request=help_request, body="S-a stricat iar.", by=None)
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.Status.NEW
    assert help_request.closed_at is None
    assert help_request.transitions.last().reason == "reopened"
    assert help_request.messages.count() == 4


def test_only_the_requester_replies_closes_and_rates():
    profile = JobseekerProfileFactory()
    help_request = _open(requester=profile.user)
    for other in (None, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.help_request_reply(help_request=help_request, body="Eu.", by=other)
        with pytest.raises(PermissionDenied):
            services.help_request_close(help_request=help_request, by=other, by_staff=False)
    anonymous = HelpRequestFactory()
    with pytest.raises(PermissionDenied):
        services.help_request_reply(help_request=anonymous, body="Eu.", by=profile.user)


def test_a_closed_request_is_rated_once_from_1_to_5(staff):
    help_request = HelpRequestFactory()
    with pytest.raises(ValidationError):
        services.help_request_rate(help_request=help_request, rating=5, by=None)
    services.help_request_close(help_request=help_request, by=staff["counsellor"], by_staff=True)
    with pytest.raises(ValidationError):
        services.help_request_rate(help_request=help_request, rating=6, by=None)
    services.help_request_rate(help_request=help_request, rating=4, comment="Rapid.", by=None)
    with pytest.raises(ValidationError) as refused:
        services.help_request_rate(help_request=help_request, rating=1, by=None)
    assert "already rated" in str(refused.value)
    help_request.refresh_from_db()
    assert (help_request.rating, help_request.rating_comment) == (4, "Rapid.")


def test_a_closed_request_cannot_be_answered_or_closed_again(staff):
    help_request = HelpRequestFactory(status=HelpRequest.Status.CLOSED)
    with pytest.raises(TransitionRefused):
        services.help_request_answer(help_request=help_request, body="Da.", by=staff["counsellor"])
    with pytest.raises(TransitionRefused):
        services.help_request_close(
            help_request=help_request, by=staff["counsellor"], by_staff=True
        )
    assert not help_request.messages.exists()


def test_the_national_team_moves_proposals_along_their_list(staff):
    suggestion = _open(contact_email="ana@example.ro", category=Category.SUGGESTION)
    proposal = suggestion.proposal
    with pytest.raises(PermissionDenied):
        services.proposal_move(proposal=proposal, to="analysed", note="", by=staff["counsellor"])
    services.proposal_move(
        proposal=proposal, to="planned", note="În versiunea 2.", by=staff["analyst"]
    )
    with pytest.raises(TransitionRefused):
        services.proposal_move(proposal=proposal, to="analysed", note="", by=staff["analyst"])
    services.proposal_move(proposal=proposal, to="done", note="Livrat.", by=staff["analyst"])
    assert [t.to_status for t in proposal.transitions.all()] == ["new", "planned", "done"]
    assert proposal.note == "Livrat."


def test_the_queue_puts_overdue_requests_first(staff):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    answered = HelpRequestFactory(status=HelpRequest.Status.ANSWERED)
    waiting = HelpRequestFactory()
    overdue = HelpRequestFactory(due_date=yesterday)
    closed = HelpRequestFactory(status=HelpRequest.Status.CLOSED)
    HelpRequestFactory(county=County.objects.get(code="TM"))  # another agency's
    HelpRequestFactory(national=True)
    assert list(selectors.queue(staff["counsellor"])) == [overdue, waiting, answered, closed]
    assert list(selectors.queue(staff["counsellor"], status="answered")) == [answered]
    assert [r.category for r in selectors.queue(staff["analyst"])] == ["technical"]


def test_monthly_counts_for_the_dashboard(staff):
    now = timezone.now()
    for _ in range(3):
        HelpRequestFactory(first_response_at=now + datetime.timedelta(hours=4))
    HelpRequestFactory(national=True)
    HelpRequestFactory(category=Category.SUGGESTION)
    start = timezone.localdate().replace(day=1)
    data = selectors.monthly_counts(agency=None, start=start, end=timezone.localdate())
    [row] = data["rows"]
    counts = dict(zip([str(label) for label in data["categories"]], row["categories"], strict=True))
    assert counts["My account"] == 3
    assert counts["Technical problem"] == 1
    assert counts["Suggestion to improve PULS"] == 1
    assert row["statuses"] == [0, 0, 0, 0, 0]  # a factory's suggestion has no proposal
    assert (row["median_hours"], row["answered"]) == (4.0, 3)
    local = selectors.monthly_counts(agency=agency("TM"), start=start, end=timezone.localdate())
    assert sum(local["rows"][0]["categories"]) == 0
