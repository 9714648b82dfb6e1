"""iCalendar (.ics) files of appointments, so that a person can add them to their calendar."""

import zoneinfo

import icalendar
from django.conf import settings
from django.utils import timezone

PRODID = "-//ANOFM//PULS appointments//RO"


def booking_uid(booking):
    """Stable for the life of the booking, so a reminder updates the event instead of adding one."""
    return f"booking-{booking.pk}@puls.anofm.ro"


def booking_ics(booking):
    """The booking as a one-event calendar (bytes), times in Europe/Bucharest."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    slot = booking.slot
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", booking_uid(booking))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.start.astimezone(zone))
    event.add("dtend", slot.end.astimezone(zone))
    event.add("summary", f"PULS: {slot.get_purpose_display()}")
    event.add("location", slot.agency.name)
    event.add("description", str(slot.counsellor))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
