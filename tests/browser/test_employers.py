"""End to end in Chromium: a company registers, the agency verifies it, the company posts a job
offer with ESCO competences, the agency publishes it, and anyone finds it in the public search
with valid schema.org JobPosting data. The national administrator opens a subsidy programme only
with its terms, which the employer then reads before applying.

Selectors use ids, names and URLs rather than visible text, so the test holds in Romanian and in
English whatever the state of the translation catalogue.
"""

import datetime
import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from employers.models import Company, Vacancy, VacancyStatus
from puls.accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory
from tests.employers.factories import CompanyFactory, SubsidyProgrammeFactory, valid_cui
from tests.reference.factories import (
    CorOccupationFactory,
    EscoOccupationFactory,
    IscoGroupFactory,
    OccupationSkillFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_company_to_published_job_offer_with_json_ld(
    page, browser, live_server, sign_in, enrol_totp, screenshot
):
    group = IscoGroupFactory(code="7512")
    CorOccupationFactory(code="751201", name="brutar", isco_group=group)
    esco = EscoOccupationFactory(isco_group=group, preferred_labels={"en": "baker"})
    kneading = OccupationSkillFactory(
        occupation=esco, skill=SkillFactory(preferred_labels={"en": "knead dough"})
    )
    baking = OccupationSkillFactory(
        occupation=esco, skill=SkillFactory(preferred_labels={"en": "bake goods"})
    )
    employer = UserFactory(employer=True, first_name="Andrei", last_name="Pop")
    counsellor = enrol_totp(UserFactory(counsellor=True, first_name="Elena", last_name="Mureșan"))
    url = live_server.url

    # 1. The employer registers the company.
    sign_in(employer, PASSWORD)
    page.goto(url + reverse("employers:company_register"))
    cui = valid_cui(4242)
    for field, value in {
        "cui": f"RO {cui}",
        "trade_register_number": "J12/456/2018",
        "name": "Brutăria Someșului SRL",
        "caen_code": "1071",
        "address": "Str. Morii 10",
        "locality": "Dej",
        "contact_name": "Andrei Pop",
        "contact_phone": "0264 111 222",
    }.items():
        page.locator(f"#id_{field}").fill(value)
    page.locator("#id_county").select_option("CJ")
    page.locator("#id_size_band").select_option("small")
    screenshot("employers-company-register")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(url + reverse("employers:company_register_received"))
    company = Company.objects.get(cui=cui)
    assert company.size_band == "small"
    page.goto(url + reverse("employers:company_detail", args=[company.pk]))
    expect(page.get_by_test_id("company-status")).to_have_text(company.get_status_display())

    # 2. A counsellor of the Cluj agency verifies it from the work queue.
    staff = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    staff_page = staff.new_page()
    _sign_in(staff_page, url, counsellor)
    staff_page.goto(url + reverse("employers:staff_queue"))
    verify_url = reverse("employers:company_verify", args=[company.pk])
    staff_page.locator(f"form[action='{verify_url}'] button[value=verify]").click()
    staff_page.wait_for_load_state()
    company.refresh_from_db()
    assert company.status == Company.Status.VERIFIED

    # 3. The employer posts a job offer; the ESCO occupation's essential skills are proposed.
    page.goto(url + reverse("employers:vacancy_create", args=[company.pk]))
    today = timezone.localdate()
    page.locator("#id_cor_occupation").fill("751201")
    page.locator("#id_title").fill("Brutar pe tura de noapte")
    page.locator("#id_description").fill("Pregătim pâine și cozonac pentru magazinele din Dej.")
    page.locator("#id_education_level").select_option("vocational")
    page.locator("#id_language_1").select_option("ro")
    page.locator("#id_level_1").select_option("B1")
    page.locator("#id_posts").fill("2")
    page.locator("#id_pay_min").fill("4200")
    page.locator("#id_pay_max").fill("5200")
    page.locator("#id_schedule").select_option("shifts")
    page.locator("#id_vacant_since").fill(today.isoformat())
    page.locator("#id_valid_until").fill((today + datetime.timedelta(days=30)).isoformat())
    screenshot("employers-vacancy-form")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/competente/")
    vacancy = Vacancy.objects.get(company=company)
    expect(page).to_have_url(url + reverse("employers:vacancy_competences", args=[vacancy.pk]))

    page.locator("#id_esco_occupation").select_option(str(esco.pk))
    page.locator("button[name=action][value=refresh]").click()
    expect(page.locator(f"#need-essential-{kneading.skill.pk}")).to_be_checked()
    expect(page.locator(f"#need-essential-{baking.skill.pk}")).to_be_checked()
    page.locator(f"#need-optional-{baking.skill.pk}").check()  # optional, not essential
    screenshot("employers-vacancy-competences")
    page.locator("button[name=action][value=done]").click()
    expect(page).to_have_url(url + reverse("employers:vacancy_detail", args=[vacancy.pk]))
    assert sorted((str(r.skill), r.essential) for r in vacancy.vacancy_skills.all()) == [
        ("bake goods", False),
        ("knead dough", True),
    ]

    page.locator(
        f"form[action='{reverse('employers:vacancy_submit', args=[vacancy.pk])}'] button"
    ).click()
    communication = vacancy.communications.get()
    expect(page.locator("main")).to_contain_text(communication.registration_number)
    screenshot("employers-vacancy-submitted")

    # 4. The counsellor publishes it.
    staff_page.goto(url + reverse("employers:staff_queue"))
    publish_url = reverse("employers:vacancy_publish", args=[vacancy.pk])
    staff_page.locator(f"form[action='{publish_url}'] button").click()
    staff_page.wait_for_load_state()
    vacancy.refresh_from_db()
    assert vacancy.status == "published"
    staff.close()

    # 5. Anyone finds it in the public search; its page carries a JobPosting.
    visitor = browser.new_context(locale="ro-RO")
    public = visitor.new_page()
    public.goto(url + reverse("jobs:search"))
    public.locator("#id_q").fill("brutar")
    public.locator("#id_county").select_option("CJ")
    public.locator("form[role=search] button[type=submit]").click()
    result = public.locator(f"a[href='{reverse('jobs:detail', args=[vacancy.pk])}']")
    expect(result).to_have_text("Brutar pe tura de noapte")
    public.screenshot(path="/tmp/screens/employers-job-search.png", full_page=True)
    result.click()

    data = json.loads(public.locator("script[type='application/ld+json']").text_content())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Brutar pe tura de noapte"
    assert data["datePosted"] == today.isoformat()
    assert data["validThrough"].startswith((today + datetime.timedelta(days=30)).isoformat())
    assert data["hiringOrganization"]["@type"] == "Organization"
    assert data["hiringOrganization"]["name"] == "Brutăria Someșului SRL"
    assert data["jobLocation"]["@type"] == "Place"
    assert data["jobLocation"]["address"]["addressLocality"] == "Dej"
    assert data["jobLocation"]["address"]["addressRegion"] == "Cluj"
    assert data["jobLocation"]["address"]["addressCountry"] == "RO"
    assert data["baseSalary"]["@type"] == "MonetaryAmount"
    assert data["baseSalary"]["currency"] == "RON"
    assert data["baseSalary"]["value"]["minValue"] == 4200
    assert data["baseSalary"]["value"]["maxValue"] == 5200
    assert sorted(data["skills"]) == ["bake goods", "knead dough"]
    public.screenshot(path="/tmp/screens/employers-job-detail.png", full_page=True)
    visitor.close()


def _sign_in(page, url, user):
    """The harness's sign-in, for a second browser context."""
    from tests.browser.totp import totp_code

    page.goto(url + reverse("account_login"))
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if page.url.startswith(url + reverse("mfa_authenticate")):
        page.locator("input[name=code]").fill(totp_code(user))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()


def test_employer_signs_up_from_the_home_page_and_drafts_a_vacancy_while_unverified(
    page, live_server, sign_in, screenshot
):
    group = IscoGroupFactory(code="7112")
    CorOccupationFactory(code="711201", name="zidar", isco_group=group)
    esco = EscoOccupationFactory(isco_group=group, preferred_labels={"en": "bricklayer"})
    others = [EscoOccupationFactory(isco_group=group) for _n in range(6)]
    skills = []
    for sharing in range(7):  # skill i is shared by i other occupations: 0 is the most specific
        link = OccupationSkillFactory(
            occupation=esco, skill=SkillFactory(preferred_labels={"en": f"brick skill {sharing}"})
        )
        for other in others[:sharing]:
            OccupationSkillFactory(occupation=other, skill=link.skill)
        skills.append(link.skill)
    url = live_server.url

    # 1. "Register as an employer" on the home page opens the sign-up with that role chosen.
    page.goto(url + "/")
    page.get_by_test_id("register-employer").click()
    page.wait_for_load_state()
    expect(page.locator("input[name=role][value=employer]")).to_be_checked()
    page.locator("input[name=email]").fill("zidaria@example.ro")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("input[name=first_name]").fill("Vasile")
    page.locator("input[name=last_name]").fill("Zidaru")
    screenshot("employers-signup-preselected")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    employer = User.objects.get(email="zidaria@example.ro")
    assert employer.role == "employer"
    EmailAddress.objects.filter(user=employer).update(verified=True)  # the link of the e-mail

    # 2. Its company awaits verification; the employer prepares a job offer as a draft.
    company = CompanyFactory(admin=employer, name="Zidăria Dej SRL")
    sign_in(employer, PASSWORD)
    page.goto(url + reverse("employers:company_detail", args=[company.pk]))
    expect(page.get_by_test_id("awaiting-verification")).to_be_visible()
    page.get_by_test_id("prepare-draft").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("awaiting-verification")).to_be_visible()
    page.locator("#id_cor_occupation").fill("711201")
    page.locator("#id_title").fill("Zidar")
    page.locator("#id_description").fill("Zidărie de cărămidă pe șantiere din Dej.")
    page.locator("#id_education_level").select_option("vocational")
    page.locator("#id_posts").fill("1")
    page.locator("#id_pay_min").fill("4500")
    page.locator("#id_pay_max").fill("5500")
    page.locator("#id_schedule").select_option("full_time")
    today = timezone.localdate()
    page.locator("#id_vacant_since").fill(today.isoformat())
    page.locator("#id_valid_until").fill((today + datetime.timedelta(days=30)).isoformat())
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    screenshot("employers-draft-form-sent")
    page.wait_for_url("**/competente/")
    vacancy = Vacancy.objects.get(company=company)

    # 3. The skills step: the most specific skills first, five of seven marked essential.
    page.locator("#id_esco_occupation").select_option(str(esco.pk))
    page.locator("button[name=action][value=refresh]").click()
    page.wait_for_load_state()
    for skill in skills[:5]:
        expect(page.locator(f"#need-essential-{skill.pk}")).to_be_checked()
    for skill in skills[5:]:
        expect(page.locator(f"#need-none-{skill.pk}")).to_be_checked()
    page.locator(f"#need-optional-{skills[4].pk}").check()
    page.locator(f"#need-none-{skills[3].pk}").check()
    screenshot("employers-skills-step")
    page.locator("button[name=action][value=done]").click()
    page.wait_for_load_state()
    expect(page).to_have_url(url + reverse("employers:vacancy_detail", args=[vacancy.pk]))
    assert sorted((str(r.skill), r.essential) for r in vacancy.vacancy_skills.all()) == [
        ("brick skill 0", True),
        ("brick skill 1", True),
        ("brick skill 2", True),
        ("brick skill 4", False),
    ]

    # 4. The draft says submission waits for the verification, and offers no submit button.
    expect(page.get_by_test_id("awaiting-verification")).to_be_visible()
    submit = reverse("employers:vacancy_submit", args=[vacancy.pk])
    expect(page.locator(f"form[action='{submit}']")).to_have_count(0)
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT


