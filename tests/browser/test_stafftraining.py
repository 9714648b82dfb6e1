"""End to end in Chromium: an agency administrator plans a training session at a regional
training centre, enrols a counsellor, records attendance and the exam and closes it; the counsellor
downloads the certificate and evaluates the session."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from stafftraining.models import Enrolment, Evaluation, TrainingSession
from tests.accounts.factories import PASSWORD, UserFactory
from tests.stafftraining.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_admin_runs_a_session_and_the_counsellor_gets_the_certificate(
    page, live_server, sign_in, enrol_totp, screenshot
):
    admin = enrol_totp(UserFactory(agency_admin=True, first_name="Dan", last_name="Pop"))
    counsellor = enrol_totp(UserFactory(counsellor=True, first_name="Elena", last_name="Mureșan"))
    programme = ProgrammeFactory(authorised_course=True)
    today = timezone.localdate().isoformat()
    url = live_server.url

    # The administrator plans a face-to-face session of the authorised programme, at the
    # regional training centre of Cluj-Napoca.
    sign_in(admin, PASSWORD)
    page.goto(url + reverse("stafftraining:session_create"))
    page.locator("#id_programme").select_option(str(programme.pk))
    page.locator("#id_start_date").fill(today)
    page.locator("#id_end_date").fill(today)
    page.locator("#id_mode").select_option("face_to_face")
    page.locator("#id_centre").select_option(label="CRFPA Cluj-Napoca")
    page.locator("#id_place").fill("Sala 3")
    page.locator("#id_trainer").fill("Ioana Marin")
    page.locator("#id_capacity").fill("15")
    page.get_by_test_id("save-session").click()
    page.wait_for_load_state()
    session = TrainingSession.objects.get()
    assert session.agency == admin.agency and session.centre.city == "Cluj-Napoca"
    expect(page.get_by_test_id("session-venue")).to_have_text(
        "CRFPA Cluj-Napoca (Cluj-Napoca) · Sala 3"
    )

    # Enrols Elena, marks the session held, records her attendance and exam, closes it.
    page.locator("#id_trainee").select_option(str(counsellor.pk))
    page.get_by_test_id("enrol").click()
    page.wait_for_load_state()
    expect(page.get_by_role("table")).to_contain_text("Elena Mureșan")
    page.get_by_test_id("mark-held").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("session-status")).to_have_text("Desfășurată")
    enrolment = Enrolment.objects.get()
    prefix = f"e{enrolment.pk}"
    page.locator(f"#id_{prefix}-attended").select_option("1")
    page.locator(f"#id_{prefix}-exam_score").fill("87.5")
    page.locator(f"#id_{prefix}-exam_passed").select_option("1")
    page.get_by_test_id("record").click()
    page.wait_for_load_state()
    page.get_by_test_id("close-session").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("session-status")).to_have_text("Închisă")
    screenshot("stafftraining-session-closed")
    enrolment.refresh_from_db()
    assert enrolment.status == "completed" and enrolment.exam_passed is True

    # Elena downloads her certificate and evaluates the session.
    page.context.clear_cookies()
    sign_in(counsellor, PASSWORD)
    page.goto(url + reverse("stafftraining:mine"))
    with page.expect_download() as download_info:
        page.get_by_test_id("certificate").click()
    pdf = PdfReader(io.BytesIO(open(download_info.value.path(), "rb").read()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert enrolment.certificate_number in text and "Elena Mureșan" in text
    page.get_by_test_id("evaluate").click()
    page.wait_for_load_state()
    for question, mark in (("content", 5), ("trainer", 5), ("organisation", 4), ("usefulness", 4)):
        page.locator(f"input[name={question}][value='{mark}']").check()
    page.locator("#id_comment").fill("Foarte util pentru munca de zi cu zi")
    page.get_by_test_id("send-evaluation").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("evaluated")).to_be_visible()
    screenshot("stafftraining-my-trainings")

    evaluation = Evaluation.objects.get(enrolment=enrolment)
    assert (evaluation.content, evaluation.comment) == (5, "Foarte util pentru munca de zi cu zi")
