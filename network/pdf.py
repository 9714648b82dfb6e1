"""PDF rendering (WeasyPrint) of the minutes."""

from django.conf import settings

from puls.pdf import render_pdf

from .models import Scope


def minutes_pdf(minutes):
    meeting = minutes.meeting
    context = {
        "minutes": minutes,
        "meeting": meeting,
        # a county meeting is the county agency's; a regional or national one the network's
        "agency": getattr(meeting.county, "agency", None)
        if meeting.scope == Scope.COUNTY
        else None,
        "agenda": meeting.agenda_items.order_by("position", "pk"),
        "attendees": minutes.attendees.filter(present=True),
        "absentees": minutes.attendees.filter(present=False),
        "discussions": minutes.discussions.select_related("agenda_item"),
        "decisions": minutes.decisions.all(),
        "actions": minutes.actions.all(),
    }
    return render_pdf("network/pdf/minutes.html", context, language=settings.LANGUAGE_CODE)
