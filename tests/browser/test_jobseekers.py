"""End to end in Chromium: a person signs up, verifies the e-mail, registers with the CNP, fills
the dossier, books an appointment and sees it in "my dossier"; the counsellor sees it in the
agency calendar. A person consents to matching, sees the jobs that fit them and tells their
counsellor of their interest; the employer still does not see them. A person picks an occupation
in Romanian (COR) and its ESCO equivalent among those of the group."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from casework.models import MeasureType
from jobseekers.models import Booking, JobseekerProfile, VacancyInterest
from mediation import index
from tests.accounts.factories import PASSWORD, UserFactory
from tests.employers.factories import CompanyFactory
from tests.jobseekers.factories import (
    JobseekerProfileFactory,
    SlotFactory,
    counsellor_factory,
    make_cnp,
)
from tests.mediation.factories import make_occupation, make_person, make_vacancy
from tests.reference.factories import (
    CorOccupationFactory,
    EscoOccupationFactory,
    IscoGroupFactory,
)

# The live server needs committed data; counties and agencies come from a data migration that a
# transactional test would flush, so they are restored after the test (serialized_rollback).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_PASSWORD = "o-parola-lunga-2026"


def test_sign_up_register_fill_dossier_book_and_counsellor_sees_it(
    page, live_server, sign_in, enrol_totp, screenshot
):
    counsellor = enrol_totp(counsellor_factory("CJ", first_name="Elena", last_name="Mureșan"))
    slot = SlotFactory(counsellor=counsellor, purpose="registration")
    url = live_server.url

    # Sign up as a jobseeker.
    page.goto(url + reverse("account_signup"))
    page.locator("input[name=role][value=jobseeker]").check()
    page.locator("input[name=first_name]").fill("Ioana")
    page.locator("input[name=last_name]").fill("Mureșan")
    page.locator("input[name=email]").fill("ioana.muresan@example.ro")
    page.locator("input[name=password1]").fill(NEW_PASSWORD)
    page.locator("input[name=password2]").fill(NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    # Verify the e-mail address through the link that was sent.
    (message,) = [m for m in mail.outbox if "ioana.muresan@example.ro" in m.to]
    link = re.search(r"https?://\S+", message.body).group(0)
    page.goto(url + urlsplit(link).path)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    # Signed in, the person is sent to complete the identity form.
    page.goto(url + reverse("accounts:dashboard"))
    expect(page).to_have_url(url + reverse("jobseekers:register"))
    cnp = make_cnp(first="2", birth="950214", county="12")
    page.locator("input[name=cnp]").fill(cnp)
    page.locator("input[name=birth_date]").fill("1995-02-14")
    page.locator("select[name=county]").select_option("CJ")
    page.locator("input[name=locality]").fill("Cluj-Napoca")
    page.locator("input[name=address]").fill("Str. Observatorului 12")
    page.locator("input[name=phone]").fill("0744123456")
    page.locator("input[name=status][value=unemployed]").check()
    page.locator("input[name=consent]").check()
    page.locator("main form button[type=submit]").click()
    confirmation = page.get_by_test_id("cnp-confirmation")
    expect(confirmation).to_contain_text("1995")
    screenshot("jobseeker-register-confirm")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(url + reverse("jobseekers:registration_received"))
    page.locator("main a.btn-primary").click()
    expect(page).to_have_url(url + reverse("jobseekers:dossier"))
    assert JobseekerProfile.objects.with_cnp(cnp).get().agency.county_id == "CJ"

    # Add education to the dossier.
    page.goto(url + reverse("jobseekers:section_add", args=["educatie"]))
    page.locator("select[name=level]").select_option("bachelor")
    page.locator("input[name=field]").fill("Științe economice")
    page.locator("input[name=institution]").fill("Universitatea Babeș-Bolyai")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#educatie")).to_contain_text("Universitatea Babeș-Bolyai")

    # Book the registration slot.
    page.goto(url + reverse("jobseekers:appointments") + "?purpose=registration")
    page.get_by_test_id("free-day").first.click()
    free = page.get_by_test_id("free-slots")
    expect(free).to_contain_text("Elena Mureșan")
    free.get_by_role("link", name=re.compile("Alegeți")).first.click()
    page.get_by_test_id("confirm-booking").click()
    page.wait_for_load_state()
    booking = Booking.objects.get(profile__in=JobseekerProfile.objects.with_cnp(cnp))
    assert booking.slot == slot
    assert any(m.attachments for m in mail.outbox if "ioana.muresan@example.ro" in m.to)

    # It shows in "my dossier".
    page.goto(url + reverse("jobseekers:dossier"))
    expect(page.locator("#programari").get_by_test_id("bookings")).to_contain_text("Elena Mureșan")
    screenshot("jobseeker-dossier")

    # The counsellor sees it in the agency calendar.
    page.context.clear_cookies()
    sign_in(counsellor, PASSWORD)
    day = timezone.localtime(slot.start).date().isoformat()
    page.goto(url + reverse("jobseekers:staff_calendar") + f"?zi={day}")
    expect(page.get_by_test_id("calendar")).to_contain_text("Ioana Mureșan")
    screenshot("counsellor-calendar")


def test_person_consents_sees_jobs_that_fit_and_expresses_interest(
    page, live_server, sign_in, screenshot
):
    index.reset()
    employer = UserFactory(employer=True, first_name="Radu", last_name="Pop")
    company = CompanyFactory(admin=employer, verified=True, name="Atelierul Clujean SRL")
    cor, esco, essential, optional = make_occupation()
    welder = make_vacancy(cor, esco, essential, optional, company=company, title="Sudor Cluj")
    make_vacancy(
        cor,
        esco,
        essential,
        company=company,
        title="Sudor Iași",
        county_id="IS",
        locality="Iași",
        schedule="shifts",
    )
    course = MeasureType.objects.create(code="curs-sudura", name="Curs de sudură MIG-MAG")
    course.skills.add(essential[3])
    ana = make_person(essential[:3], user=UserFactory(first_name="Ana", last_name="Ionescu"))
    url = live_server.url

    # From the navigation, the page first asks for the consent, then shows the matches.
    sign_in(ana.user, PASSWORD)
    page.goto(url + reverse("jobseekers:dashboard"))
    page.locator("header nav").get_by_role(
        "link", name="Locuri de muncă potrivite pentru mine"
    ).click()
    expect(page.get_by_test_id("matches-no-consent")).to_be_visible()
    page.get_by_role("button", name="Sunt de acord").click()
    matches = page.get_by_test_id("matches").locator(":scope > li")
    expect(matches).to_have_count(2)
    ana.refresh_from_db()
    assert ana.matching_consent_at is not None

    # Each match says what the person has and lacks, and where to learn what they lack.
    first = matches.first
    expect(first.get_by_test_id("match-explanation")).to_contain_text(essential[0].label("ro"))
    expect(first.get_by_test_id("match-missing")).to_contain_text(essential[3].label("ro"))
    screenshot("jobseeker-matches")

    # Filtered to Cluj, one match is left; its missing competence leads to the training.
    page.locator("select[name=county]").select_option("CJ")
    page.get_by_role("button", name="Filtrează").click()
    expect(matches).to_have_count(1)
    expect(matches.first).to_contain_text("Sudor Cluj")
    matches.first.get_by_role("button", name="Mă interesează").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"county=CJ"))
    expect(matches.first.get_by_role("button", name="Interes transmis")).to_be_visible()
    assert VacancyInterest.objects.filter(profile=ana, vacancy=welder).exists()
    matches.first.get_by_role("link", name="Curs de sudură MIG-MAG").click()
    expect(page.locator("#masura-curs-sudura")).to_contain_text(essential[3].label("ro"))

    # The employer still does not see her: no proposal was made.
    page.context.clear_cookies()
    sign_in(employer, PASSWORD)
    page.goto(url + reverse("employers:vacancy_detail", args=[welder.pk]))
    expect(page.locator("main")).to_contain_text("Sudor Cluj")
    expect(page.locator("main")).not_to_contain_text("Ionescu")


def test_person_picks_an_occupation_in_romanian_and_its_esco_equivalent(
    page, live_server, sign_in, screenshot
):
    group = IscoGroupFactory(code="7212", preferred_labels={"en": "Welders and flamecutters"})
    CorOccupationFactory(code="721208", name="sudor", isco_group=group)
    CorOccupationFactory(code="721203", name="sudor manual cu arc electric", isco_group=group)
    EscoOccupationFactory(isco_group=group, preferred_labels={"en": "welder"})
    solderer = EscoOccupationFactory(isco_group=group, preferred_labels={"en": "solderer"})
    profile = JobseekerProfileFactory()
    url = live_server.url
    sign_in(profile.user, PASSWORD)

    # Typing the Romanian name suggests COR occupations, code first.
    page.goto(url + reverse("jobseekers:section_add", args=["experienta"]))
    cor_input = page.locator("input[name=cor_occupation]")
    cor_input.fill("sudor")
    expect(page.locator("#id_cor_occupation-options option").first).to_have_attribute(
        "value", "721208 sudor"
    )
    # Picking one refills the ESCO choice with that group's occupations, closest first,
    # each marked as English.
    cor_input.fill("721208 sudor")
    options = page.locator("select[name=occupation] option")
    expect(options).to_have_count(3)
    expect(options.nth(1)).to_have_text("welder")
    expect(options.nth(1)).to_have_attribute("lang", "en")
    page.locator("select[name=occupation]").select_option(str(solderer.pk))
    page.locator("input[name=employer_name]").fill("Uzina Mecanică Cluj")
    page.locator("input[name=start_date]").fill("2018-01-01")
    screenshot("jobseeker-experience-cor")
    page.locator("main form button[type=submit]").click()

    expect(page.locator("#experienta")).to_contain_text("sudor · Uzina Mecanică Cluj")
    experience = profile.experience.get()
    assert (experience.cor_occupation.code, experience.occupation) == ("721208", solderer)