def test_a_programme_opens_with_its_terms_and_the_employer_sees_them_before_applying(
    page, live_server, sign_in, enrol_totp, screenshot
):
    admin = enrol_totp(UserFactory(is_superuser=True, is_staff=True))
    employer = UserFactory(employer=True)
    CompanyFactory(admin=employer, verified=True)
    programme = SubsidyProgrammeFactory(
        closed=True, name="Subvenție pentru absolvenți", legal_basis="Legea nr. 76/2002, art. 80"
    )
    url = live_server.url

    # 1. The national administrator cannot open it without terms: refused on the field.
    sign_in(admin, PASSWORD)
    page.goto(url + reverse("employers:programme_edit", args=[programme.pk]))
    page.locator("#id_is_open").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator("#id_is_open")).to_have_class(re.compile("is-invalid"))
    programme.refresh_from_db()
    assert not programme.is_open

    # 2. They enter the terms (amount, months paid, months kept, source), then open it.
    terms_form = page.locator(
        f"form[action='{reverse('employers:programme_amount_add', args=[programme.pk])}']"
    )
    terms_form.locator("#id_amount").fill("2250")
    terms_form.locator("#id_months_paid").fill("12")
    terms_form.locator("#id_months_to_keep").fill("18")
    terms_form.locator("#id_effective_from").fill(timezone.localdate().isoformat())
    terms_form.locator("#id_note").fill("Legea nr. 76/2002")
    terms_form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("terms-history")).to_contain_text("12")
    page.locator("#id_is_open").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    programme.refresh_from_db()
    assert programme.is_open

    # 3. The employer sees the amount, the months paid, the months kept and the legal basis,
    # on the list and on the application form.
    page.context.clear_cookies()
    sign_in(employer, PASSWORD)
    page.goto(url + reverse("employers:subsidy_list"))
    terms = page.get_by_test_id("subsidy-terms")
    expect(terms).to_contain_text(re.compile(r"2[.,]250 lei"))
    expect(terms).to_contain_text("12")
    expect(terms).to_contain_text("18")
    expect(terms).to_contain_text("Legea nr. 76/2002, art. 80")
    screenshot("employers-subsidy-terms")
    page.locator(
        f"a[href='{reverse('employers:application_create', args=[programme.pk])}']"
    ).click()
    expect(page.get_by_test_id("subsidy-terms")).to_contain_text(re.compile(r"2[.,]250 lei"))
