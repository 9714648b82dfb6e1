"""End to end in Chromium: a counsellor opens a vacancy, sees ranked candidates with their
explanations and proposes one; the person accepts; the employer marks the hire; the vacancy's
open posts drop."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from employers.models import Vacancy
from mediation import index
from mediation.models import Proposal
from tests.accounts.factories import PASSWORD, UserFactory
from tests.employers.factories import CompanyFactory
from tests.mediation.factories import make_occupation, make_person, make_vacancy

# Counties and agencies come from a data migration that a transactional test would flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_counsellor_proposes_person_accepts_employer_hires(
    page, live_server, sign_in, enrol_totp, screenshot
):
    index.reset()
    counsellor = enrol_totp(UserFactory(counsellor=True, first_name="Elena", last_name="Mureșan"))
    employer = UserFactory(employer=True, first_name="Radu", last_name="Pop")
    company = CompanyFactory(admin=employer, verified=True, name="Atelierul Clujean SRL")
    cor, esco, essential, optional = make_occupation()
    vacancy = make_vacancy(
        cor, esco, essential, optional, company=company, title="Sudor în construcții", posts=2
    )
    ana = make_person(
        essential, occupation=esco, user=UserFactory(first_name="Ana", last_name="Ionescu")
    )
    make_person(essential[:1], user=UserFactory(first_name="Bogdan", last_name="Stan"))
    url = live_server.url

    # The counsellor opens the vacancy's candidates: Ana ranks first, with an explanation.
    sign_in(counsellor, PASSWORD)
    page.goto(url + reverse("mediation:vacancy_candidates", args=[vacancy.pk]))
    rows = page.get_by_test_id("candidate-row")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Ana Ionescu")
    expect(rows.nth(1)).to_contain_text("Bogdan Stan")
    rows.nth(1).get_by_test_id("explanation").locator("summary").click()
    expect(rows.nth(1).get_by_test_id("missing")).to_be_visible()
    screenshot("mediation-candidates")
    rows.first.locator("input[name=profiles]").check()
    page.get_by_test_id("propose").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_be_visible()
    proposal = Proposal.objects.get(vacancy=vacancy, profile=ana)

    # The person accepts.
    page.context.clear_cookies()
    sign_in(ana.user, PASSWORD)
    page.goto(url + reverse("mediation:proposal_detail", args=[proposal.pk]))
    page.get_by_test_id("accept").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("accept")).to_have_count(0)
    assert Proposal.objects.get(pk=proposal.pk).status == "sent"

    # The employer marks the hire; one post fewer is open.
    page.context.clear_cookies()
    sign_in(employer, PASSWORD)
    page.goto(url + reverse("mediation:proposal_detail", args=[proposal.pk]))
    expect(page.locator("main")).to_contain_text("Ana Ionescu")
    page.get_by_test_id("hire").click()
    page.wait_for_load_state()
    screenshot("mediation-hired")
    proposal.refresh_from_db()
    assert proposal.status == "hired"
    assert Vacancy.objects.get(pk=vacancy.pk).open_posts == 1
