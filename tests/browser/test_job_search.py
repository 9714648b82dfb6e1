"""End to end in Chromium, the jobseeker's journeys of the one job search: from the home page's
search box, signed in, to "I am interested" on the vacancy page; saving a search and getting its
alert; booking an appointment on the month calendar with a confirmation step, and moving it
through the same calendar, day and confirmation steps."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from employers import services as employer_services
from employers.models import Vacancy
from jobseekers import tasks
from jobseekers.models import Booking, SavedSearch, VacancyInterest
from puls.notifications.models import OutgoingEmail
from puls.reference.models import Agency, County
from tests.accounts.factories import PASSWORD
from tests.employers.factories import VacancyFactory
from tests.jobseekers.factories import JobseekerProfileFactory, SlotFactory, counsellor_factory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_search_from_the_home_page_signed_in_and_say_i_am_interested(
    page, live_server, sign_in, screenshot
):
    vacancy = VacancyFactory(published=True, title="Brutar de noapte", pay_min=4500, pay_max=5200)
    VacancyFactory(published=True, title="Sudor", county=County.objects.get(code="IS"))
    employer_services.vacancies_search_refresh(Vacancy.objects.all())  # as publishing does
    person = JobseekerProfileFactory()
    sign_in(person.user, PASSWORD)

    page.goto(live_server.url + reverse("home"))
    box = page.get_by_test_id("home-search")
    box.get_by_label("Ce loc de muncă căutați?").fill("Brutar")
    box.get_by_label("Județ").select_option("CJ")
    box.get_by_role("button", name="Caută").click()
    results = page.get_by_test_id("job-results").locator(":scope > li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("4.500–5.200 lei")
    screenshot("job-search-signed-in")

    results.first.get_by_role("link", name="Brutar de noapte").click()
    actions = page.get_by_test_id("job-actions")
    expect(page.get_by_text("autentificați-vă")).to_have_count(0)
    actions.get_by_role("button", name=re.compile("Mă interesează")).click()
    page.wait_for_load_state()
    expect(page).to_have_url(live_server.url + reverse("jobs:detail", args=[vacancy.pk]))
    expect(page.get_by_test_id("job-actions")).to_contain_text("Interes transmis")
    assert VacancyInterest.objects.filter(profile=person, vacancy=vacancy).exists()
    screenshot("job-detail-interest")


def test_save_a_search_and_get_its_new_offers_by_e_mail(page, live_server, sign_in, screenshot):
    person = JobseekerProfileFactory()
    sign_in(person.user, PASSWORD)
    page.goto(live_server.url + reverse("jobs:search") + "?q=patiser&county=CJ")
    save = page.get_by_test_id("save-search")
    save.locator("summary").click()
    save.get_by_label("Numele căutării").fill("Patiserii în Cluj")
    save.get_by_label("În fiecare zi").check()
    save.get_by_role("button", name="Salvați această căutare").click()
    page.wait_for_load_state()
    expect(page).to_have_url(live_server.url + reverse("jobseekers:saved_searches"))
    expect(page.get_by_test_id("saved-searches")).to_contain_text("Patiserii în Cluj")
    search = SavedSearch.objects.get(profile=person)
    assert (search.query, search.county_id, search.frequency) == ("patiser", "CJ", "daily")
    screenshot("saved-searches")

    VacancyFactory(published=True, title="Patiser", description="Patiserie artizanală.")
    employer_services.vacancies_search_refresh(Vacancy.objects.all())
    assert tasks.send_saved_search_alerts() == 1
    assert tasks.send_saved_search_alerts() == 0
    (email,) = OutgoingEmail.objects.filter(recipient_user=person.user)
    assert "Patiser" in email.body

    # Renamed to weekly from the list.
    card = page.get_by_test_id("saved-searches").locator(":scope > li").first
    card.get_by_label("În fiecare săptămână").check()
    card.get_by_role("button", name=re.compile("Salvați modificările")).click()
    page.wait_for_load_state()
    search.refresh_from_db()
    assert search.frequency == "weekly"


def test_book_on_the_calendar_confirm_and_see_where_and_what_to_bring_then_move_it(
    page, live_server, sign_in, screenshot
):
    Agency.objects.filter(county_id="CJ").update(address="Str. George Barițiu 28, Cluj-Napoca")
    counsellor = counsellor_factory("CJ", first_name="Elena", last_name="Mureșan")
    slot = SlotFactory(counsellor=counsellor, purpose="mediation")
    later = SlotFactory(
        counsellor=counsellor, purpose="mediation", start=slot.start + datetime.timedelta(days=1)
    )
    person = JobseekerProfileFactory()
    sign_in(person.user, PASSWORD)

    page.goto(live_server.url + reverse("jobseekers:appointments"))
    page.get_by_label("Scopul întâlnirii").select_option("mediation")
    page.get_by_role("button", name="Arată orele libere").click()
    calendar = page.get_by_test_id("booking-calendar")
    expect(calendar.get_by_role("table")).to_be_visible()
    calendar.get_by_test_id("free-day").first.click()
    times = page.get_by_test_id("free-slots")
    expect(times).to_contain_text("Elena Mureșan")
    screenshot("booking-calendar")
    times.get_by_role("link", name=re.compile("Alegeți")).first.click()

    # The confirmation step books nothing until confirmed.
    expect(page.get_by_test_id("booking-where")).to_contain_text("Str. George Barițiu 28")
    expect(page.get_by_test_id("what-to-bring")).to_contain_text("Cartea de identitate")
    assert not Booking.objects.exists()
    screenshot("booking-confirm")
    page.get_by_test_id("confirm-booking").click()
    page.wait_for_load_state()

    booking = Booking.objects.get(profile=person)
    assert booking.slot == slot
    expect(page).to_have_url(
        live_server.url + reverse("jobseekers:booking_detail", args=[booking.pk])
    )
    expect(page.get_by_test_id("booking-where")).to_contain_text("Str. George Barițiu 28")
    expect(page.get_by_test_id("what-to-bring")).to_contain_text("CV-ul")
    screenshot("booking-detail")

    # Moving it takes the same steps: the calendar, the day's times, a confirmation.
    page.get_by_role("link", name="Mută", exact=True).click()
    expect(page.get_by_test_id("current-appointment")).to_be_visible()
    calendar = page.get_by_test_id("booking-calendar")
    expect(calendar.get_by_role("table")).to_be_visible()
    calendar.get_by_test_id("free-day").first.click()
    times = page.get_by_test_id("free-slots")
    expect(times).to_contain_text("Elena Mureșan")
    times.get_by_role("link", name=re.compile("Alegeți")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("3. Confirmați noua oră")
    expect(page.get_by_test_id("booking-where")).to_contain_text("Str. George Barițiu 28")
    booking.refresh_from_db()
    assert booking.status == "booked"  # nothing moved before the confirmation
    screenshot("booking-move-confirm")
    page.get_by_role("button", name="Mută programarea").click()
    page.wait_for_load_state()

    moved = Booking.objects.get(profile=person, status="booked")
    assert moved.slot == later
    expect(page).to_have_url(
        live_server.url + reverse("jobseekers:booking_detail", args=[moved.pk])
    )
    expect(page.get_by_test_id("booking-status")).to_be_visible()
