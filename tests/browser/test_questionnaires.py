"""End to end in Chromium: an employer answers the employers' needs questionnaire (seed 003) from
the Questionnaires menu, first forgetting a required question; the national analyst then reads
the report by county, with the small counts suppressed, and exports it."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from reports.models import Question, QuestionnaireResponse
from tests.accounts.factories import PASSWORD, UserFactory
from tests.employers.factories import CompanyFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_employer_answers_the_needs_questionnaire_and_the_analyst_reads_the_report(
    page, live_server, sign_in, enrol_totp, screenshot
):
    url = live_server.url
    employer = UserFactory(employer=True, first_name="Ana", last_name="Pop")
    CompanyFactory(verified=True, admin=employer, name="Sudura Someș SRL")
    analyst = enrol_totp(UserFactory(analyst=True, first_name="Radu", last_name="Stoica"))
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url}])

    sign_in(employer, PASSWORD)
    page.get_by_role("navigation").get_by_role("link", name="Questionnaires").first.click()
    page.get_by_role("listitem").filter(
        has_text="Questionnaire on employers' real needs"
    ).get_by_role("link", name="Answer").click()
    expect(page.get_by_role("group", name="Access to subsidies")).to_be_visible()

    questions = Question.objects.filter(questionnaire__code="nevoi-angajatori", required=True)
    first, *others = list(questions.order_by("position"))
    for question in others:
        group = page.get_by_role("group", name=question.text_en, exact=True)
        if question.kind == "scale":
            group.get_by_label("4", exact=True).check()
        elif question.kind == "yes_no":
            group.get_by_label("Yes", exact=True).check()
        else:
            group.get_by_role("radio").first.check()
    page.get_by_role("group", name="On which topics would you like guidance?").get_by_label(
        "Labour law"
    ).check()
    page.get_by_role("button", name="Send").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Answer this question.")
    screenshot("questionnaire-error")
    summary.get_by_role("link", name=first.text_en, exact=False).click()
    expect(page.locator(f"#id_{first.field_name}_0")).to_be_focused()
    page.get_by_role("group", name=first.text_en, exact=True).get_by_label("5", exact=True).check()
    for question in others:  # a refused page keeps what was chosen
        if question.kind == "scale":
            expect(
                page.get_by_role("group", name=question.text_en, exact=True).get_by_label(
                    "4", exact=True
                )
            ).to_be_checked()
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    response = QuestionnaireResponse.objects.get(questionnaire__code="nevoi-angajatori")
    assert (response.county_id, response.sector) == ("CJ", "J")

    page.context.clear_cookies()
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": url}])
    sign_in(analyst, PASSWORD)
    page.goto(url + reverse("reports:dashboard"))
    page.get_by_role("link", name="Questionnaire results").click()
    page.get_by_role("link", name="Questionnaire on employers' real needs").click()
    page.get_by_label("Rows").select_option("county")
    page.get_by_role("button", name="Show").click()
    respondents = page.get_by_role("table", name="Respondents")
    expect(respondents.get_by_role("row", name="Cluj")).to_contain_text("<5")
    screenshot("questionnaire-report")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    assert download_info.value.suggested_filename == "chestionar-nevoi-angajatori.csv"
