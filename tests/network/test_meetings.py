"""Meetings: the 5-day rule, notices sent exactly once, updates, cancellations, answers, .ics."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import formats, timezone

from network import notices, services
from network.models import Meeting, MeetingTransition, NoticeDelivery, NoticeKind, Rsvp
from network.services import NetworkError
from puls.notifications.models import OutgoingEmail
from puls.workflow import TransitionRefused
from tests.accounts.factories import UserFactory

from .factories import MeetingFactory, OrganisationFactory, RepresentativeFactory, member

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture
def members():
    return [member() for _ in range(3)]


def publish(meeting, **kwargs):
    return services.meeting_publish(meeting=meeting, by=meeting.organiser, **kwargs)


# --- The 5-day rule --------------------------------------------------------------------------


def test_a_meeting_exactly_five_days_ahead_can_be_published():
    meeting = MeetingFactory(starts_at=NOW + timedelta(days=5))
    publish(meeting, now=NOW)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert meeting.published_at == NOW
    assert MeetingTransition.objects.filter(meeting=meeting, to_status="published").exists()


def test_a_meeting_one_minute_short_of_five_days_is_refused_with_the_earliest_date():
    meeting = MeetingFactory(starts_at=NOW + timedelta(days=5) - timedelta(minutes=1))
    with pytest.raises(NetworkError) as refused:
        publish(meeting, now=NOW)
    earliest = timezone.localtime(NOW + timedelta(days=5))
    message = refused.value.messages[0]
    assert "5 full days" in message
    # The date and time as the active language writes them ("1:04 p.m." in English, "13:04" in
    # Romanian): compare with the same formatter, whatever the time of day the test runs at.
    assert formats.date_format(earliest, "DATETIME_FORMAT") in message
    assert str(earliest.year) in message
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


def test_a_meeting_without_agenda_is_refused():
    meeting = MeetingFactory(agenda=[])
    with pytest.raises(NetworkError, match="at least one agenda item"):
        publish(meeting)
    with pytest.raises(NetworkError, match="at least one agenda item"):
        services.meeting_create(
            organiser=meeting.organiser,
            agenda=[],
            data={
                "title": "x",
                "starts_at": NOW + timedelta(days=9),
                "ends_at": NOW + timedelta(days=9, hours=1),
                "location": "Cluj",
            },
        )


def test_a_meeting_that_ends_before_it_starts_is_refused():
    organiser = UserFactory(analyst=True)
    data = {
        "title": "x",
        "starts_at": NOW + timedelta(days=9),
        "ends_at": NOW + timedelta(days=8),
        "location": "Cluj",
    }
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            organiser=organiser, data=data, agenda=[{"title": "a", "duration_minutes": 10}]
        )
    assert "end after it starts" in str(refused.value)
    assert not Meeting.objects.exists()


# --- Notices exactly once --------------------------------------------------------------------


def test_publishing_sends_one_invitation_with_agenda_and_ics_to_every_representative(
    members, django_capture_on_commit_callbacks
):
    OrganisationFactory(pending=True)  # its submitter is no representative of a member
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        publish(meeting)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in members)
    message = mail.outbox[0]
    assert "Tendințe pe piața muncii" in message.body
    assert "2. " in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename == "invitatie.ics"
    assert mimetype.startswith("text/calendar")
    assert "METHOD:REQUEST" in content
    assert NoticeDelivery.objects.filter(meeting=meeting, kind="invitation").count() == 3


def test_a_retried_notice_task_sends_to_each_person_once(
    members, monkeypatch, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(published=True)
    real_queue = notices.queue_meeting_notice
    calls = {"n": 0}

    def failing_on_the_second(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("SMTP connection lost")
        return real_queue(**kwargs)

    monkeypatch.setattr(notices, "queue_meeting_notice", failing_on_the_second)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(OSError):
        services.meeting_notice_send(meeting_id=meeting.pk, kind=NoticeKind.INVITATION)
    assert NoticeDelivery.objects.count() == 1  # the failed person's row rolled back
    assert len(mail.outbox) == 1

    monkeypatch.setattr(notices, "queue_meeting_notice", real_queue)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_notice_send(meeting_id=meeting.pk, kind=NoticeKind.INVITATION)
        services.meeting_notice_send(meeting_id=meeting.pk, kind=NoticeKind.INVITATION)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in members)
    assert OutgoingEmail.objects.count() == 3
    assert NoticeDelivery.objects.count() == 3


def test_changing_the_date_sends_an_update_and_a_second_ics_version(
    members, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(published=True)
    services.meeting_notice_send(meeting_id=meeting.pk, kind=NoticeKind.INVITATION)
    agenda = [
        {"title": i.title, "presenter": i.presenter, "duration_minutes": i.duration_minutes}
        for i in meeting.agenda_items.all()
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            meeting=meeting,
            agenda=agenda,
            by=meeting.organiser,
            data={
                "starts_at": meeting.starts_at + timedelta(days=1),
                "ends_at": meeting.ends_at + timedelta(days=1),
            },
        )
    meeting.refresh_from_db()
    assert meeting.version == 2
    updates = [m for m in mail.outbox if "Changed" in m.subject or "modificat" in m.subject]
    assert len(updates) == 3
    assert "SEQUENCE:1" in updates[0].attachments[0][1]
    assert NoticeDelivery.objects.filter(kind="update", version=2).count() == 3


def test_changing_the_agenda_sends_an_update_and_an_unchanged_save_sends_nothing(
    members, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(published=True)
    same = [
        {"title": i.title, "presenter": i.presenter, "duration_minutes": i.duration_minutes}
        for i in meeting.agenda_items.all()
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(meeting=meeting, agenda=same, by=meeting.organiser, data={})
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_update(
            meeting=meeting,
            by=meeting.organiser,
            data={},
            agenda=[*same, {"title": "Diverse", "duration_minutes": 15}],
        )
    assert len(mail.outbox) == 3
    assert "3. Diverse" in mail.outbox[0].body


def test_moving_a_published_meeting_inside_five_days_is_refused(members):
    meeting = MeetingFactory(published=True)
    agenda = [{"title": "a", "duration_minutes": 10}]
    start = timezone.now() + timedelta(days=2)
    with pytest.raises(NetworkError, match="5 full days"):
        services.meeting_update(
            meeting=meeting,
            agenda=agenda,
            by=meeting.organiser,
            data={"starts_at": start, "ends_at": start + timedelta(hours=1)},
        )


def test_cancelling_sends_a_cancellation(members, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, by=meeting.organiser, reason="Sala indisponibilă")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert len(mail.outbox) == 3
    ics = mail.outbox[0].attachments[0][1]
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics
    assert "Sala indisponibilă" in mail.outbox[0].body
    with pytest.raises(TransitionRefused, match="already cancelled"):
        services.meeting_cancel(meeting=meeting, by=meeting.organiser, reason="x")


def test_cancelling_a_draft_sends_nothing(members, django_capture_on_commit_callbacks):
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_cancel(meeting=meeting, by=meeting.organiser, reason="x")
    assert mail.outbox == []


def test_removed_organisations_get_no_notices(django_capture_on_commit_callbacks):
    kept = member()
    gone = RepresentativeFactory()
    services.organisation_remove(
        organisation=gone.organisation, by=UserFactory(analyst=True), reason="Retragere"
    )
    meeting = MeetingFactory()
    with django_capture_on_commit_callbacks(execute=True):
        publish(meeting)
    assert [
        m.to
        for m in mail.outbox
        if "meeting" in m.subject.lower() or "întâlnire" in m.subject.lower()
    ] == [[kept.email]]


# --- .ics ------------------------------------------------------------------------------------


def _unfold(ics):
    return ics.replace("\r\n ", "")


def test_ics_content():
    organiser = UserFactory(
        analyst=True, first_name="Radu", last_name="Stoica", email="radu@anofm.ro"
    )
    start = timezone.make_aware(timezone.datetime(2026, 12, 14, 10, 0))
    meeting = MeetingFactory(
        title="Întâlnire; rețea, Cluj",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        organiser=organiser,
        online_url="https://meet.example.ro/retea",
        version=3,
        description="Lung " * 40,
    )
    recipient = UserFactory(email="ana@partener.ro")
    ics = notices.meeting_ics(meeting, recipient=recipient)
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    lines = _unfold(ics).split("\r\n")
    assert f"UID:meeting-{meeting.pk}@retea.puls.anofm.ro" in lines
    assert "DTSTART:20261214T080000Z" in lines  # 10:00 in Bucharest in winter is 08:00 UTC
    assert "DTEND:20261214T100000Z" in lines
    assert "SEQUENCE:2" in lines
    assert "SUMMARY:Întâlnire\\; rețea\\, Cluj" in lines
    assert 'ORGANIZER;CN="Radu Stoica":mailto:radu@anofm.ro' in lines
    assert any(
        line.startswith("ATTENDEE;") and line.endswith("mailto:ana@partener.ro") for line in lines
    )
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "1. Deschidere (Radu Stoica)\\, 30 min\\n2. Tendințe" in description


# --- RSVP ------------------------------------------------------------------------------------


def test_a_representative_answers_and_can_change_the_answer():
    representative = RepresentativeFactory()
    meeting = MeetingFactory(published=True)
    services.rsvp_answer(meeting=meeting, representative=representative, answer="attend")
    services.rsvp_answer(meeting=meeting, representative=representative, answer="decline")
    rsvp = Rsvp.objects.get()
    assert rsvp.answer == Rsvp.Answer.DECLINE
    assert rsvp.organisation == representative.organisation


@pytest.mark.parametrize("state", ["draft", "cancelled", "started"])
def test_no_answer_for_a_meeting_not_open_for_answers(state):
    representative = RepresentativeFactory()
    kwargs = {"draft": {}, "cancelled": {"status": "cancelled"}, "started": {"past": True}}[state]
    meeting = MeetingFactory(**kwargs)
    with pytest.raises(NetworkError):
        services.rsvp_answer(meeting=meeting, representative=representative, answer="attend")
    assert not Rsvp.objects.exists()
