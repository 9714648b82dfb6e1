"""The one job search and vacancy page: the same page for everyone, with Save and "I am
interested" for a signed-in jobseeker; old addresses redirect; bad input is explained; the
number of queries does not grow with the results."""

import pytest
from django.urls import reverse
from django.utils import translation

from jobseekers.models import SavedVacancy
from tests.accounts.factories import UserFactory
from tests.employers.factories import VacancyFactory
from tests.jobseekers.factories import JobseekerProfileFactory, counsellor_factory

pytestmark = pytest.mark.django_db

SIGN_IN = "Sign in as a jobseeker"


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def sign_in(client, kind, enrol_totp):
    if kind == "anonymous":
        return None
    if kind == "jobseeker":
        profile = JobseekerProfileFactory()
        client.force_login(profile.user)
        return profile
    if kind == "jobseeker_unregistered":
        client.force_login(UserFactory())
        return None
    if kind == "employer":
        client.force_login(UserFactory(employer=True))
        return None
    client.force_login(enrol_totp(counsellor_factory("CJ")))
    return None


@pytest.mark.parametrize(
    ("kind", "buttons", "sign_in_hint"),
    [
        ("anonymous", False, True),
        ("jobseeker", True, False),
        ("jobseeker_unregistered", False, False),
        ("employer", False, False),
        ("counsellor", False, False),
    ],
)
@pytest.mark.parametrize("url_name", ["jobs:search", "jobs:detail"])
def test_one_page_for_everyone_with_the_jobseeker_actions(
    client, enrol_totp, kind, buttons, sign_in_hint, url_name
):
    vacancy = VacancyFactory(published=True, title="Brutar de noapte")
    sign_in(client, kind, enrol_totp)
    args = [vacancy.pk] if url_name == "jobs:detail" else []
    response = client.get(reverse(url_name, args=args))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Brutar de noapte" in html
    assert (reverse("jobseekers:job_action", args=[vacancy.pk, "interes"]) in html) is buttons
    assert ("sign in" in html.lower() and "?next=" in html) is sign_in_hint


def test_an_unpublished_vacancy_is_not_found_for_everyone(client):
    draft = VacancyFactory()
    assert client.get(reverse("jobs:detail", args=[draft.pk])).status_code == 404
    client.force_login(JobseekerProfileFactory().user)
    assert client.get(reverse("jobs:detail", args=[draft.pk])).status_code == 404


def test_the_buttons_show_what_the_person_already_did_and_come_back_here(client):
    vacancy = VacancyFactory(published=True)
    profile = JobseekerProfileFactory()
    SavedVacancy.objects.create(profile=profile, vacancy=vacancy)
    client.force_login(profile.user)
    detail = reverse("jobs:detail", args=[vacancy.pk])
    html = client.get(detail).content.decode()
    assert reverse("jobseekers:job_action", args=[vacancy.pk, "sterge"]) in html
    response = client.post(
        reverse("jobseekers:job_action", args=[vacancy.pk, "interes"]), {"next": detail}
    )
    assert response.url == detail
    assert "Interest sent" in client.get(detail).content.decode()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/angajatori/locuri-de-munca/?q=brutar&county=CJ", "/locuri-de-munca/?q=brutar&county=CJ"),
        ("/persoane/locuri-de-munca/?q=brutar", "/locuri-de-munca/?q=brutar"),
    ],
)
def test_the_old_search_addresses_redirect_for_good_with_the_query(client, old, new):
    response = client.get(old)
    assert response.status_code == 301 and response.url == new


def test_the_old_vacancy_address_redirects_for_good(client):
    vacancy = VacancyFactory(published=True)
    response = client.get(f"/angajatori/locuri-de-munca/{vacancy.pk}/")
    assert response.status_code == 301
    assert response.url == reverse("jobs:detail", args=[vacancy.pk])


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"county": "ZZ"}, "county", "This county is not in the list"),
        ({"pay": "-5"}, "pay", "between 0 and 1,000,000"),
        ({"pay": "9999999"}, "pay", "between 0 and 1,000,000"),
        ({"pay": "patru mii"}, "pay", "between 0 and 1,000,000"),
        ({"occupation": "zidar"}, "occupation", "first digits of a COR code"),
    ],
)
def test_bad_input_is_explained_and_kept(client, data, field, message):
    VacancyFactory(published=True)
    response = client.get(reverse("jobs:search"), {"q": "brutar", **data})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert response.context["form"].errors[field]
    assert 'value="brutar"' in html  # what was typed stays in the form
    assert response.context["rows"] == []


@pytest.mark.parametrize("kind", ["anonymous", "jobseeker"])
def test_the_search_takes_as_many_queries_for_one_or_many_results(
    client, enrol_totp, kind, django_assert_num_queries
):
    sign_in(client, kind, enrol_totp)
    VacancyFactory(published=True)
    client.get(reverse("jobs:search"), {"order": "date"})  # warm the session and caches

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("jobs:search"), {"order": "date"})
        return len(captured), len(response.context["rows"])

    few, shown = count_queries()
    VacancyFactory.create_batch(24, published=True)
    many, shown_many = count_queries()
    assert (shown, shown_many) == (1, 20)
    assert few == many
    assert many <= (6 if kind == "anonymous" else 10)


def test_the_home_page_leads_with_the_search_box(client):
    html = client.get(reverse("home")).content.decode()
    box = html[html.index('data-testid="home-search"') - 200 :]
    assert f'action="{reverse("jobs:search")}"' in box.split(">")[0] + box[:400]
    assert 'name="q"' in box and 'name="county"' in box
    assert html.index('data-testid="home-search"') < html.index("Who PULS is for")
