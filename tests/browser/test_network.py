"""End to end in Chromium: staff publish a meeting, a member sees it with its agenda and answers
that they will attend, the minutes are written and approved, the member downloads the PDF."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from network.models import Meeting, Minutes, Rsvp
from tests.accounts.factories import PASSWORD, UserFactory
from tests.network.factories import RepresentativeFactory

# Counties and agencies come from a data migration that a transactional test would flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sign_in_member(page, url, user):
    """Sign-in in a second browser window: the staff window stays signed in (a TOTP code is
    accepted once, so signing staff in twice within one period would be refused)."""
    page.goto(url + reverse("account_login"))
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_publish_answer_minutes_and_download(
    page, browser, live_server, sign_in, enrol_totp, screenshot
):
    url = live_server.url
    analyst = enrol_totp(UserFactory(analyst=True, first_name="Radu", last_name="Stoica"))
    member = RepresentativeFactory(
        user__first_name="Ioana",
        user__last_name="Șerban",
        organisation__name="Fundația Aequilibrium",
    ).user

    # The labels below are the English msgids: independent of the Romanian catalogue.
    english = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url}]
    page.context.add_cookies(english)
    member_context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    member_context.add_cookies(english)
    member_page = member_context.new_page()

    # Staff prepare the meeting with a two-item agenda and publish it.
    sign_in(analyst, PASSWORD)
    page.goto(url + reverse("network:meeting_create"))
    page.get_by_label("Title").fill("Întâlnirea rețelei SPUNE")
    start = timezone.localtime() + timedelta(days=7)
    page.get_by_label("Starts at").fill(start.strftime("%Y-%m-%dT10:00"))
    page.get_by_label("Ends at").fill(start.strftime("%Y-%m-%dT12:00"))
    page.get_by_label("Place").fill("AJOFM Timiș, sala mare")
    page.locator("input[name='agenda-0-title']").fill("Tendințe pe piața muncii")
    page.locator("input[name='agenda-0-presenter']").fill("Radu Stoica")
    page.locator("input[name='agenda-0-duration_minutes']").fill("30")
    page.get_by_role("button", name="Add an agenda item").click()
    page.locator("input[name='agenda-2-title']").fill("Propuneri de proiecte comune")
    page.locator("input[name='agenda-2-duration_minutes']").fill("45")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("button", name="Publish and send the invitations").click()
    expect(page.locator(".alert-success")).to_contain_text("published")
    meeting = Meeting.objects.get()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert [m.to for m in mail.outbox if "invitatie.ics" in str(m.attachments)] == [[member.email]]
    screenshot("network-meeting-staff")

    # The member sees the meeting with its agenda and answers that they will attend.
    _sign_in_member(member_page, url, member)
    member_page.goto(url + reverse("network:dashboard"))
    member_page.get_by_role("link", name="Întâlnirea rețelei SPUNE").click()
    agenda = member_page.get_by_test_id("agenda")
    expect(agenda).to_contain_text("Tendințe pe piața muncii")
    expect(agenda).to_contain_text("Propuneri de proiecte comune")
    member_page.get_by_role("button", name="I will attend", exact=True).click()
    expect(member_page.get_by_test_id("rsvp-status")).to_contain_text("recorded")
    assert Rsvp.objects.get().answer == Rsvp.Answer.ATTEND
    member_page.screenshot(path="/tmp/screens/network-meeting-member.png", full_page=True)

    # The meeting takes place.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )

    # The organiser writes the minutes (the member is ticked from the answer) and approves them.
    page.goto(url + reverse("network:meeting_detail", args=[meeting.pk]))
    page.get_by_role("link", name="Write the minutes").click()
    assert not Minutes.objects.exists()  # opening the editor writes nothing
    page.get_by_role("button", name="Start the minutes").click()
    expect(page.get_by_label("Ioana Șerban (Fundația Aequilibrium)")).to_be_checked()
    page.get_by_label("1. Tendințe pe piața muncii").fill("Cererea de personal IT crește.")
    page.locator("textarea[name='decisions-0-text']").fill("Se constituie un grup de lucru.")
    page.locator("input[name='actions-0-description']").fill("Trimite studiul regional")
    page.locator("input[name='actions-0-owner']").fill("Fundația Aequilibrium")
    page.locator("input[name='actions-0-deadline']").fill(
        (timezone.localdate() + timedelta(days=14)).isoformat()
    )
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".alert-success")).to_contain_text("saved")
    screenshot("network-minutes-form")
    page.get_by_role("button", name="Approve and distribute the minutes").click()
    expect(page.locator(".alert-success")).to_contain_text("approved")
    minutes = Minutes.objects.get()
    assert minutes.status == Minutes.Status.APPROVED and minutes.pdf_id

    # The member finds the minutes in the archive and downloads the PDF.
    member_page.goto(url + reverse("network:meeting_list") + "?arhiva=1")
    member_page.get_by_role("link", name="Întâlnirea rețelei SPUNE").click()
    expect(member_page.get_by_test_id("minutes")).to_contain_text("Se constituie un grup de lucru.")
    member_page.screenshot(path="/tmp/screens/network-minutes-member.png", full_page=True)
    with member_page.expect_download() as download_info:
        member_page.get_by_test_id("minutes-pdf").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    member_context.close()


def test_a_member_publishes_its_offer_and_a_visitor_finds_it(page, browser, live_server):
    url = live_server.url
    member = RepresentativeFactory(
        organisation__name="Asociația Drumul Meu",
        organisation__email="contact@drumulmeu.ro",
        organisation__phone="0256 123 456",
    ).user
    english = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url}]
    page.context.add_cookies(english)

    _sign_in_member(page, url, member)
    page.goto(url + reverse("network:my_organisation"))
    page.get_by_label("What the organisation offers jobseekers and employers").fill(
        "Ateliere de redactare a CV-ului, în fiecare joi."
    )
    page.get_by_label("Show the phone on the public list").check()
    page.get_by_role("button", name="Save what the public sees").click()
    expect(page.get_by_text("The public list of members now shows your changes.")).to_be_visible()

    visitor_context = browser.new_context(locale="en-US", viewport={"width": 375, "height": 800})
    visitor_context.add_cookies(english)
    visitor = visitor_context.new_page()
    visitor.goto(url + reverse("home"))
    visitor.get_by_role("contentinfo").get_by_role("link", name="Partner network").click()
    visitor.get_by_label("Name or what it offers").fill("CV")
    visitor.get_by_role("button", name="Show", exact=True).click()
    card = visitor.get_by_test_id("public-member")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Asociația Drumul Meu")
    expect(card).to_contain_text("Ateliere de redactare a CV-ului")
    expect(card).to_contain_text("0256 123 456")
    expect(card).not_to_contain_text("contact@drumulmeu.ro")
    visitor_context.close()


def test_a_member_proposes_a_joint_training_and_another_joins(page, browser, live_server):
    url = live_server.url
    proposer = RepresentativeFactory(organisation__name="Asociația Pași Siguri").user
    joiner = RepresentativeFactory(organisation__name="Universitatea de Vest").user
    english = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url}]
    page.context.add_cookies(english)

    _sign_in_member(page, url, proposer)
    page.goto(url + reverse("network:project_list"))
    page.get_by_role("link", name="Propose a project or a training").click()
    page.get_by_label("Type").select_option(label="Joint training")
    page.get_by_label("Title").fill("Atelier comun de orientare profesională")
    page.get_by_label("Description").fill("Patru întâlniri pentru elevii din clasa a XII-a.")
    page.get_by_role("button", name="Publish the proposal").click()
    expect(page.get_by_text("Your proposal is published")).to_be_visible()

    other_context = browser.new_context(locale="en-US", viewport={"width": 375, "height": 800})
    other_context.add_cookies(english)
    other = other_context.new_page()
    _sign_in_member(other, url, joiner)
    other.goto(url + reverse("network:project_list"))
    other.get_by_role("link", name="Atelier comun de orientare profesională").click()
    other.get_by_role("button", name="Join with my organisation").click()
    expect(other.get_by_text("Your organisation takes part in this project.")).to_be_visible()
    expect(other.get_by_test_id("project-participants")).to_contain_text("Universitatea de Vest")
    other_context.close()
    assert any("Universitatea de Vest" in message.subject for message in mail.outbox)


def test_a_member_announces_an_event_staff_publish_it_and_a_member_registers(
    page, browser, live_server, sign_in, enrol_totp
):
    url = live_server.url
    admin = enrol_totp(UserFactory(agency_admin=True))
    organiser = RepresentativeFactory(organisation__name="Asociația Pași Siguri").user
    attendee = RepresentativeFactory(organisation__name="Fundația Orizont").user
    english = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url}]
    page.context.add_cookies(english)

    member_context = browser.new_context(locale="en-US", viewport={"width": 375, "height": 800})
    member_context.add_cookies(english)
    member_page = member_context.new_page()
    _sign_in_member(member_page, url, organiser)
    member_page.goto(url + reverse("network:event_list"))
    member_page.get_by_role("link", name="Announce an event").click()
    start = timezone.localtime() + timedelta(days=12)
    member_page.get_by_label("Title").fill("Atelier de interviu")
    member_page.get_by_label("Description").fill("Simulări de interviu cu angajatori.")
    member_page.get_by_label("Starts at").fill(start.strftime("%Y-%m-%dT10:00"))
    member_page.get_by_label("Ends at").fill(start.strftime("%Y-%m-%dT12:00"))
    member_page.get_by_role("textbox", name="Place").fill("Biblioteca Județeană Cluj")
    member_page.get_by_role("spinbutton", name="Places").fill("1")
    member_page.get_by_role("button", name="Send for moderation").click()
    expect(member_page.get_by_text("Your event waits for moderation")).to_be_visible()
    member_context.close()

    sign_in(admin, PASSWORD)
    page.goto(url + reverse("network:event_list"))
    to_moderate = page.get_by_role("region", name="Waiting for your moderation")
    to_moderate.get_by_role("link", name="Atelier de interviu").click()
    page.get_by_role("button", name="Publish to the network").click()
    expect(page.get_by_text("The event is published")).to_be_visible()

    attendee_context = browser.new_context(locale="en-US", viewport={"width": 375, "height": 800})
    attendee_context.add_cookies(english)
    attendee_page = attendee_context.new_page()
    _sign_in_member(attendee_page, url, attendee)
    attendee_page.goto(url + reverse("network:event_list"))
    attendee_page.get_by_role("link", name="Atelier de interviu").click()
    attendee_page.get_by_role("button", name="Register").click()
    expect(attendee_page.get_by_text("You have a place.")).to_be_visible()
    expect(attendee_page.get_by_test_id("event-places")).to_contain_text("1 of 1 taken")
    with attendee_page.expect_download() as download:
        attendee_page.get_by_role("link", name="Download the calendar file (.ics)").click()
    assert download.value.suggested_filename.endswith(".ics")
    attendee_context.close()
