"""End to end in Chromium: an agency administrator writes and publishes an announcement and sends
a newsletter with a brochure; a visitor reads the announcement; the outbox holds the e-mails."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from news.models import Announcement, Newsletter
from puls.notifications.models import OutgoingEmail
from tests.accounts.factories import PASSWORD, UserFactory
from tests.network.factories import PDF
from tests.news.factories import SubscriptionFactory, county

# Counties and agencies come from a data migration that a transactional test would flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_write_publish_send_and_read(
    page, browser, live_server, sign_in, enrol_totp, screenshot, tmp_path
):
    url = live_server.url
    admin = enrol_totp(UserFactory(agency_admin=True, first_name="Ioan", last_name="Crișan"))
    cluj = [SubscriptionFactory(county=county("CJ")) for _ in range(2)]
    SubscriptionFactory(county=county("TM"))  # another county's newsletters only
    english = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url}]
    page.context.add_cookies(english)

    # The agency administrator writes the announcement (for their county) and publishes it.
    sign_in(admin, PASSWORD)
    page.goto(url + reverse("accounts:agency_dashboard"))
    page.get_by_role("link", name="Write and publish announcements").click()
    page.get_by_role("link", name="New announcement").click()
    page.locator("input[name=title]").fill("Bursa locurilor de muncă la Cluj-Napoca")
    page.locator("textarea[name=body]").fill(
        "Vineri, 12 iunie, la Sala Polivalentă.\n\nIntrarea este liberă."
    )
    page.get_by_label("Audience").select_option("jobseekers")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".alert-success")).to_contain_text("saved")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".alert-success")).to_contain_text("published")
    announcement = Announcement.objects.get()
    assert (announcement.status, announcement.county_id) == ("published", "CJ")

    # Then a newsletter with its brochure: saved, previewed, sent.
    brochure = tmp_path / "brosura.pdf"
    brochure.write_bytes(PDF)
    page.get_by_role("link", name="Send newsletters").click()
    page.get_by_role("link", name="New newsletter").click()
    page.locator("input[name=subject]").fill("Buletinul informativ nr. 1")
    page.locator("textarea[name=body]").fill(
        "Programe de formare gratuite.\n\nSubvenții pentru angajatori."
    )
    page.get_by_label("Brochure (PDF)").set_input_files(str(brochure))
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_text("It goes to 2 subscribers now.")).to_be_visible()
    expect(page.locator(".card-body")).to_contain_text("Subvenții pentru angajatori.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("#newsletter-progress")).to_contain_text("2 of 2 subscribers done")
    screenshot("news-newsletter-sent")
    assert Newsletter.objects.get().status == Newsletter.Status.SENT

    # A visitor (another browser, not signed in) finds the announcement on the news page.
    visitor = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    visitor.add_cookies(english)
    visitor_page = visitor.new_page()
    visitor_page.goto(url + reverse("home"))
    visitor_page.get_by_role("link", name="News", exact=True).click()
    visitor_page.get_by_role("link", name="Bursa locurilor de muncă la Cluj-Napoca").click()
    expect(visitor_page.locator("article")).to_contain_text("Intrarea este liberă.")
    visitor_page.get_by_role("link", name="Newsletters").click()
    expect(visitor_page.get_by_role("link", name="Brochure (PDF)")).to_be_visible()
    visitor.close()

    # The outbox holds one e-mail per subscriber of Cluj, each with its unsubscribe headers.
    emails = OutgoingEmail.objects.filter(subject="[PULS] Buletinul informativ nr. 1")
    assert sorted(e.to[0] for e in emails) == sorted(s.email for s in cluj)
    assert all(e.sent_at and "List-Unsubscribe" in e.headers for e in emails)
