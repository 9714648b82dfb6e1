"""Saved job searches with alerts: save from the search page, manage one's own (others' are not
found), bad input explained with nothing saved, and alerts that run twice send one e-mail and
never the same offer twice."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from jobseekers import selectors, services, tasks
from jobseekers.models import SavedSearch, SavedSearchAlert
from puls.notifications.models import OutgoingEmail
from puls.reference.models import County
from tests.accounts.factories import UserFactory
from tests.employers.factories import VacancyFactory

from .factories import JobseekerProfileFactory, counsellor_factory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def person(client):
    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    return profile


def saved(profile, **criteria):
    values = {"query": "", "county": None, "cor_code": "", "pay_at_least": None, "schedule": ""}
    return services.saved_search_create(
        profile=profile, criteria={**values, **criteria}, frequency="daily"
    )


# --- Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("anonymous", 302), ("employer", 403), ("counsellor", 403), ("jobseeker", 200)],
)
def test_the_list_is_for_jobseekers(client, enrol_totp, kind, expected):
    if kind == "employer":
        client.force_login(UserFactory(employer=True))
    elif kind == "counsellor":
        client.force_login(enrol_totp(counsellor_factory("CJ")))
    elif kind == "jobseeker":
        client.force_login(JobseekerProfileFactory().user)
    response = client.get(reverse("jobseekers:saved_searches"))
    assert response.status_code == expected
    if kind == "anonymous":
        assert "/cont/login/" in response.url


@pytest.mark.parametrize("name", ["saved_search_update", "saved_search_delete"])
def test_another_persons_search_is_not_found_and_stays(client, person, name):
    theirs = saved(JobseekerProfileFactory(), query="brutar")
    response = client.post(
        reverse(f"jobseekers:{name}", args=[theirs.pk]), {"name": "x", "frequency": "weekly"}
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.name, theirs.frequency) == ("brutar", "daily")


@pytest.mark.parametrize("kind", ["anonymous", "employer"])
def test_only_a_jobseeker_saves_a_search(client, kind):
    if kind == "employer":
        client.force_login(UserFactory(employer=True))
    response = client.post(reverse("jobseekers:saved_search_create"), {"q": "brutar"})
    assert response.status_code in (302, 403)
    assert not SavedSearch.objects.exists()


def test_the_list_shows_only_ones_own_searches(client, person):
    saved(person, query="brutar")
    saved(JobseekerProfileFactory(), query="sudor")
    html = client.get(reverse("jobseekers:saved_searches")).content.decode()
    assert "brutar" in html and "sudor" not in html


# --- Saving, renaming, deleting --------------------------------------------------------------------


def test_save_the_search_of_the_search_page(client, person):
    page = client.get(reverse("jobs:search"), {"q": "brutar", "county": "CJ", "pay": "4000"})
    assert 'data-testid="save-search"' in page.content.decode()
    response = client.post(
        reverse("jobseekers:saved_search_create"),
        {
            "q": "brutar",
            "county": "CJ",
            "pay": "4000",
            "schedule": "shifts",
            "name": "",
            "frequency": "weekly",
        },
        follow=True,
    )
    search = SavedSearch.objects.get(profile=person)
    assert (search.query, search.county_id, search.pay_at_least, search.schedule) == (
        "brutar",
        "CJ",
        4000,
        "shifts",
    )
    assert search.frequency == "weekly"
    assert search.name.startswith("brutar")
    assert "Search saved" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"q": "brutar", "pay": "-100"}, "between 0 and 1,000,000"),
        ({"q": "brutar", "pay": "2000000"}, "between 0 and 1,000,000"),
        ({"q": "brutar", "county": "ZZ"}, "This county is not in the list"),
        ({"q": "brutar", "frequency": "hourly"}, "Select a valid choice"),
        ({}, "at least one criterion"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, person, data, message):
    response = client.post(
        reverse("jobseekers:saved_search_create"), {"frequency": "daily", **data}, follow=True
    )
    assert message in response.content.decode()
    assert not SavedSearch.objects.exists()
    # back on the search page with what was typed
    assert response.redirect_chain[-1][0].startswith(reverse("jobs:search"))


def test_rename_and_change_the_frequency(client, person):
    search = saved(person, query="brutar")
    response = client.post(
        reverse("jobseekers:saved_search_update", args=[search.pk]),
        {"name": "Brutării în Cluj", "frequency": "weekly"},
    )
    assert response.status_code == 302
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("Brutării în Cluj", "weekly")


def test_an_empty_name_is_refused_and_nothing_changes(client, person):
    search = saved(person, query="brutar")
    response = client.post(
        reverse("jobseekers:saved_search_update", args=[search.pk]),
        {"name": "  ", "frequency": "weekly"},
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    search.refresh_from_db()
    assert (search.name, search.frequency) == ("brutar", "daily")


def test_delete(client, person):
    search = saved(person, query="brutar")
    client.post(reverse("jobseekers:saved_search_delete", args=[search.pk]))
    assert not SavedSearch.objects.exists()


def test_the_list_page_takes_the_same_queries_for_one_or_many(
    client, person, django_assert_max_num_queries
):
    for word in ["brutar", "sudor", "zidar", "șofer", "contabil"]:
        saved(person, query=word)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("jobseekers:saved_searches")).status_code == 200


# --- Alerts ----------------------------------------------------------------------------------------


def alert_emails(profile):
    return OutgoingEmail.objects.filter(recipient_user=profile.user)


def test_an_alert_run_twice_sends_one_email(person):
    search = saved(person, county=County.objects.get(code="CJ"))
    vacancy = VacancyFactory(published=True, title="Brutar de noapte")
    assert tasks.send_saved_search_alerts() == 1
    assert tasks.send_saved_search_alerts() == 0
    (email,) = alert_emails(person)
    assert "Brutar de noapte" in email.body
    assert reverse("jobs:detail", args=[vacancy.pk]) in email.body
    assert reverse("jobseekers:saved_searches") in email.body
    assert list(SavedSearchAlert.objects.values_list("vacancy_id", flat=True)) == [vacancy.pk]
    search.refresh_from_db()
    assert search.checked_at is not None


def test_an_offer_is_never_sent_twice(person):
    search = saved(person, county=County.objects.get(code="CJ"))
    first = VacancyFactory(published=True, title="Brutar de noapte")
    services.saved_search_alert_send(saved_search_id=search.pk)
    second = VacancyFactory(published=True, title="Patiser de zi")
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert services.saved_search_alert_send(saved_search_id=search.pk, now=tomorrow) == 1
    latest = alert_emails(person).order_by("-pk").first()
    assert "Patiser de zi" in latest.body and first.title not in latest.body
    # nothing new the day after: no e-mail at all
    later = tomorrow + datetime.timedelta(days=1)
    assert services.saved_search_alert_send(saved_search_id=search.pk, now=later) == 0
    assert alert_emails(person).count() == 2
    assert SavedSearchAlert.objects.filter(saved_search=search).count() == 2
    assert second.pk in SavedSearchAlert.objects.values_list("vacancy_id", flat=True)


def test_only_new_matching_offers_are_sent(person):
    before = VacancyFactory(published=True, title="Publicată înainte")
    before.published_at = timezone.now() - datetime.timedelta(days=2)
    before.save()
    saved(person, county=County.objects.get(code="CJ"))
    VacancyFactory(published=True, title="În alt județ", county=County.objects.get(code="IS"))
    VacancyFactory(title="Ciornă")
    assert tasks.send_saved_search_alerts() == 0
    assert not alert_emails(person).exists()


def test_a_weekly_alert_waits_a_week(person):
    search = saved(person, county=County.objects.get(code="CJ"))
    search.frequency = "weekly"
    search.save()
    VacancyFactory(published=True)
    now = timezone.now()
    assert services.saved_search_alert_send(saved_search_id=search.pk, now=now) == 1
    VacancyFactory(published=True)
    for days in range(1, 7):
        moment = now + datetime.timedelta(days=days)
        assert search not in selectors.saved_searches_due(moment)
        assert services.saved_search_alert_send(saved_search_id=search.pk, now=moment) == 0
    week = now + datetime.timedelta(days=7)
    assert search in selectors.saved_searches_due(week)
    assert services.saved_search_alert_send(saved_search_id=search.pk, now=week) == 1


def test_no_alert_for_a_closing_account(person):
    saved(person, county=County.objects.get(code="CJ"))
    person.account_state = "closure_requested"
    person.save()
    VacancyFactory(published=True)
    assert tasks.send_saved_search_alerts() == 0


def test_the_beat_runs_the_alerts_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["jobseekers-saved-search-alerts"]
    assert entry["task"] == "jobseekers.tasks.send_saved_search_alerts"
