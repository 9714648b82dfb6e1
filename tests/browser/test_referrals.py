"""End to end in Chromium: a counsellor refers a client to a partner organisation, one of its
representatives accepts the referral and reports the outcome, and the counsellor sees both on the
person's page."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from casework.models import Referral, ReferralStatus
from puls.audit.models import AuditEntry
from tests.accounts.factories import PASSWORD, UserFactory
from tests.casework.factories import CaseFileFactory
from tests.jobseekers.factories import JobseekerProfileFactory
from tests.network.factories import RepresentativeFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_counsellor_refers_partner_accepts_and_reports_counsellor_sees_it(
    page, browser, live_server, sign_in, enrol_totp, screenshot
):
    url = live_server.url
    counsellor = enrol_totp(UserFactory(counsellor=True, first_name="Elena", last_name="Mureșan"))
    ana = JobseekerProfileFactory(user=UserFactory(first_name="Ana", last_name="Ionescu"))
    CaseFileFactory(profile=ana, owner=counsellor)
    member = RepresentativeFactory(
        user__first_name="Ioana", user__last_name="Șerban", organisation__name="Fundația Sprijin"
    ).user

    # The labels below are the English msgids: independent of the Romanian catalogue.
    english = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url}]
    page.context.add_cookies(english)
    member_context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    member_context.add_cookies(english)
    member_page = member_context.new_page()

    # The counsellor refers Ana, with the phone number she agreed to share.
    sign_in(counsellor, PASSWORD)
    case_page = url + reverse("casework:case_detail", args=[ana.pk])
    page.goto(case_page)
    page.get_by_text("Refer to a partner organisation").click()
    page.get_by_label("Partner organisation").select_option(label="Fundația Sprijin")
    page.get_by_label("Purpose").select_option("outreach")
    page.get_by_label("Note for the organisation").fill("Caută un curs de limba engleză.")
    page.get_by_label("Contact the person gives the organisation").fill("0722 123 456")
    page.get_by_role("button", name="Refer", exact=True).click()
    expect(page.get_by_test_id("referral-status")).to_have_text(
        "Waiting for the organisation's answer"
    )
    referral = Referral.objects.get()

    # The representative finds it from the network home page and accepts it.
    member_page.goto(url + reverse("account_login"))
    member_page.locator("input[name=login]").fill(member.email)
    member_page.locator("input[name=password]").fill(PASSWORD)
    member_page.locator("main form button[type=submit]").click()
    member_page.wait_for_load_state()
    member_page.goto(url + reverse("network:dashboard"))
    member_page.get_by_test_id("received-referrals-link").click()
    expect(member_page.get_by_role("heading", level=1)).to_have_text("Received referrals")
    member_page.get_by_role("link", name="Ana Ionescu").click()
    expect(member_page.get_by_test_id("person-contact")).to_have_text("0722 123 456")
    expect(member_page.locator("main")).to_contain_text("Caută un curs de limba engleză.")
    expect(member_page.locator("main")).to_contain_text(counsellor.email)
    member_page.get_by_test_id("accept").click()
    expect(member_page.get_by_test_id("referral-status")).to_have_text(
        "Accepted by the organisation"
    )

    # An outcome without words is refused on the form; then it is reported.
    member_page.get_by_label("Completed").check()
    member_page.get_by_role("button", name="Send the outcome to the counsellor").click()
    expect(member_page.locator("main")).to_contain_text("Write the outcome of the referral.")
    member_page.get_by_label("Completed").check()
    member_page.get_by_role("textbox", name="Outcome").fill(
        "A absolvit cursul de engleză, nivel A2."
    )
    member_page.get_by_role("button", name="Send the outcome to the counsellor").click()
    expect(member_page.get_by_test_id("referral-status")).to_have_text("Completed")
    member_page.screenshot(path="/tmp/screens/referral-partner.png", full_page=True)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert AuditEntry.objects.filter(
        actor=member, action=AuditEntry.Action.VIEW, target_object_id=str(ana.pk)
    ).exists()

    # The counsellor sees the answer and the outcome, with their dates, on Ana's page.
    page.goto(case_page)
    expect(page.get_by_test_id("referral-status")).to_have_text("Completed")
    expect(page.get_by_test_id("referral-answer")).to_contain_text(
        "Accepted by the organisation on"
    )
    expect(page.get_by_test_id("referral-outcome")).to_contain_text(
        "A absolvit cursul de engleză, nivel A2."
    )
    screenshot("referral-counsellor")
    member_context.close()
