"""End to end in Chromium: the agency administrator imports the trade register's statuses and
reads the report; a counsellor logs a contact with an employer and finds its follow-up in their
work queue.

Selectors use ids, names, URLs and test ids rather than visible text, so the tests hold in
Romanian and in English.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from employers.models import Company, EmployerContact, TradeRegisterImport, VacancyStatus
from tests.accounts.factories import PASSWORD, UserFactory
from tests.employers.factories import CompanyFactory, VacancyFactory, valid_cui

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_agency_admin_imports_the_trade_register_and_reads_the_report(
    page, live_server, sign_in, enrol_totp, screenshot, tmp_path
):
    admin = enrol_totp(UserFactory(agency_admin=True, first_name="Maria", last_name="Rus"))
    company = CompanyFactory(verified=True, name="Brutăria Închisă SRL")
    vacancy = VacancyFactory(company=company, published=True)
    csv_file = tmp_path / "onrc-cluj.csv"
    csv_file.write_bytes(
        "\ufeffCUI;stare;data\n"
        f"RO{company.cui};radiată;01.11.2026\n"
        f"{valid_cui(5150)};activă;01.11.2026\n"
        "12345678;activă;01.11.2026\n".encode()
    )
    url = live_server.url

    sign_in(admin, PASSWORD)
    page.goto(url + reverse("employers:trade_register_import"))
    page.locator("#id_file").set_input_files(str(csv_file))
    screenshot("employers-trade-register-import")
    page.locator("[data-testid=trade-register-form] button[type=submit]").click()
    record = TradeRegisterImport.objects.get()
    expect(page).to_have_url(url + reverse("employers:trade_register_report", args=[record.pk]))
    expect(page.get_by_test_id("rows-read")).to_have_text("3")
    expect(page.get_by_test_id("companies-changed")).to_have_text("1")
    expect(page.get_by_test_id("vacancies-closed")).to_have_text("1")
    expect(page.get_by_test_id("unknown-count")).to_have_text("1")
    expect(page.get_by_test_id("invalid-count")).to_have_text("1")
    expect(page.get_by_test_id("invalid")).to_contain_text("4")
    screenshot("employers-trade-register-report")
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.WITHDRAWN
    assert Company.objects.get(pk=company.pk).register_status == "struck_off"

    page.get_by_test_id("changed").locator(
        f"a[href='{reverse('employers:company_detail', args=[company.pk])}']"
    ).click()
    expect(page.get_by_test_id("register-inactive")).to_be_visible()


def test_counsellor_logs_a_contact_and_finds_the_follow_up_in_the_queue(
    page, live_server, sign_in, enrol_totp, screenshot
):
    counsellor = enrol_totp(UserFactory(counsellor=True, first_name="Elena", last_name="Mureșan"))
    company = CompanyFactory(verified=True, name="Sudura Someș SRL")
    today = timezone.localdate()
    url = live_server.url

    sign_in(counsellor, PASSWORD)
    page.goto(url + reverse("employers:company_detail", args=[company.pk]))
    page.get_by_test_id("log-contact").click()
    page.locator("#id_kind").select_option("visit")
    page.locator("#id_contacted_on").fill(today.isoformat())
    page.locator("#id_outcome").select_option("vacancies")
    page.locator("#id_vacancies_obtained").fill("3")
    page.locator("#id_follow_up_on").fill((today + datetime.timedelta(days=2)).isoformat())
    page.locator("#id_notes").fill("Caută trei sudori pentru șantierul din Dej.")
    screenshot("employers-contact-form")
    page.locator("[data-testid=contact-form] button[type=submit]").click()
    expect(page.get_by_test_id("contacts")).to_contain_text("Caută trei sudori")
    contact = EmployerContact.objects.get()
    assert (contact.counsellor, contact.vacancies_obtained) == (counsellor, 3)

    page.goto(url + reverse("casework:caseload"))
    follow_ups = page.get_by_test_id("employer-follow-ups")
    expect(follow_ups).to_contain_text("Sudura Someș SRL")
    screenshot("employers-contact-follow-up-queue")
    follow_ups.locator(
        f"form[action='{reverse('employers:contact_done', args=[contact.pk])}'] button"
    ).click()
    expect(page.get_by_test_id("employer-follow-ups")).to_have_count(0)
    contact.refresh_from_db()
    assert contact.follow_up_done_at is not None
