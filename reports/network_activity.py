"""The partner network's activity report (ReportKind.NETWORK_ACTIVITY): its figures step by
step, the attendance chart, the PDF. reports.generation runs it like every other kind."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from network.models import (
    Action,
    Decision,
    DiscussionGroup,
    ImprovementProposal,
    LibraryItem,
    Meeting,
    Organisation,
    Reply,
    Thread,
)
from puls.collation import RomanianOrder
from puls.formatting import date_numeric
from puls.pdf import render_pdf

from . import charts


def _meetings(start, end):
    meetings = (
        Meeting.objects.filter(
            status=Meeting.Status.PUBLISHED,
            starts_at__gte=start,
            starts_at__lt=end,
            ends_at__lte=timezone.now(),
        )
        .annotate(
            invited=Count("deliveries", filter=Q(deliveries__kind="invitation"), distinct=True),
            said_yes=Count("rsvps", filter=Q(rsvps__answer="attend"), distinct=True),
            present=Count(
                "minutes__attendees", filter=Q(minutes__attendees__present=True), distinct=True
            ),
        )
        .order_by("starts_at")
    )
    return list(meetings)


def _members(start, end):
    return {
        "joined": list(
            Organisation.objects.filter(joined_at__gte=start, joined_at__lt=end).order_by(
                "joined_at"
            )
        ),
        "left": list(
            Organisation.objects.filter(left_at__gte=start, left_at__lt=end).order_by("left_at")
        ),
        "members_at_end": Organisation.objects.filter(joined_at__lt=end)
        .filter(Q(left_at__isnull=True) | Q(left_at__gte=end))
        .count(),
    }


def _decisions_and_actions(start, end):
    in_period = Q(minutes__meeting__starts_at__gte=start, minutes__meeting__starts_at__lt=end)
    actions = list(Action.objects.filter(in_period).select_related("minutes__meeting"))
    return {
        "decisions": list(Decision.objects.filter(in_period).select_related("minutes__meeting")),
        "actions": actions,
        "action_status": {
            label: sum(1 for a in actions if a.status == value)
            for value, label in Action.Status.choices
        },
    }


def _library(start, end):
    items = LibraryItem.objects.filter(shared_at__gte=start, shared_at__lt=end)
    return {
        "library_items": list(items.select_related("organisation").order_by("shared_at")),
        "library_by_kind": [
            (LibraryItem.Kind(row["kind"]).label, row["n"])
            for row in items.values("kind").annotate(n=Count("pk")).order_by("kind")
        ],
    }


def _discussions(start, end):
    groups = DiscussionGroup.objects.annotate(
        new_threads=Count(
            "threads",
            filter=Q(threads__created_at__gte=start, threads__created_at__lt=end),
            distinct=True,
        ),
        new_replies=Count(
            "threads__replies",
            filter=Q(threads__replies__created_at__gte=start, threads__replies__created_at__lt=end),
            distinct=True,
        ),
    ).order_by(RomanianOrder("name"))
    return {
        "groups": [g for g in groups if g.new_threads or g.new_replies],
        "threads": list(
            Thread.objects.filter(created_at__gte=start, created_at__lt=end)
            .select_related("group")
            .annotate(reply_count=Count("replies"))
            .order_by("created_at")
        ),
        "thread_total": Thread.objects.filter(created_at__gte=start, created_at__lt=end).count(),
        "reply_total": Reply.objects.filter(created_at__gte=start, created_at__lt=end).count(),
    }


def _proposals(start, end):
    return {
        "proposals": list(
            ImprovementProposal.objects.filter(created_at__gte=start, created_at__lt=end)
            .select_related("organisation")
            .order_by("created_at")
        )
    }


def attendance_chart(meetings):
    """Said-yes and present per meeting, or "" when no meeting was held."""
    if not meetings:
        return ""
    return charts.bar_chart(
        title=_("Attendance"),
        labels=[date_numeric(m.starts_at) for m in meetings],
        series=[
            (_("Said they would attend"), [m.said_yes for m in meetings]),
            (_("Present"), [m.present for m in meetings]),
        ],
    )


# (step name, builder), in the order the PDF shows them; reports.generation records progress
# after each one.
STEPS = [
    ("meetings", _meetings),
    ("members", _members),
    ("decisions and actions", _decisions_and_actions),
    ("library", _library),
    ("discussions", _discussions),
    ("proposals", _proposals),
]


def bounds(run):
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(run.period_start, time.min), zone)
    end = timezone.make_aware(datetime.combine(run.period_end + timedelta(days=1), time.min), zone)
    return start, end


def pdf(run, data):
    return render_pdf(
        "reports/pdf/network_activity.html",
        {"report": run, **data, "chart_svg": attendance_chart(data["meetings"])},
    )
