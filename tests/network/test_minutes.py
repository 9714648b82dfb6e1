"""Minutes: prefilled from the answers, approved by the organiser only, PDF sent to everyone."""

import io
from datetime import date

import pytest
from django.core import mail
from pypdf import PdfReader

from network import services
from network.models import Action, Minutes, NoticeDelivery, Rsvp
from network.pdf import minutes_pdf
from network.services import NetworkError
from puls.workflow import TransitionRefused
from tests.accounts.factories import UserFactory
from tests.pdfcheck import assert_pdf_document, pdf_pages

from .factories import MeetingFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_meeting():
    """A meeting held three days ago; one representative said yes, one said no."""
    meeting = MeetingFactory(past=True, title="Întâlnirea de toamnă")
    yes = RepresentativeFactory(user__first_name="Ioana", user__last_name="Șerban")
    no = RepresentativeFactory(user__first_name="Mihai", user__last_name="Țurcanu")
    Rsvp.objects.create(
        meeting=meeting, user=yes.user, organisation=yes.organisation, answer="attend"
    )
    Rsvp.objects.create(
        meeting=meeting, user=no.user, organisation=no.organisation, answer="decline"
    )
    return meeting


def write(minutes):
    items = list(minutes.meeting.agenda_items.all())
    guest = {"name": "Elena Mureșan", "organisation_name": "AJOFM Cluj"}
    return services.minutes_update(
        minutes=minutes,
        by=minutes.meeting.organiser,
        summary="Ședința a fost deschisă.",
        presence={},
        guests=[guest],
        discussions={items[0].pk: "S-a prezentat situația șomajului în județ."},
        decisions=["Se constituie grupul de lucru pentru tineri."],
        actions=[
            {
                "description": "Trimite studiul",
                "owner": "Ioana Șerban",
                "deadline": date(2026, 12, 20),
                "status": "open",
            }
        ],
    )


def test_minutes_start_with_the_presence_list_from_the_answers(held_meeting):
    minutes = services.minutes_start(meeting=held_meeting, by=held_meeting.organiser)
    attendees = {a.name: (a.answered, a.present) for a in minutes.attendees.all()}
    assert attendees == {"Ioana Șerban": ("attend", True), "Mihai Țurcanu": ("decline", False)}
    assert minutes.discussions.count() == 2
    assert services.minutes_start(meeting=held_meeting, by=held_meeting.organiser) == minutes


def test_minutes_cannot_start_before_the_meeting():
    meeting = MeetingFactory(published=True)
    with pytest.raises(NetworkError, match="once it has started"):
        services.minutes_start(meeting=meeting, by=meeting.organiser)
    assert not Minutes.objects.exists()


@pytest.mark.parametrize("decisions", [20, 28, 36, 44])
def test_the_approval_never_stands_alone_on_the_last_page(held_meeting, decisions):
    minutes = services.minutes_start(meeting=held_meeting, by=held_meeting.organiser)
    items = list(held_meeting.agenda_items.all())
    minutes = services.minutes_update(
        minutes=minutes,
        by=held_meeting.organiser,
        summary="Ședința a fost deschisă.",
        presence={},
        guests=[],
        discussions={items[0].pk: "S-a prezentat situația șomajului în județ. " * 12},
        decisions=[
            f"Decizia nr. {n}: se aprobă planul de lucru al grupului." for n in range(decisions)
        ],
        actions=[],
    )
    services.minutes_approve(minutes=minutes, by=held_meeting.organiser)
    minutes.refresh_from_db()
    content = minutes_pdf(minutes)
    pages = pdf_pages(content)
    assert_pdf_document(content)
    last = pages[-1].extract_text()
    # the approval comes with at least the lines before it, never alone under the header
    assert "Aprobat" in last or "Approved" in last
    assert "Decizia nr." in last or "acțiuni" in last or "actions" in last


def test_only_the_organiser_approves(held_meeting):
    minutes = write(services.minutes_start(meeting=held_meeting, by=held_meeting.organiser))
    with pytest.raises(NetworkError, match="Only the organiser"):
        services.minutes_approve(minutes=minutes, by=UserFactory(analyst=True))
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT


def test_approved_minutes_are_rendered_and_sent_once_to_every_representative(
    held_meeting, django_capture_on_commit_callbacks
):
    minutes = write(services.minutes_start(meeting=held_meeting, by=held_meeting.organiser))
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_approve(minutes=minutes, by=held_meeting.organiser)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED and minutes.pdf is not None
    organiser = held_meeting.organiser
    assert [(log.from_status, log.to_status, log.by) for log in minutes.transitions.all()] == [
        ("", "draft", organiser),
        ("draft", "approved", organiser),
    ]
    assert len(mail.outbox) == 2
    filename, content, mimetype = mail.outbox[0].attachments[0]
    assert mimetype == "application/pdf" and filename.endswith(".pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    for expected in [
        "Întâlnirea de toamnă",
        "Ioana Șerban",
        "Elena Mureșan",
        "situația șomajului",
        "grupul de lucru pentru tineri",
        "Trimite studiul",
        "20.12.2026",
    ]:
        assert expected in text
    assert "Mihai Țurcanu" in text  # listed as invited and absent
    assert_pdf_document(content, header=["Rețeaua de colaborare PULS"])

    # A retry renders nothing new and sends nothing new.
    pdf_id = minutes.pdf_id
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_notice_send(meeting_id=held_meeting.pk, kind="minutes")
    minutes.refresh_from_db()
    assert minutes.pdf_id == pdf_id
    assert len(mail.outbox) == 2
    assert NoticeDelivery.objects.filter(kind="minutes").count() == 2

    with pytest.raises(NetworkError, match="cannot be changed"):
        write(minutes)


def test_approving_without_anyone_present_is_refused(held_meeting):
    minutes = services.minutes_start(meeting=held_meeting, by=held_meeting.organiser)
    minutes.attendees.update(present=False)
    with pytest.raises(NetworkError, match="at least one person present"):
        services.minutes_approve(minutes=minutes, by=held_meeting.organiser)


def test_approving_approved_minutes_again_is_refused_and_sends_nothing(
    held_meeting, django_capture_on_commit_callbacks
):
    minutes = write(services.minutes_start(meeting=held_meeting, by=held_meeting.organiser))
    services.minutes_approve(minutes=minutes, by=held_meeting.organiser)
    minutes.refresh_from_db()
    approved_at, logs = minutes.approved_at, minutes.transitions.count()

    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(TransitionRefused) as refused,
    ):
        services.minutes_approve(minutes=minutes, by=held_meeting.organiser)

    assert refused.value.messages == ["These minutes are already approved."]
    assert callbacks == []  # no second round of notices
    minutes.refresh_from_db()
    assert minutes.approved_at == approved_at and minutes.transitions.count() == logs


def test_action_status_changes(held_meeting):
    minutes = write(services.minutes_start(meeting=held_meeting, by=held_meeting.organiser))
    action = minutes.actions.get()
    services.action_set_status(action=action, status="done", by=held_meeting.organiser)
    assert Action.objects.get().status == Action.Status.DONE
    services.action_set_status(action=action, status="open", by=held_meeting.organiser)
    assert [
        (log.from_status, log.to_status, log.by) for log in action.transitions.order_by("pk")
    ] == [("open", "done", held_meeting.organiser), ("done", "open", held_meeting.organiser)]


def test_setting_an_action_to_its_own_status_is_refused_and_logs_nothing(held_meeting):
    minutes = write(services.minutes_start(meeting=held_meeting, by=held_meeting.organiser))
    action = minutes.actions.get()
    services.action_set_status(action=action, status="dropped", by=held_meeting.organiser)

    with pytest.raises(TransitionRefused) as refused:
        services.action_set_status(action=action, status="dropped", by=held_meeting.organiser)

    assert refused.value.messages == ["This action is already dropped."]
    assert Action.objects.get().status == Action.Status.DROPPED
    assert action.transitions.count() == 1
