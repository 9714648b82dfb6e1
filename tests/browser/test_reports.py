"""End to end in Chromium: the national analyst orders the top-50 study, watches the progress bar
move (htmx polling), and downloads the PDF."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from puls.reference.choices import EmployabilityLevel
from reports import generation, services
from reports.models import ReportRun
from reports.tasks import refresh_indicator_snapshots
from tests.accounts.factories import PASSWORD, UserFactory
from tests.casework.factories import CaseFileFactory
from tests.jobseekers.factories import JobseekerProfileFactory
from tests.mediation.factories import make_occupation, make_vacancy

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_analyst_orders_top50_watches_progress_and_downloads_pdf(
    page, live_server, sign_in, enrol_totp, monkeypatch, screenshot
):
    url = live_server.url
    cor, esco, essential, _optional = make_occupation("7212", essential=3, optional=0)
    for _ in range(6):
        make_vacancy(cor, esco, essential)
    analyst = enrol_totp(UserFactory(analyst=True, first_name="Radu", last_name="Stoica"))
    # The worker is held back so that the test can move the run step by step.
    ordered = []
    monkeypatch.setattr(services, "_schedule", ordered.append)

    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url}])
    sign_in(analyst, PASSWORD)
    page.goto(url + reverse("reports:reports"))
    page.get_by_label("Report", exact=False).and_(page.locator("select")).select_option("top50")
    page.get_by_role("button", name="Order the report").click()

    row = page.locator(f"#raport-{ordered[0].pk}")
    expect(row).to_contain_text("Waiting")
    expect(row.locator("progress")).to_have_attribute("value", "0")

    services.report_progress(ordered[0], progress=60, step="pdf")
    expect(row).to_contain_text("60% · Drawing the PDF", timeout=5000)
    screenshot("reports-progress")

    # The held-back worker "dies" at 60 %: the recovery queues the run again, a worker builds it.
    services.report_runs_recover(now=timezone.now() + datetime.timedelta(hours=1))
    generation.report_build(run_id=ordered[-1].pk)
    link = row.get_by_role("link", name="Download PDF")
    expect(link).to_be_visible(timeout=5000)
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert ReportRun.objects.get().status == ReportRun.Status.DONE


def test_analyst_reads_the_programmes_targets_beside_the_indicators(
    page, live_server, sign_in, enrol_totp, screenshot
):
    """Seeds 001 and 002: each target with the live figure where PULS holds the data (the
    case-management beneficiaries, the vulnerable among them) and, where it does not, the means
    of verification instead of a figure."""
    for level in (EmployabilityLevel.HARD, EmployabilityLevel.VERY_HARD, EmployabilityLevel.EASY):
        CaseFileFactory(profile=JobseekerProfileFactory(), level=level)
    refresh_indicator_snapshots.delay()  # the page reads the background snapshot
    analyst = enrol_totp(UserFactory(analyst=True))
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    sign_in(analyst, PASSWORD)

    page.goto(live_server.url + reverse("reports:dashboard"))

    targets = page.get_by_role("region", name="Other targets of the programmes")
    case_management = targets.get_by_role("article").filter(has_text="102,600")
    expect(case_management.get_by_test_id("target-reached")).to_contain_text("3")
    expect(case_management.get_by_role("table", name="Breakdown (national)")).to_be_visible()
    condition_1 = targets.get_by_role("article").filter(
        has=page.get_by_role("heading", name="Condition 1:", exact=False)
    )
    expect(condition_1).to_contain_text("Not measured in PULS")
    expect(condition_1).to_contain_text("Verified by")
    screenshot("reports-programme-targets")
