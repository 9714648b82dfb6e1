"""iCalendar (.ics) files of appointments, so that a person can add them to their calendar.

One event per appointment, whatever happens to it (RFC 5546): booked or moved, the calendar gets
METHOD:REQUEST with the same UID and a higher SEQUENCE; cancelled, METHOD:CANCEL."""

import zoneinfo
from email.utils import parseaddr

import icalendar
from django.conf import settings
from django.utils import timezone

from .models import BookingStatus

PRODID = "-//ANOFM//PULS appointments//RO"


def booking_uid(booking):
    """Stable for the life of the appointment, moves included, so a reminder or a move updates
    the event instead of adding one."""
    return booking.calendar_uid or f"booking-{booking.pk}@puls.anofm.ro"


def agency_location(agency):
    """Where the agency is: its name and, when known, its address."""
    return ", ".join(part for part in [agency.name, agency.address] if part)


def booking_ics(booking):
    """The booking as a one-event calendar (bytes), times in Europe/Bucharest: a request, or the
    cancellation of the event once the booking is cancelled."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    slot = booking.slot
    cancelled = booking.status == BookingStatus.CANCELLED
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = icalendar.Event()
    event.add("uid", booking_uid(booking))
    event.add("sequence", booking.calendar_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.start.astimezone(zone))
    event.add("dtend", slot.end.astimezone(zone))
    event.add("summary", f"PULS: {slot.get_purpose_display()}")
    event.add("location", agency_location(slot.agency))
    event.add("description", str(slot.counsellor))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organiser_email = slot.agency.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    organiser = icalendar.vCalAddress(f"mailto:{organiser_email}")
    organiser.params["CN"] = icalendar.vText(slot.agency.name)
    event.add("organizer", organiser)
    person = booking.profile.user
    attendee = icalendar.vCalAddress(f"mailto:{person.email}")
    attendee.params["CN"] = icalendar.vText(person.get_full_name() or person.email)
    event.add("attendee", attendee)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
