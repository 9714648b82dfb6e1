"""Prospecting: counsellors log contacts with employers, read them on the company page, find
their follow-ups in their work queue; the indicators count them by agency."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from employers import selectors, services
from employers.models import EmployerContact
from reports import selectors as report_selectors
from reports import services as report_services
from reports.models import Indicator
from tests.accounts.factories import UserFactory, agency

from .factories import CompanyFactory, county

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def contact_data(**overrides):
    data = {
        "kind": "visit",
        "contacted_on": TODAY,
        "outcome": "vacancies",
        "vacancies_obtained": 2,
        "notes": "Caută doi sudori.",
        "follow_up_on": TODAY + datetime.timedelta(days=3),
    }
    return {**data, **overrides}


def post_data(**overrides):
    return {
        key: (value.isoformat() if isinstance(value, datetime.date) else value)
        for key, value in contact_data(**overrides).items()
        if value is not None
    }


@pytest.fixture
def contact(company, cluj_counsellor):
    return services.employer_contact_log(company=company, by=cluj_counsellor, **contact_data())


# --- Services -------------------------------------------------------------------------------------


def test_a_counsellor_logs_a_contact_for_their_agency(company, cluj_counsellor):
    contact = services.employer_contact_log(company=company, by=cluj_counsellor, **contact_data())

    assert (contact.agency, contact.counsellor, contact.vacancies_obtained) == (
        agency("CJ"),
        cluj_counsellor,
        2,
    )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"contacted_on": TODAY + datetime.timedelta(days=1)}, "contacted_on"),
        ({"follow_up_on": TODAY - datetime.timedelta(days=1)}, "follow_up_on"),
        ({"vacancies_obtained": 0}, "vacancies_obtained"),
        ({"kind": "pigeon"}, "kind"),
    ],
)
def test_bad_contacts_are_refused(company, cluj_counsellor, overrides, field):
    with pytest.raises(ValidationError) as refused:
        services.employer_contact_log(
            company=company, by=cluj_counsellor, **contact_data(**overrides)
        )

    assert field in refused.value.message_dict
    assert not EmployerContact.objects.exists()


def test_another_agencys_company_and_other_roles_are_refused(company):
    bucharest = UserFactory(counsellor=True, agency=agency("B"))
    for user in (bucharest, UserFactory(agency_admin=True), UserFactory(employer=True)):
        with pytest.raises(PermissionDenied):
            services.employer_contact_log(company=company, by=user, **contact_data())
    assert not EmployerContact.objects.exists()


def test_follow_ups_are_the_counsellors_own_due_this_week(company, cluj_counsellor, contact):
    later = services.employer_contact_log(
        company=company,
        by=cluj_counsellor,
        **contact_data(follow_up_on=TODAY + datetime.timedelta(days=30)),
    )
    colleague = UserFactory(counsellor=True)
    services.employer_contact_log(company=company, by=colleague, **contact_data())

    assert list(selectors.follow_ups_of(cluj_counsellor)) == [contact]
    assert later not in selectors.follow_ups_of(cluj_counsellor)

    services.employer_contact_follow_up_done(contact=contact, by=cluj_counsellor)
    assert list(selectors.follow_ups_of(cluj_counsellor)) == []
    with pytest.raises(ValidationError, match="already done"):
        services.employer_contact_follow_up_done(contact=contact, by=cluj_counsellor)


# --- Pages ----------------------------------------------------------------------------------------


@pytest.fixture
def kinds(users, employer):
    return {**users, "owner": employer}


def _sign_in(client, user):
    if user is not None:
        client.force_login(user)


def _status(response):
    if response.status_code == 302 and "/cont/login/" in response["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", "login"),
        ("jobseeker", 403),
        ("owner", 403),
        ("other_employer", 403),
        ("other_counsellor", 404),
        ("analyst", 403),
        ("counsellor", 200),
    ],
)
def test_who_may_open_the_contact_form(client, kinds, company, kind, expected):
    _sign_in(client, kinds[kind])

    response = client.get(reverse("employers:contact_create", args=[company.pk]))

    assert _status(response) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", "login"),
        ("jobseeker", 403),
        ("owner", 403),
        ("other_counsellor", 404),
        ("analyst", 403),
        ("counsellor", 302),
    ],
)
def test_who_may_mark_a_follow_up_done(client, kinds, contact, kind, expected):
    _sign_in(client, kinds[kind])

    response = client.post(reverse("employers:contact_done", args=[contact.pk]))

    assert _status(response) == expected
    contact.refresh_from_db()
    assert (contact.follow_up_done_at is not None) == (expected == 302)


@pytest.mark.parametrize("kind", ["anonymous", "owner", "other_counsellor"])
def test_others_cannot_log_a_contact(client, kinds, company, kind):
    _sign_in(client, kinds[kind])

    client.post(reverse("employers:contact_create", args=[company.pk]), post_data())

    assert not EmployerContact.objects.exists()


def test_the_counsellor_logs_a_contact_and_reads_the_history(client, kinds, company):
    _sign_in(client, kinds["counsellor"])

    response = client.post(
        reverse("employers:contact_create", args=[company.pk]), post_data(), follow=True
    )

    assert response.redirect_chain[-1][0].startswith(
        reverse("employers:company_detail", args=[company.pk])
    )
    page = response.content.decode()
    assert "The contact was logged." in page
    assert "Caută doi sudori." in page and "Vacancies obtained" in page


def test_bad_input_shows_the_rule_and_keeps_what_was_typed(client, kinds, company):
    _sign_in(client, kinds["counsellor"])
    late = TODAY - datetime.timedelta(days=2)

    response = client.post(
        reverse("employers:contact_create", args=[company.pk]),
        post_data(follow_up_on=late, notes="Notițe de păstrat"),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "The follow-up cannot be before the contact." in page
    assert "Notițe de păstrat" in page
    assert not EmployerContact.objects.exists()


@pytest.mark.parametrize("kind", ["owner", "counsellor", "analyst"])
def test_only_staff_see_the_contact_history(client, kinds, company, contact, kind):
    _sign_in(client, kinds[kind])

    page = client.get(reverse("employers:company_detail", args=[company.pk])).content.decode()

    assert ("Caută doi sudori." in page) == (kind != "owner")


def test_the_follow_up_is_in_the_counsellors_work_queue(
    client, kinds, company, contact, cluj_counsellor, enrol_totp
):
    elsewhere = CompanyFactory(county=county("B"), name="Firma din București SRL")
    services.employer_contact_log(
        company=elsewhere,
        by=kinds["other_counsellor"],
        **contact_data(),
    )
    _sign_in(client, enrol_totp(cluj_counsellor))

    page = client.get(reverse("casework:caseload")).content.decode()

    assert company.name in page and "Firma din București SRL" not in page
    assert reverse("employers:contact_done", args=[contact.pk]) in page


# --- Indicators -----------------------------------------------------------------------------------


def test_the_indicators_count_contacts_by_agency(company, contact, cluj_counsellor):
    bucharest = UserFactory(counsellor=True, agency=agency("B"))
    services.employer_contact_log(
        company=CompanyFactory(county=county("B")), by=bucharest, **contact_data()
    )
    month = TODAY.replace(day=1)

    national = report_selectors.indicator_monthly(agency=None, start=month, end=TODAY)
    cluj = report_selectors.indicator_monthly(agency=agency("CJ"), start=month, end=TODAY)
    for scope in (agency("CJ"), agency("B")):
        report_services.indicator_snapshot_refresh(agency_id=scope.pk)
    by_agency = report_selectors.employer_contacts_by_agency(start=month, end=TODAY)

    assert national[Indicator.EMPLOYER_CONTACTS][month] == 2
    assert cluj[Indicator.EMPLOYER_CONTACTS][month] == 1
    assert {str(row["agency"].county_id): row["contacts"] for row in by_agency} == {
        "CJ": 1,
        "B": 1,
    }
