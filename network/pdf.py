"""PDF rendering (WeasyPrint) of the minutes and of the activity report."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation


def _render(template, context):
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def minutes_pdf(minutes):
    meeting = minutes.meeting
    context = {
        "minutes": minutes,
        "meeting": meeting,
        "agenda": meeting.agenda_items.order_by("position", "pk"),
        "attendees": minutes.attendees.filter(present=True),
        "absentees": minutes.attendees.filter(present=False),
        "discussions": minutes.discussions.select_related("agenda_item"),
        "decisions": minutes.decisions.all(),
        "actions": minutes.actions.all(),
    }
    return _render("network/pdf/minutes.html", context)


def activity_report_pdf(report, data):
    return _render("network/pdf/activity_report.html", {"report": report, **data})
