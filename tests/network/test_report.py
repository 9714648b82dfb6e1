"""The activity report: its content, its progress, and its PDF with a chart."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from network import reports, services
from network.models import ActivityReport, ImprovementProposal, Reply, Rsvp
from tests.accounts.factories import UserFactory

from .factories import (
    LibraryItemFactory,
    MeetingFactory,
    OrganisationFactory,
    RepresentativeFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity():
    today = timezone.localdate()
    representative = RepresentativeFactory(organisation__name="Universitatea Babeș-Bolyai")
    meeting = MeetingFactory(past=True, title="Întâlnirea de lucru nr. 7")
    Rsvp.objects.create(
        meeting=meeting,
        user=representative.user,
        organisation=representative.organisation,
        answer="attend",
    )
    minutes = services.minutes_start(meeting=meeting, by=meeting.organiser)
    services.minutes_update(
        minutes=minutes,
        by=meeting.organiser,
        summary="",
        presence={},
        guests=[],
        discussions={},
        decisions=["Se elaborează un ghid comun."],
        actions=[
            {
                "description": "Redactează ghidul",
                "owner": "UBB",
                "status": "done",
                "deadline": today + timedelta(days=10),
            }
        ],
    )
    OrganisationFactory(
        name="Asociația Plecată", status="removed", left_at=timezone.now() - timedelta(days=1)
    )
    LibraryItemFactory(title="Statistica șomajului", organisation=representative.organisation)
    thread = ThreadFactory(title="Ucenicie")
    Reply.objects.create(thread=thread, author=representative.user, body="Da.")
    ImprovementProposal.objects.create(
        organisation=representative.organisation,
        author=representative.user,
        text="Propunem întâlniri online lunare.",
    )
    return today


def test_the_report_task_records_progress_and_builds_the_pdf(
    activity, monkeypatch, django_capture_on_commit_callbacks
):
    seen = []
    real = services.report_progress

    def spy(report, *, progress, step):
        seen.append((progress, step))
        real(report, progress=progress, step=step)

    monkeypatch.setattr(services, "report_progress", spy)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(
            by=UserFactory(analyst=True),
            period_start=activity - timedelta(days=30),
            period_end=activity,
        )
    report.refresh_from_db()
    progress = [p for p, _step in seen]
    assert progress == sorted(progress) and len(progress) >= 6
    assert report.status == ActivityReport.Status.DONE and report.progress == 100
    assert report.pdf.content_type == "application/pdf"

    with report.pdf.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in [
        "Întâlnirea de lucru nr. 7",
        "Universitatea Babeș-Bolyai",
        "Asociația Plecată",
        "Se elaborează un ghid comun.",
        "Redactează ghidul",
        "Statistica șomajului",
        "Ucenicie",
        "Propunem întâlniri online lunare.",
    ]:
        assert expected in text, expected

    # Running the task again on a finished report changes nothing.
    pdf_id = report.pdf_id
    reports.report_build(report_id=report.pk)
    report.refresh_from_db()
    assert report.pdf_id == pdf_id


def test_the_report_counts_what_happened_in_the_period_only(activity):
    start, end = timezone.now() - timedelta(days=30), timezone.now() + timedelta(days=1)
    meetings = reports._meetings(start, end)
    assert [(m.title, m.said_yes, m.present) for m in meetings] == [
        ("Întâlnirea de lucru nr. 7", 1, 1)
    ]
    old = reports._meetings(start - timedelta(days=365), start - timedelta(days=300))
    assert old == []
    members = reports._members(start, end)
    assert [o.name for o in members["left"]] == ["Asociația Plecată"]


def test_the_chart_is_an_svg_with_one_pair_of_bars_per_meeting(activity):
    meetings = reports._meetings(timezone.now() - timedelta(days=30), timezone.now())
    svg = reports.attendance_chart_svg(meetings)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<rect") == 2 * len(meetings) + 2  # bars plus the two legend keys
    assert reports.attendance_chart_svg([]) == ""


def test_a_failing_build_is_marked_failed(monkeypatch):
    report = ActivityReport.objects.create(
        requested_by=UserFactory(analyst=True),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
    )

    def broken(report, data):
        raise RuntimeError("WeasyPrint crashed")

    monkeypatch.setattr("network.pdf.activity_report_pdf", broken)
    with pytest.raises(RuntimeError):
        reports.report_build(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == ActivityReport.Status.FAILED
