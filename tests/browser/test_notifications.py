"""End to end in Chromium: a counsellor proposes a job; the jobseeker sees the unread badge in the
header, opens the inbox, follows the notice to the proposal and answers it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from mediation import index
from mediation.models import Proposal
from tests.accounts.factories import PASSWORD, UserFactory
from tests.employers.factories import CompanyFactory
from tests.mediation.factories import make_occupation, make_person, make_vacancy

# Counties and agencies come from a data migration that a transactional test would flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_counsellor_proposes_jobseeker_follows_the_notification_and_answers(
    page, live_server, sign_in, enrol_totp, screenshot
):
    index.reset()
    counsellor = enrol_totp(UserFactory(counsellor=True, first_name="Elena", last_name="Mureșan"))
    company = CompanyFactory(admin=UserFactory(employer=True), verified=True)
    cor, esco, essential, optional = make_occupation()
    vacancy = make_vacancy(cor, esco, essential, optional, company=company, title="Sudor")
    ana = make_person(
        essential,
        occupation=esco,
        user=UserFactory(first_name="Ana", last_name="Ionescu", language="ro"),
    )
    url = live_server.url

    sign_in(counsellor, PASSWORD)
    page.goto(url + reverse("mediation:vacancy_candidates", args=[vacancy.pk]))
    page.get_by_test_id("candidate-row").first.locator("input[name=profiles]").check()
    page.get_by_test_id("propose").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_be_visible()
    proposal = Proposal.objects.get(vacancy=vacancy, profile=ana)

    page.context.clear_cookies()
    sign_in(ana.user, PASSWORD)
    badge = page.get_by_role("link", name="Notificări, 1 necitită")
    expect(badge).to_be_visible()
    # The home page leads with what needs an answer.
    page.goto(url + reverse("jobseekers:dashboard"))
    expect(page.get_by_role("heading", name="De făcut")).to_be_visible()
    expect(page.locator("#todo-heading + ul")).to_contain_text("Sudor")
    page.get_by_role("link", name="Notificări, 1 necitită").click()
    page.wait_for_load_state()
    screenshot("notifications-inbox")
    page.get_by_role("link", name="O propunere de loc de muncă pentru dumneavoastră: Sudor").click()
    page.wait_for_load_state()
    assert page.url == url + reverse("mediation:proposal_detail", args=[proposal.pk])
    expect(page.get_by_role("link", name="Notificări", exact=True)).to_be_visible()
    page.get_by_test_id("accept").click()
    page.wait_for_load_state()
    assert Proposal.objects.get(pk=proposal.pk).status == "sent"
