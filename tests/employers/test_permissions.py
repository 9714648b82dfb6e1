"""Every view against every kind of user: anonymous, jobseeker, employer of another company,
counsellor of another agency, national analyst, and the right one."""

import pytest
from django.urls import reverse

from employers.models import CompanyInvitation
from tests.accounts.factories import UserFactory

from .conftest import PDF, upload
from .factories import (
    CompanyFactory,
    SubsidyApplicationFactory,
    SubsidyProgrammeFactory,
    VacancyFactory,
)

pytestmark = pytest.mark.django_db

LOGIN, FORBIDDEN, NOT_FOUND = "login", 403, 404


@pytest.fixture
def world(users, enrol_totp):
    """A Cluj company with its administrator, a submitted vacancy, a document, an application."""
    from employers import services

    owner = UserFactory(employer=True)
    company = CompanyFactory(admin=owner, verified=True)
    vacancy = VacancyFactory(company=company)
    communication = services.vacancy_submit(vacancy=vacancy, by=owner)
    attachment = services.company_document_add(
        company=company, by=owner, uploaded_file=upload("a.pdf", PDF), title="Act"
    )
    application = SubsidyApplicationFactory(company=company)
    invitation = CompanyInvitation.objects.create(
        company=company, email="x@firma.ro", invited_by=owner
    )
    return {
        "users": {**users, "owner": owner},
        "company": company,
        "vacancy": vacancy,
        "communication": communication,
        "attachment": attachment,
        "application": application,
        "programme": application.programme,
        "membership": company.memberships.get(),
        "invitation": invitation,
    }


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _status(response):
    if response.status_code == 302 and "/cont/login/" in response["Location"]:
        return LOGIN
    return response.status_code


# (url name, args from world, expected per kind of user)
EMPLOYER_PAGES = {
    "anonymous": LOGIN,
    "jobseeker": FORBIDDEN,
    "other_employer": NOT_FOUND,
    "other_counsellor": FORBIDDEN,
    "analyst": FORBIDDEN,
    "owner": 200,
}
SHARED_PAGES = {
    "anonymous": LOGIN,
    "jobseeker": FORBIDDEN,
    "other_employer": NOT_FOUND,
    "other_counsellor": NOT_FOUND,
    "counsellor": 200,
    "analyst": 200,
    "owner": 200,
}
GET_VIEWS = [
    ("employers:company_detail", ["company"], SHARED_PAGES),
    ("employers:vacancy_detail", ["vacancy"], SHARED_PAGES),
    ("employers:application_detail", ["application"], SHARED_PAGES),
    ("employers:communication_pdf", ["communication"], SHARED_PAGES),
    ("employers:company_edit", ["company"], EMPLOYER_PAGES),
    ("employers:vacancy_edit", ["vacancy"], {**EMPLOYER_PAGES, "owner": 302}),  # submitted
    ("employers:vacancy_fill", ["vacancy"], EMPLOYER_PAGES),
    ("employers:document_replace", ["attachment"], EMPLOYER_PAGES),
    ("employers:dashboard", [], {**EMPLOYER_PAGES, "other_employer": 200}),
    ("employers:company_register", [], {**EMPLOYER_PAGES, "other_employer": 200}),
    ("employers:company_register_received", [], {**EMPLOYER_PAGES, "other_employer": 200}),
    ("employers:subsidy_list", [], {**EMPLOYER_PAGES, "other_employer": 200}),
    ("employers:application_create", ["programme"], {**EMPLOYER_PAGES, "other_employer": 200}),
    (
        "employers:staff_queue",
        [],
        {
            "anonymous": LOGIN,
            "jobseeker": FORBIDDEN,
            "other_employer": FORBIDDEN,
            "other_counsellor": 200,
            "counsellor": 200,
            "analyst": 200,
            "owner": FORBIDDEN,
        },
    ),
    (
        "employers:programme_list",
        [],
        {
            "anonymous": LOGIN,
            "jobseeker": FORBIDDEN,
            "counsellor": FORBIDDEN,
            "analyst": FORBIDDEN,
            "owner": FORBIDDEN,
        },
    ),
]
CASES = [
    (name, args, kind, expected)
    for name, args, table in GET_VIEWS
    for kind, expected in table.items()
]


@pytest.mark.parametrize(
    ("name", "args", "kind", "expected"), CASES, ids=[f"{c[0].split(':')[1]}-{c[2]}" for c in CASES]
)
def test_get_views(client, world, name, args, kind, expected):
    url = reverse(name, args=[world[arg].pk for arg in args])

    assert _status(_get(client, world["users"][kind], url)) == expected


