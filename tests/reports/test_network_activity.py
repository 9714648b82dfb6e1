"""The partner network's activity report, one kind of ReportRun: its content, its progress,
and its PDF with a chart."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from network import services as network_services
from network.models import ImprovementProposal, Reply, Rsvp
from reports import generation, network_activity, services
from reports.models import ReportRun
from tests.accounts.factories import UserFactory
from tests.network.factories import (
    LibraryItemFactory,
    MeetingFactory,
    OrganisationFactory,
    RepresentativeFactory,
    ThreadFactory,
)
from tests.pdfcheck import assert_pdf_document

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
    minutes = network_services.minutes_start(meeting=meeting, by=meeting.organiser)
    network_services.minutes_update(
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
        report = services.network_activity_request(
            by=UserFactory(analyst=True),
            period_start=activity - timedelta(days=30),
            period_end=activity,
        )
    report.refresh_from_db()
    progress = [p for p, _step in seen]
    assert progress == sorted(progress) and len(progress) >= 6
    assert report.status == ReportRun.Status.DONE and report.progress == 100
    assert report.kind == "network_activity" and not report.xlsx and not report.csv

    with report.pdf.open("rb") as handle:
        content = handle.read()
    reader = PdfReader(io.BytesIO(content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert_pdf_document(content)
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
    pdf_name = report.pdf.name
    generation.report_build(run_id=report.pk)
    report.refresh_from_db()
    assert report.pdf.name == pdf_name


def test_the_report_counts_what_happened_in_the_period_only(activity):
    start, end = timezone.now() - timedelta(days=30), timezone.now() + timedelta(days=1)
    meetings = network_activity._meetings(start, end)
    assert [(m.title, m.said_yes, m.present) for m in meetings] == [
        ("Întâlnirea de lucru nr. 7", 1, 1)
    ]
    old = network_activity._meetings(start - timedelta(days=365), start - timedelta(days=300))
    assert old == []
    members = network_activity._members(start, end)
    assert [o.name for o in members["left"]] == ["Asociația Plecată"]


def test_the_chart_is_an_svg_with_one_pair_of_bars_per_meeting(activity):
    meetings = network_activity._meetings(timezone.now() - timedelta(days=30), timezone.now())
    svg = network_activity.attendance_chart(meetings)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<rect") == 2 * len(meetings)
    assert "Said they would attend" in svg and "Present" in svg
    assert network_activity.attendance_chart([]) == ""


def test_a_failing_build_is_marked_failed(monkeypatch):
    report = ReportRun.objects.create(
        kind="network_activity",
        requested_by=UserFactory(analyst=True),
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
    )

    def broken(report, data):
        raise RuntimeError("WeasyPrint crashed")

    monkeypatch.setattr(network_activity, "pdf", broken)
    generation.report_build(run_id=report.pk)
    report.refresh_from_db()
    assert report.status == ReportRun.Status.FAILED and "WeasyPrint crashed" in report.error


def test_analysts_order_it_from_the_network_pages_only(client, users):
    ReportRun.objects.create(
        kind="network_activity",
        requested_by=users["analyst"],
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
    )
    client.force_login(users["analyst"])
    response = client.post(
        reverse("reports:reports"),
        {"kind": "network_activity", "period_start": "2026-01-01", "period_end": "2026-03-31"},
    )
    assert response.status_code == 400 and ReportRun.objects.count() == 1
    assert "Partner network activity" not in response.content.decode()
