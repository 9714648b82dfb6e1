"""End to end in Chromium: the agency administrator imports the trade register's statuses and
reads the report; a counsellor logs a contact with an employer and finds its follow-up in their
work queue.

Selectors use ids, names, URLs and test ids rather than visible text, so the tests hold in
Romanian and in English.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from employers.models import Company, TradeRegisterImport, VacancyStatus
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
