"""End to end in Chromium: a person signs up, verifies the e-mail, registers with the CNP, fills
the dossier, books an appointment and sees it in "my dossier"; the counsellor sees it in the
agency calendar."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from jobseekers.models import Booking, JobseekerProfile
from tests.accounts.factories import PASSWORD
from tests.jobseekers.factories import SlotFactory, counsellor_factory, make_cnp

# The live server needs committed data; counties and agencies come from a data migration that a
# transactional test would flush, so they are restored after the test (serialized_rollback).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_PASSWORD = "o-parola-lunga-2026"


def test_sign_up_register_fill_dossier_book_and_counsellor_sees_it(
    page, live_server, sign_in, enrol_totp, screenshot
):
    counsellor = enrol_totp(counsellor_factory("CJ", first_name="Elena", last_name="Mureșan"))
    slot = SlotFactory(counsellor=counsellor, purpose="registration")
    url = live_server.url

    # Sign up as a jobseeker.
    page.goto(url + reverse("account_signup"))
    page.locator("input[name=role][value=jobseeker]").check()
    page.locator("input[name=first_name]").fill("Ioana")
    page.locator("input[name=last_name]").fill("Mureșan")
    page.locator("input[name=email]").fill("ioana.muresan@example.ro")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    # Verify the e-mail address through the link that was sent.
    (message,) = [m for m in mail.outbox if "ioana.muresan@example.ro" in m.to]
    link = re.search(r"https?://\S+", message.body).group(0)
    page.goto(url + urlsplit(link).path)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    # Signed in, the person is sent to complete the identity form.
    page.goto(url + reverse("accounts:dashboard"))
    expect(page).to_have_url(url + reverse("jobseekers:register"))
    cnp = make_cnp(first="2", birth="950214", county="12")
    page.locator("input[name=cnp]").fill(cnp)
    page.locator("input[name=birth_date]").fill("1995-02-14")
    page.locator("select[name=county]").select_option("CJ")
    page.locator("input[name=locality]").fill("Cluj-Napoca")
    page.locator("input[name=address]").fill("Str. Observatorului 12")
    page.locator("input[name=phone]").fill("0744123456")
    page.locator("input[name=status][value=unemployed]").check()
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()
    confirmation = page.get_by_test_id("cnp-confirmation")
    expect(confirmation).to_contain_text("1995")
    screenshot("jobseeker-register-confirm")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(url + reverse("jobseekers:registration_received"))
    page.locator("main a.btn-primary").click()
    expect(page).to_have_url(url + reverse("jobseekers:dossier"))
    assert JobseekerProfile.objects.with_cnp(cnp).get().agency.county_id == "CJ"

    # Add education to the dossier.
    page.goto(url + reverse("jobseekers:section_add", args=["educatie"]))
    page.locator("select[name=level]").select_option("bachelor")
    page.locator("input[name=field]").fill("Științe economice")
    page.locator("input[name=institution]").fill("Universitatea Babeș-Bolyai")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#educatie")).to_contain_text("Universitatea Babeș-Bolyai")

    # Book the registration slot.
    page.goto(url + reverse("jobseekers:appointments") + "?purpose=registration")
    free = page.get_by_test_id("free-slots")
    expect(free).to_contain_text("Elena Mureșan")
    free.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()
    booking = Booking.objects.get(profile__in=JobseekerProfile.objects.with_cnp(cnp))
    assert booking.slot == slot
    assert any(m.attachments for m in mail.outbox if "ioana.muresan@example.ro" in m.to)

    # It shows in "my dossier".
    page.goto(url + reverse("jobseekers:dossier"))
    expect(page.locator("#programari").get_by_test_id("bookings")).to_contain_text("Elena Mureșan")
    screenshot("jobseeker-dossier")

    # The counsellor sees it in the agency calendar.
    page.context.clear_cookies()
    sign_in(counsellor, PASSWORD)
    day = timezone.localtime(slot.start).date().isoformat()
    page.goto(url + reverse("jobseekers:staff_calendar") + f"?zi={day}")
    expect(page.get_by_test_id("calendar")).to_contain_text("Ioana Mureșan")
    screenshot("counsellor-calendar")
