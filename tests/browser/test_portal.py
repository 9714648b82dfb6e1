"""End to end in Chromium: Romanian first; each role signs in through the form to its dashboard."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.totp import totp_now
from tests.jobseekers.factories import JobseekerProfileFactory

# The live server sees committed data only (conftest.py reloads the counties and agencies).
pytestmark = pytest.mark.django_db(transaction=True)

STAFF = {"counsellor", "agency_admin", "analyst", "superuser"}
ROLES = {
    # kind: (factory traits, where they land, the dashboard's heading in Romanian)
    "jobseeker": ({}, "jobseekers:dashboard", "Panoul meu"),
    "employer": ({"employer": True}, "employers:dashboard", "Panoul companiei mele"),
    "counsellor": ({"counsellor": True}, "casework:caseload", "Cazurile mele"),
    "agency_admin": ({"agency_admin": True}, "accounts:agency_dashboard", "Administrarea agenției"),
    "analyst": ({"analyst": True}, "reports:dashboard", "Indicatori față de țintele programului"),
    "network_member": ({"network_member": True}, "network:dashboard", "Rețeaua de colaborare"),
    "superuser": ({"is_superuser": True, "is_staff": True}, "admin:index", "Administrare site"),
}


def test_home_speaks_romanian_until_the_visitor_switches_to_english(page, live_server, screenshot):
    errors = []  # a CSP refusal (inline script or style) shows up as a console error
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(live_server.url + reverse("home"))

    expect(page.locator("html")).to_have_attribute("lang", "ro")
    expect(page.get_by_role("heading", level=1)).to_contain_text("serviciile online")
    expect(page.get_by_role("button", name="Română")).to_have_attribute("aria-current", "true")
    expect(page.locator("footer")).to_contain_text("clasificarea ESCO a Comisiei Europene")
    screenshot("home-ro")

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(live_server.url + reverse("home"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("online services")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    screenshot("home-en")
    assert errors == []


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(page, live_server):
    page.goto(live_server.url + reverse("home"))

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Salt la conținutul principal")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator("main#main")).to_be_focused()


@pytest.mark.parametrize("kind", ROLES)
def test_each_role_signs_in_through_the_form_and_lands_on_its_dashboard(
    page, live_server, sign_in, enrol_totp, screenshot, kind
):
    traits, landing, heading = ROLES[kind]
    user = UserFactory(first_name="Elena", last_name="Marin", **traits)
    if kind == "jobseeker":
        JobseekerProfileFactory(user=user)  # without a file they would be sent to register
    if kind in STAFF:
        enrol_totp(user)  # test settings require a second factor of staff: the TOTP step runs

    sign_in(user, PASSWORD)

    expect(page).to_have_url(live_server.url + reverse(landing))
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    if kind != "superuser":
        identity = page.get_by_test_id("dashboard-identity")
        expect(identity).to_contain_text("Elena Marin")
        expect(identity).to_contain_text(user.get_role_display())
        if user.agency or kind == "jobseeker":
            expect(identity).to_contain_text("AJOFM Cluj")
    if kind in {"jobseeker", "employer", "counsellor", "analyst", "network_member"}:
        screenshot(f"dashboard-{kind}")


def test_staff_without_a_second_factor_must_set_one_up_before_their_dashboard(
    page, live_server, sign_in, screenshot
):
    counsellor = UserFactory(counsellor=True)

    sign_in(counsellor, PASSWORD)

    # allauth asks for the password again before adding an authenticator (reauthentication).
    expect(page).to_have_url(re.compile(re.escape(reverse("account_reauthenticate"))))
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()

    expect(page).to_have_url(live_server.url + reverse("mfa_activate_totp"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Activează aplicația de autentificare")
    expect(page.get_by_role("img", name=re.compile("QR"))).to_be_visible()
    screenshot("mfa-activate")
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(totp_now(secret))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    page.goto(live_server.url + reverse("accounts:dashboard"))
    expect(page).to_have_url(live_server.url + reverse("casework:caseload"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cazurile mele")


def test_signing_out_is_a_post_from_the_account_menu(page, live_server, sign_in):
    sign_in(UserFactory(), PASSWORD)

    page.locator("#puls-account-menu").click()
    page.get_by_role("button", name="Deconectare").click()

    expect(page).to_have_url(live_server.url + reverse("home"))
    expect(page.locator("header").get_by_role("link", name="Autentificare")).to_be_visible()
