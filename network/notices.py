"""The e-mails of the network: meeting notices with their .ics invitation, minutes, new threads."""

from datetime import UTC

import icalendar
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from puls.notifications.services import email_queue, language_of, site_url

from .models import Meeting, NoticeKind

ICS_DOMAIN = "retea.puls.anofm.ro"


def meeting_ics(meeting, *, recipient=None, cancel=False):
    """The iCalendar invitation of a meeting (RFC 5545, built with icalendar). The UID stays the
    same across versions and SEQUENCE grows with them, so calendars update or cancel the event."""
    agenda = "\n".join(
        f"{item.position}. {item.title}"
        + (f" ({item.presenter})" if item.presenter else "")
        + f", {item.duration_minutes} min"
        for item in meeting.agenda_items.all()
    )
    description = "\n\n".join(
        part for part in [meeting.description, agenda, meeting.online_url] if part
    )
    location = ", ".join(part for part in [meeting.location, meeting.online_url] if part)
    return _ics(
        uid=f"meeting-{meeting.pk}@{ICS_DOMAIN}",
        sequence=meeting.version - 1 + (1 if cancel else 0),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        summary=meeting.title,
        description=description,
        location=location,
        organiser=meeting.organiser,
        url=meeting.online_url,
        recipient=recipient,
        cancel=cancel,
    )


def member_event_ics(event, *, recipient=None, cancel=False):
    """The iCalendar file of a member's event; cancelling it sends the same UID, cancelled."""
    return _ics(
        uid=f"event-{event.pk}@{ICS_DOMAIN}",
        sequence=1 if cancel else 0,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        description=f"{event.description}\n\n{event.organisation.name}",
        location=event.place,
        organiser=event.author,
        url="",
        recipient=recipient,
        cancel=cancel,
    )


def _ics(
    *,
    uid,
    sequence,
    starts_at,
    ends_at,
    summary,
    description,
    location,
    organiser,
    url,
    recipient,
    cancel,
):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ANOFM//PULS retea//RO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", starts_at.astimezone(UTC))
    event.add("dtend", ends_at.astimezone(UTC))
    event.add("summary", summary)
    event.add("description", description)
    event.add("location", location)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("organizer", _ics_person(organiser))
    if url:
        event.add("url", url)
    if recipient is not None:
        attendee = _ics_person(recipient)
        attendee.params.update(
            {"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"}
        )
        event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical().decode()


def _ics_person(user):
    person = icalendar.vCalAddress(f"mailto:{user.email}")
    person.params["CN"] = icalendar.vText(user.get_full_name() or user.email)
    return person


_SUBJECTS = {
    NoticeKind.INVITATION: lambda m: _("Network meeting: %(title)s") % {"title": m.title},
    NoticeKind.UPDATE: lambda m: _("Changed network meeting: %(title)s") % {"title": m.title},
    NoticeKind.CANCELLATION: lambda m: (
        _("Cancelled network meeting: %(title)s") % {"title": m.title}
    ),
    NoticeKind.MINUTES: lambda m: (
        _("Minutes of the network meeting: %(title)s") % {"title": m.title}
    ),
}


def queue_meeting_notice(*, meeting, recipient, kind):
    """Queue one meeting notice to one person and return its OutgoingEmail row."""
    meeting = (
        Meeting.objects.select_related("organiser", "county")
        .prefetch_related("agenda_items")
        .get(pk=meeting.pk)
    )
    with translation.override(language_of(recipient)):
        context = {
            "meeting": meeting,
            "recipient": recipient,
            "kind": kind,
            "url": site_url(reverse("network:meeting_detail", args=[meeting.pk])),
        }
        subject = _SUBJECTS[kind](meeting)
        body = render_to_string("network/emails/meeting_notice.txt", context)
        if kind == NoticeKind.MINUTES:
            pdf = meeting.minutes.pdf
            with pdf.file.open("rb") as handle:
                attachments = [(pdf.original_name, handle.read(), "application/pdf")]
        else:
            cancel = kind == NoticeKind.CANCELLATION
            attachments = [
                (
                    "invitatie.ics",
                    meeting_ics(meeting, recipient=recipient, cancel=cancel),
                    f"text/calendar; method={'CANCEL' if cancel else 'REQUEST'}; charset=utf-8",
                )
            ]
    return email_queue(
        to=[recipient.email],
        subject=subject,
        body=body,
        attachments=attachments,
        recipient_user=recipient,
    )


def queue_thread_notice(*, thread, recipient):
    with translation.override(language_of(recipient)):
        body = render_to_string(
            "network/emails/thread_notice.txt",
            {
                "thread": thread,
                "recipient": recipient,
                "url": site_url(reverse("network:thread_detail", args=[thread.pk])),
            },
        )
        subject = _("New discussion in %(group)s: %(title)s") % {
            "group": thread.group.name,
            "title": thread.title,
        }
    return email_queue(to=[recipient.email], subject=subject, body=body, recipient_user=recipient)
