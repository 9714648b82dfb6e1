"""The pages a public body must publish (accessibility statement, privacy notice, contact), the
footer that links them from every page, and the agencies' contact details where they are used."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from jobseekers import services as jobseeker_services
from puls.demo.services import demo_agency_contacts_ensure
from puls.reference.models import Agency
from tests.accounts.factories import UserFactory
from tests.employers.factories import VacancyFactory
from tests.jobseekers.factories import JobseekerProfileFactory, SlotFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["info:accessibility", "info:privacy", "info:contact"]
VISITORS = {
    "anonymous": None,
    "jobseeker": {},
    "employer": {"employer": True},
    "counsellor": {"counsellor": True},
    "national analyst": {"analyst": True},
}


def fill_contact(county="CJ", **fields):
    agency = Agency.objects.get(county_id=county)
    values = {
        "address": "Str. Exemplu nr. 1, Cluj-Napoca",
        "phone": "+40 264 000 001",
        "email": "ajofm@example.ro",
        **fields,
    }
    for name, value in values.items():
        setattr(agency, name, value)
    agency.full_clean()
    agency.save()
    return agency


@pytest.fixture
def visit(client, enrol_totp):
    def as_visitor(kind):
        if VISITORS[kind] is not None:
            user = UserFactory(**VISITORS[kind])
            if user.is_spo_staff:
                enrol_totp(user)
            client.force_login(user)
        return client

    return as_visitor


@pytest.mark.parametrize("kind", VISITORS)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_open_for_everyone(visit, kind, name):
    response = visit(kind).get(reverse(name))

    assert response.status_code == 200


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_refuse_posts(client, name):
    assert client.post(reverse(name)).status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/referinte/despre-date/",
        "/informatii/contact/",
        "/cont/login/",
        "/locuri-de-munca/",
    ],
)
def test_every_page_footer_links_the_public_pages(client, url):
    page = client.get(url).content.decode()

    for name in PUBLIC_PAGES:
        assert f'href="{reverse(name)}"' in page, name


def test_footer_is_on_signed_in_pages_too(client):
    client.force_login(JobseekerProfileFactory().user)

    page = client.get(reverse("jobseekers:dashboard")).content.decode()

    for name in PUBLIC_PAGES:
        assert f'href="{reverse(name)}"' in page, name


@pytest.mark.romanian
def test_accessibility_statement_says_status_gaps_contact_and_enforcement(client):
    page = client.get(reverse("info:accessibility")).content.decode()

    assert "<strong>parțial conform</strong>" in page
    assert "112/2018" in page and "WCAG" in page
    assert "Conținut care nu este accesibil" in page
    assert "Autoritatea pentru Digitalizarea României (ADR)" in page
    assert "1 decembrie 2026" in page  # PULS_ACCESSIBILITY_STATEMENT_DATE
    assert settings.PULS_OPERATOR["address"] in page


@override_settings(
    PULS_ACCESSIBILITY_STATEMENT_DATE="2027-03-15",
    PULS_OPERATOR={**settings.PULS_OPERATOR, "accessibility_email": "acces@example.ro"},
)
def test_accessibility_statement_date_and_contact_come_from_settings(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("info:accessibility")).content.decode()

    assert "15 March 2027" in page
    assert 'href="mailto:acces@example.ro"' in page
    assert "<strong>partially conformant</strong>" in page


@pytest.mark.romanian
@override_settings(PULS_INACTIVITY_NOTICE_DAYS=700, PULS_INACTIVITY_GRACE_DAYS=21)
def test_privacy_notice_gives_controller_bases_retention_rights_and_complaint(client):
    page = client.get(reverse("info:privacy")).content.decode()

    assert "Agenția Națională pentru Ocuparea Forței de Muncă (ANOFM)" in page
    assert "Responsabilul cu protecția datelor" in page
    assert "art. 6 alin. (1) lit. (c) și (e)" in page
    assert "codul numeric personal (CNP)" in page
    days = settings.PULS_RETENTION["sent_email"]["days"]
    assert f"{days} de zile" in page
    assert "700 de zile" in page and "21 de zile" in page
    assert "ANSPDCP" in page and "dataprotection.ro" in page


@override_settings(PULS_OPERATOR={**settings.PULS_OPERATOR, "dpo_email": "dpo@example.ro"})
def test_privacy_notice_links_the_data_protection_officer_when_set(client):
    page = client.get(reverse("info:privacy")).content.decode()

    assert 'href="mailto:dpo@example.ro"' in page


@pytest.mark.romanian
def test_contact_page_lists_every_agency_and_only_filled_details(
    client, django_assert_max_num_queries
):
    fill_contact("CJ")
    fill_contact("B", email="", phone="")

    with django_assert_max_num_queries(3):
        page = client.get(reverse("info:contact")).content.decode()

    for agency in Agency.objects.all():
        assert agency.name in page
    assert "Str. Exemplu nr. 1, Cluj-Napoca" in page
    assert 'href="tel:+40264000001"' in page
    assert 'href="mailto:ajofm@example.ro"' in page
    assert page.count("Date de contact încă nepublicate.") == Agency.objects.count() - 2


def test_agency_phone_is_validated():
    agency = Agency.objects.get(county_id="CJ")
    agency.phone = "call me"

    with pytest.raises(Exception, match="phone"):
        agency.full_clean()


def test_demo_fills_contacts_only_where_none_are_set():
    fill_contact("CJ")

    filled = demo_agency_contacts_ensure()

    assert filled == Agency.objects.count() - 1
    assert Agency.objects.get(county_id="CJ").email == "ajofm@example.ro"
    assert "(date de demonstrație)" in Agency.objects.get(county_id="AB").address
    assert demo_agency_contacts_ensure() == 0


def test_vacancy_page_shows_the_agency_contact(client):
    vacancy = VacancyFactory(published=True)
    fill_contact(vacancy.company.county_id)

    page = client.get(reverse("jobs:detail", args=[vacancy.pk])).content.decode()

    assert "Str. Exemplu nr. 1, Cluj-Napoca" in page
    assert 'href="tel:+40264000001"' in page


def test_booking_email_carries_the_agency_address_and_phone(django_capture_on_commit_callbacks):
    slot = SlotFactory()
    slot.agency = fill_contact(slot.agency.county_id)
    profile = JobseekerProfileFactory()

    with django_capture_on_commit_callbacks(execute=True):
        jobseeker_services.booking_create(slot=slot, profile=profile, by=profile.user)

    (message,) = mail.outbox
    assert "Str. Exemplu nr. 1, Cluj-Napoca" in message.body
    assert "+40 264 000 001" in message.body
