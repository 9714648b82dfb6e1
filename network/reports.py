"""The network's activity report for a period: the figures, a chart drawn as SVG, the PDF."""

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from puls.documents.services import document_create

from . import services
from .models import (
    Action,
    ActivityReport,
    Decision,
    DiscussionGroup,
    ImprovementProposal,
    LibraryItem,
    Meeting,
    Organisation,
    Reply,
    Thread,
)


def _bounds(report):
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(report.period_start, time.min), zone)
    end = timezone.make_aware(
        datetime.combine(report.period_end + timedelta(days=1), time.min), zone
    )
    return start, end


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
    ).order_by("name")
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


def attendance_chart_svg(meetings):
    """A bar chart of people present at each meeting, as an SVG string (no JavaScript)."""
    width, height, left, bottom, top = 640, 260, 40, 60, 20
    if not meetings:
        return ""
    peak = max([m.present for m in meetings] + [m.said_yes for m in meetings] + [1])
    plot_h = height - bottom - top
    slot = (width - left - 10) / len(meetings)
    bar = max(min(slot * 0.35, 40), 4)
    title, said_yes, present = (
        escape(_("Attendance")),
        escape(_("Said they would attend")),
        escape(_("Present")),
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{title}">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 5}" y2="{top + plot_h}" '
        'stroke="#333" stroke-width="1"/>',
    ]
    for step in range(5):
        value = peak * step / 4
        y = top + plot_h - plot_h * step / 4
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end">'
            f"{value:.0f}</text>"
        )
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 5}" y2="{y:.1f}" '
            'stroke="#ddd" stroke-width="0.5"/>'
        )
    for index, meeting in enumerate(meetings):
        x = left + index * slot + slot / 2
        for offset, value, colour in (
            (-bar, meeting.said_yes, "#8fb3de"),
            (0, meeting.present, "#0b3d7a"),
        ):
            h = plot_h * value / peak
            parts.append(
                f'<rect x="{x + offset:.1f}" y="{top + plot_h - h:.1f}" '
                f'width="{bar:.1f}" height="{h:.1f}" fill="{colour}"/>'
            )
        label = escape(timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y"))
        parts.append(
            f'<text x="{x:.1f}" y="{top + plot_h + 16}" font-size="10" '
            f'text-anchor="middle">{label}</text>'
        )
    legend_y = height - 18
    parts += [
        f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="#8fb3de"/>',
        f'<text x="{left + 14}" y="{legend_y}" font-size="10">{said_yes}</text>',
        f'<rect x="{left + 200}" y="{legend_y - 9}" width="10" height="10" fill="#0b3d7a"/>',
        f'<text x="{left + 214}" y="{legend_y}" font-size="10">{present}</text>',
        "</svg>",
    ]
    return "".join(parts)


STEP_LABELS = {
    "meetings": gettext_lazy("Meetings and attendance"),
    "members": gettext_lazy("Members joined and left"),
    "decisions and actions": gettext_lazy("Decisions and actions"),
    "library": gettext_lazy("Documents shared"),
    "discussions": gettext_lazy("Discussion activity"),
    "proposals": gettext_lazy("Improvement proposals"),
    "pdf": gettext_lazy("Rendering the PDF"),
    "done": gettext_lazy("Ready"),
}

# (progress when the step is done, label, builder)
STEPS = [
    (15, "meetings", _meetings),
    (30, "members", _members),
    (45, "decisions and actions", _decisions_and_actions),
    (60, "library", _library),
    (70, "discussions", _discussions),
    (80, "proposals", _proposals),
]


def report_build(*, report_id):
    """Build the report's figures step by step (recording progress), render and store the PDF.
    Running it again on a finished report does nothing."""
    from .pdf import activity_report_pdf

    report = ActivityReport.objects.get(pk=report_id)
    if report.status == ActivityReport.Status.DONE:
        return report
    start, end = _bounds(report)
    data = {}
    try:
        for progress, label, builder in STEPS:
            services.report_progress(report, progress=progress - 10, step=label)
            result = builder(start, end)
            data.update(result if isinstance(result, dict) else {label: result})
        data["chart_svg"] = attendance_chart_svg(data["meetings"])
        services.report_progress(report, progress=85, step="pdf")
        content = activity_report_pdf(report, data)
        document = document_create(
            owner=report.requested_by,
            uploaded_file=ContentFile(
                content, name=f"raport-activitate-{report.period_start}-{report.period_end}.pdf"
            ),
            kind=_("Network activity report"),
        )
    except Exception:
        ActivityReport.objects.filter(pk=report.pk).update(status=ActivityReport.Status.FAILED)
        raise
    ActivityReport.objects.filter(pk=report.pk).update(
        pdf=document,
        progress=100,
        step="done",
        status=ActivityReport.Status.DONE,
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report
