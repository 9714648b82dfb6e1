"""Report generation end to end through the Celery task: progress states, the files' content."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import services
from reports.models import ReportKind, ReportRun
from reports.services import report_progress
from tests.pdfcheck import assert_pdf_document


def test_top50_report_end_to_end(
    client, users, world, django_capture_on_commit_callbacks, monkeypatch
):
    seen = []

    def recording(run, *, progress, step):
        seen.append((ReportRun.objects.get(pk=run.pk).status, progress, step))
        report_progress(run, progress=progress, step=step)

    monkeypatch.setattr(services, "report_progress", recording)
    client.force_login(users["analyst"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:reports"),
            {"kind": "top50", "period_start": "2026-01-01", "period_end": "2026-04-30"},
        )
    assert response.status_code == 302

    run = ReportRun.objects.get()
    assert [(p, s) for _status, p, s in seen] == [
        (10, "data"),
        (60, "data"),
        (60, "pdf"),
        (85, "spreadsheets"),
    ]
    assert seen[0][0] == ReportRun.Status.RUNNING  # claimed before the first step
    assert (run.status, run.progress, run.agency) == (ReportRun.Status.DONE, 100, None)

    row = client.get(reverse("reports:report_progress", args=[run.pk])).content.decode()
    assert "hx-get" not in row and "Download PDF" in row

    pdf = client.get(reverse("reports:report_download", args=[run.pk, "pdf"]))
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert "Top 50" in text and world["cor"].name in text

    content = b"".join(
        client.get(reverse("reports:report_download", args=[run.pk, "csv"])).streaming_content
    )
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    summary = rows[2]
    assert summary[2:4] == ["<5", "8"]  # 4 vacancies suppressed, 8 posts shown

    workbook = load_workbook(
        io.BytesIO(
            b"".join(
                client.get(
                    reverse("reports:report_download", args=[run.pk, "xlsx"])
                ).streaming_content
            )
        )
    )
    assert len(workbook.sheetnames) == 2


def test_task_twice_leaves_the_finished_report_alone(
    users, world, django_capture_on_commit_callbacks
):
    from reports.tasks import build_report

    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_request(
            by=users["admin"],
            kind="jobseekers",
            agency=users["admin"].agency,
            period_start="2026-01-01",
            period_end="2026-04-30",
        )
    run.refresh_from_db()
    finished, name = run.finished_at, run.pdf.name
    build_report(run.pk)
    run.refresh_from_db()
    assert (run.finished_at, run.pdf.name) == (finished, name)


def test_monthly_pack_is_ordered_once_per_month(db, django_capture_on_commit_callbacks):
    from reports.tasks import monthly_statistics_and_national_pack

    with django_capture_on_commit_callbacks(execute=True):
        monthly_statistics_and_national_pack()
    with django_capture_on_commit_callbacks(execute=True):
        monthly_statistics_and_national_pack()
    run = ReportRun.objects.get()
    assert (run.kind, run.scheduled, run.status) == ("national_pack", True, "done")
    # the scheduled pack is Romanian; its wide tables and long notes stay inside the page
    assert run.language == "ro"
    text = assert_pdf_document(run.pdf.read(), header=["Național (toate agențiile)"])
    assert "Pagina 1 din" in text


@pytest.mark.parametrize(
    ("language", "page", "title"),
    [("en", "Page 1 of", "Jobseekers"), ("ro", "Pagina 1 din", "Persoane în căutarea")],
)
def test_a_report_is_written_in_its_requesters_language(
    users, world, django_capture_on_commit_callbacks, language, page, title
):
    with translation.override(language), django_capture_on_commit_callbacks(execute=True):
        run = services.report_request(
            by=users["admin"],
            kind="jobseekers",
            agency=users["admin"].agency,
            period_start="2026-01-01",
            period_end="2026-04-30",
        )
    run.refresh_from_db()
    assert (run.status, run.language) == ("done", language)
    text = assert_pdf_document(run.pdf.read(), header=[users["admin"].agency.name])
    assert page in text and title in text


@pytest.mark.parametrize(
    "kind", [kind for kind in ReportKind.values if kind != ReportKind.NETWORK_ACTIVITY]
)
@pytest.mark.parametrize("language", ["ro", "en"])
def test_every_report_pdf_keeps_its_text_inside_the_page(
    users, world, django_capture_on_commit_callbacks, kind, language
):
    """Page numbers, header, no text past the page's edge (the notes of the indicators and of the
    national pack once ran off it) and no orphan last page, in both languages (the network
    activity report: tests/reports/test_network_activity.py)."""
    agency = users["admin"].agency if kind == ReportKind.FORECASTS else None
    with translation.override(language), django_capture_on_commit_callbacks(execute=True):
        run = services.report_request(
            by=users["analyst"],
            kind=kind,
            agency=agency,
            period_start="2026-01-01",
            period_end="2026-04-30",
        )
    run.refresh_from_db()
    assert run.status == "done", run.error if hasattr(run, "error") else run.status
    assert_pdf_document(run.pdf.read())
