"""End to end in Chromium: a visitor asks for help from the page they are on, the Cluj counsellor
answers from the help-desk queue, the visitor reads the answer through the private link, closes
the request and rates it."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from helpdesk.models import HelpRequest
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.conftest import SCREENS

# Counties and agencies come from a data migration that a transactional test would flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_visitor_asks_counsellor_answers_visitor_rates(
    page, browser, live_server, sign_in, enrol_totp, screenshot
):
    url = live_server.url
    counsellor = enrol_totp(UserFactory(counsellor=True, first_name="Elena", last_name="Pop"))
    # The labels below are the English msgids: independent of the Romanian catalogue.
    english = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url}]
    visitor = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    visitor.add_cookies(english)
    visitor_page = visitor.new_page()

    # A visitor on the job search asks for help from the footer.
    visitor_page.goto(url + reverse("jobs:search"))
    visitor_page.get_by_role("link", name="Ask for help or report a problem").click()
    visitor_page.get_by_label("What is it about?").select_option(label="My account")
    visitor_page.get_by_label("Your question or the problem").fill(
        "Nu primesc e-mailul de confirmare a contului."
    )
    visitor_page.get_by_label("Your county").select_option(label="Cluj")
    visitor_page.get_by_label("Your e-mail address").fill("vizitator@example.ro")
    visitor_page.get_by_role("button", name="Send the request").click()
    expect(visitor_page.get_by_role("status")).to_contain_text("We have sent an e-mail")
    help_request = HelpRequest.objects.get()
    assert help_request.page == reverse("jobs:search")
    (received,) = [m for m in mail.outbox if m.to == ["vizitator@example.ro"]]
    link = urlsplit(re.search(r"https?://\S+/urmarire/\S+", received.body).group(0)).path

    # The Cluj counsellor finds it in the queue and answers.
    page.context.add_cookies(english)
    sign_in(counsellor, PASSWORD)
    page.get_by_role("link", name="Help desk").first.click()
    page.get_by_role("link", name=help_request.reference).click()
    page.get_by_label("Your message").fill("Verificați dosarul de spam; v-am retrimis e-mailul.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".alert-success")).to_contain_text("The answer was sent")
    screenshot("helpdesk-staff")
    assert any("v-am retrimis" in m.body for m in mail.outbox if m.to == ["vizitator@example.ro"])

    # The visitor reads the answer through the private link, closes the request and rates it.
    visitor_page.goto(url + link)
    expect(visitor_page.get_by_test_id("thread")).to_contain_text("v-am retrimis e-mailul")
    visitor_page.get_by_role("button", name="My problem is solved: close the request").click()
    expect(visitor_page.get_by_test_id("request-status")).to_contain_text("Closed")
    visitor_page.get_by_test_id("rating").get_by_label("4").check()
    visitor_page.get_by_label("Comment (optional)").fill("Rapid, mulțumesc.")
    visitor_page.get_by_role("button", name="Send my rating").click()
    expect(visitor_page.get_by_test_id("rated")).to_contain_text("4 out of 5")
    visitor_page.screenshot(path=str(SCREENS / "helpdesk-visitor.png"), full_page=True)
    help_request.refresh_from_db()
    assert (help_request.status, help_request.rating) == (HelpRequest.Status.CLOSED, 4)
    visitor.close()