POST_VIEWS = [
    # (url name, args, POST data, who may, users refused with their status)
    (
        "employers:company_verify",
        ["company"],
        {"decision": "verify"},
        "counsellor",
        {"other_counsellor": NOT_FOUND, "analyst": FORBIDDEN, "owner": FORBIDDEN},
    ),
    (
        "employers:vacancy_publish",
        ["vacancy"],
        {},
        "counsellor",
        {"other_counsellor": NOT_FOUND, "analyst": FORBIDDEN, "owner": FORBIDDEN},
    ),
    (
        "employers:vacancy_return",
        ["vacancy"],
        {"reason": "x"},
        "counsellor",
        {"other_counsellor": NOT_FOUND, "analyst": FORBIDDEN, "owner": FORBIDDEN},
    ),
    (
        "employers:document_review",
        ["attachment"],
        {"decision": "accept"},
        "counsellor",
        {"other_counsellor": NOT_FOUND, "analyst": FORBIDDEN, "owner": FORBIDDEN},
    ),
    (
        "employers:vacancy_withdraw",
        ["vacancy"],
        {},
        "owner",
        {"other_employer": NOT_FOUND, "counsellor": FORBIDDEN, "jobseeker": FORBIDDEN},
    ),
    (
        "employers:vacancy_duplicate",
        ["vacancy"],
        {},
        "owner",
        {"other_employer": NOT_FOUND, "counsellor": FORBIDDEN},
    ),
    (
        "employers:invitation_create",
        ["company"],
        {"email": "n@firma.ro"},
        "owner",
        {"other_employer": NOT_FOUND, "counsellor": FORBIDDEN},
    ),
    (
        "employers:invitation_revoke",
        ["invitation"],
        {},
        "owner",
        {"other_employer": NOT_FOUND, "counsellor": FORBIDDEN},
    ),
    (
        "employers:application_submit",
        ["application"],
        {},
        "owner",
        {"other_employer": NOT_FOUND, "counsellor": FORBIDDEN},
    ),
]
POST_CASES = [
    (name, args, data, kind, expected)
    for name, args, data, allowed, refused in POST_VIEWS
    for kind, expected in [*refused.items(), ("anonymous", LOGIN), (allowed, 302)]
]


@pytest.mark.parametrize(
    ("name", "args", "data", "kind", "expected"),
    POST_CASES,
    ids=[f"{c[0].split(':')[1]}-{c[3]}" for c in POST_CASES],
)
def test_post_views(client, world, name, args, data, kind, expected):
    url = reverse(name, args=[world[arg].pk for arg in args])
    user = world["users"][kind]
    if user is not None:
        client.force_login(user)

    assert _status(client.post(url, data)) == expected


def test_another_companys_documents_are_not_downloadable(client, world):
    client.force_login(world["users"]["other_employer"])
    url = reverse("documents:download", args=[world["attachment"].document_id])

    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("owner", 200),
        ("counsellor", 200),
        ("other_counsellor", 404),
        ("analyst", 404),
        ("other_employer", 404),
    ],
)
def test_document_download_follows_the_company_scope(client, world, kind, expected):
    client.force_login(world["users"][kind])
    url = reverse("documents:download", args=[world["attachment"].document_id])

    assert client.get(url).status_code == expected


@pytest.mark.parametrize("kind", ["anonymous", "jobseeker", "other_employer", "counsellor"])
def test_drafts_and_submitted_vacancies_are_never_public(client, world, kind):
    draft = VacancyFactory(company=world["company"])

    for vacancy in (draft, world["vacancy"]):
        response = _get(client, world["users"][kind], reverse("jobs:detail", args=[vacancy.pk]))
        assert response.status_code == 404


def test_public_pages_need_no_login(client):
    for name in ("jobs:search", "employers:job_feed_json", "employers:job_feed_csv"):
        assert client.get(reverse(name)).status_code == 200


def test_a_colleague_who_is_not_admin_cannot_invite(client, world):
    from employers.models import CompanyMembership

    colleague = UserFactory(employer=True)
    CompanyMembership.objects.create(company=world["company"], user=colleague)
    client.force_login(colleague)

    client.post(
        reverse("employers:invitation_create", args=[world["company"].pk]), {"email": "n@firma.ro"}
    )

    assert not world["company"].invitations.filter(email="n@firma.ro").exists()


def test_programme_pages_are_for_superusers(client, db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=admin, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(admin)
    programme = SubsidyProgrammeFactory()

    assert client.get(reverse("employers:programme_list")).status_code == 200
    assert client.get(reverse("employers:programme_edit", args=[programme.pk])).status_code == 200


def test_the_admin_lists_open_for_a_superuser(client, world, enrol_totp):
    admin_user = enrol_totp(UserFactory(is_superuser=True, is_staff=True))
    client.force_login(admin_user)

    for model in (
        "company",
        "vacancy",
        "subsidyprogramme",
        "subsidyapplication",
        "companydocument",
        "vacancycommunication",
        "satisfactionresponse",
    ):
        assert client.get(reverse(f"admin:employers_{model}_changelist")).status_code == 200
    assert (
        client.get(
            reverse("admin:employers_vacancy_change", args=[world["vacancy"].pk])
        ).status_code
        == 200
    )
