"""Job search for the signed-in person: save a vacancy, express interest; the counsellor sees it."""

import pytest
from django.urls import reverse

from jobseekers.models import SavedVacancy, VacancyInterest
from tests.accounts.factories import UserFactory
from tests.employers.factories import VacancyFactory

from .factories import JobseekerProfileFactory, counsellor_factory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person_client(client):
    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    client.profile = profile
    return client


def test_search_shows_published_vacancies_only(person_client, django_assert_max_num_queries):
    published = VacancyFactory.create_batch(3, published=True)
    draft = VacancyFactory()
    with django_assert_max_num_queries(12):
        response = person_client.get(reverse("jobs:search"))
    shown = [vacancy for vacancy, _saved, _interested in response.context["rows"]]
    assert set(shown) == set(published) and draft not in shown


def test_save_and_express_interest_which_the_agency_counsellor_sees(
    person_client, client, enrol_totp
):
    vacancy = VacancyFactory(published=True, title="Brutar de noapte")
    person_client.post(reverse("jobseekers:job_action", args=[vacancy.pk, "salveaza"]))
    person_client.post(reverse("jobseekers:job_action", args=[vacancy.pk, "interes"]))
    person_client.post(reverse("jobseekers:job_action", args=[vacancy.pk, "interes"]))
    assert SavedVacancy.objects.filter(profile=person_client.profile).count() == 1
    assert VacancyInterest.objects.filter(profile=person_client.profile).count() == 1

    from tests.client import PortalClient

    for county, expected in [("CJ", True), ("IS", False)]:
        staff = PortalClient()
        staff.force_login(enrol_totp(counsellor_factory(county)))
        page = staff.get(reverse("jobseekers:staff_interests"))
        assert ("Brutar de noapte" in page.content.decode()) is expected


def test_unpublished_vacancy_cannot_be_saved(person_client):
    draft = VacancyFactory()
    response = person_client.post(reverse("jobseekers:job_action", args=[draft.pk, "salveaza"]))
    assert response.status_code == 404
    assert not SavedVacancy.objects.exists()


def test_unsafe_next_url_is_ignored(person_client):
    vacancy = VacancyFactory(published=True)
    response = person_client.post(
        reverse("jobseekers:job_action", args=[vacancy.pk, "salveaza"]),
        {"next": "https://evil.example/"},
    )
    assert response.url == reverse("jobseekers:my_jobs")


@pytest.mark.parametrize("kind", ["anonymous", "employer"])
def test_job_extras_are_for_jobseekers(client, kind):
    vacancy = VacancyFactory(published=True)
    if kind == "employer":
        client.force_login(UserFactory(employer=True))
    response = client.post(reverse("jobseekers:job_action", args=[vacancy.pk, "interes"]))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or "login" in response.url
    assert not VacancyInterest.objects.exists()
