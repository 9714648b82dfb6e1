"""The dashboard reads the indicators' snapshot the background refresh made: a fixed number of
queries whatever the data, its "as of" time shown, refreshed after the events that move it (at most
once per debounce window per scope), idempotent, and counted once in the request when none exists
yet."""

import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import IndicatorSnapshot
from reports.tasks import refresh_indicator_snapshot, refresh_indicator_snapshots
from tests.accounts.factories import agency
from tests.jobseekers.factories import JobseekerProfileFactory
from tests.reports.conftest import at

PERIOD = {"period_start": "2026-01-01", "period_end": "2026-04-30"}


@pytest.fixture(autouse=True)
def no_debounce_left_over():
    cache.clear()
    yield
    cache.clear()


def _served(response):
    return response.content.decode().split("Persons who benefited from services: ")[1].split("<")[0]


def _page(client, **query):
    return client.get(reverse("reports:dashboard"), {**PERIOD, **query})


def test_the_page_reads_the_snapshot_in_a_fixed_number_of_queries(client, users, world):
    client.force_login(users["analyst"])
    refresh_indicator_snapshots.delay()
    with CaptureQueriesContext(connection) as small:
        assert _page(client).status_code == 200
    JobseekerProfileFactory.create_batch(30, registered_at=at(2026, 2))
    refresh_indicator_snapshots.delay()
    with CaptureQueriesContext(connection) as large:
        response = _page(client)
    assert _served(response) == "38"  # 8 in the world, 30 more
    # the snapshot's figures in at most 12; the staff-training and help-desk sections, and the
    # other programme targets (case management from the snapshot; staff trained and structures,
    # small tables, live: 5), are read in a fixed number of their own
    assert len(large) == len(small) <= 26
    # None of them counts the live tables.
    assert not any("jobseekers_jobseekerprofile" in q["sql"] for q in large.captured_queries)


def test_the_page_shows_the_snapshot_not_the_live_tables_and_its_time(client, users, world):
    client.force_login(users["admin"])  # Cluj
    services.indicator_snapshot_refresh(agency_id=agency("CJ").pk)
    IndicatorSnapshot.objects.filter(scope=f"agency-{agency('CJ').pk}").update(
        computed_at=timezone.make_aware(datetime.datetime(2026, 12, 1, 18, 30))
    )
    JobseekerProfileFactory(registered_at=at(2026, 3))  # no commit, no refresh yet

    response = _page(client)

    assert _served(response) == "7"
    assert "Figures as of 1 December 2026, 18:30" in response.content.decode()


@pytest.mark.romanian
def test_the_time_of_the_figures_in_romanian(client, users, world):
    client.force_login(users["analyst"])
    services.indicator_snapshot_refresh(agency_id=None)
    IndicatorSnapshot.objects.update(
        computed_at=timezone.make_aware(datetime.datetime(2026, 12, 1, 18, 30))
    )
    assert "Date la 1 decembrie 2026, 18:30" in _page(client).content.decode()


def test_without_a_snapshot_the_page_counts_once_and_keeps_it(client, users, world):
    client.force_login(users["analyst"])
    assert not IndicatorSnapshot.objects.exists()

    assert _served(_page(client)) == "8"
    assert _served(_page(client, agency=agency("CJ").pk)) == "7"

    assert set(IndicatorSnapshot.objects.values_list("scope", flat=True)) == {
        "national",
        f"agency-{agency('CJ').pk}",
    }


def test_a_registration_refreshes_the_national_and_the_agency_snapshot(
    client, users, world, django_capture_on_commit_callbacks
):
    services.indicator_snapshot_refresh(agency_id=None)
    services.indicator_snapshot_refresh(agency_id=agency("CJ").pk)
    before = dict(IndicatorSnapshot.objects.values_list("scope", "computed_at"))
    cache.clear()  # the world's own saves opened a window (their transaction never commits)

    with django_capture_on_commit_callbacks(execute=True):
        JobseekerProfileFactory(registered_at=at(2026, 3))

    after = dict(IndicatorSnapshot.objects.values_list("scope", "computed_at"))
    assert all(after[scope] > before[scope] for scope in before)
    client.force_login(users["admin"])
    assert _served(_page(client)) == "8"  # Cluj: 7 + the new registration
    client.force_login(users["analyst"])
    assert _served(_page(client)) == "9"


def test_events_in_the_same_window_queue_one_refresh_per_scope_at_its_end(db):
    cluj = agency("CJ").pk
    with mock.patch("reports.services.enqueue_on_commit") as enqueue:
        for _ in range(5):
            services.indicators_moved(agency_id=cluj)
        services.indicators_moved(county_id="CJ")  # a vacancy of Cluj: the same agency
    queued = sorted((call.args[1] or 0, call.kwargs["countdown"]) for call in enqueue.mock_calls)
    debounce = settings.REPORTS_SNAPSHOT_DEBOUNCE_SECONDS
    assert queued == [(0, debounce), (cluj, debounce)]
    assert all(call.args[0] is refresh_indicator_snapshot for call in enqueue.mock_calls)


def test_a_refresh_never_replaces_newer_figures(world):
    later = timezone.now() + datetime.timedelta(minutes=5)
    IndicatorSnapshot.objects.create(scope="national", computed_at=later, data={"newer": True})

    services.indicator_snapshot_refresh(agency_id=None)
    refresh_indicator_snapshot.delay(None)

    snapshot = IndicatorSnapshot.objects.get()
    assert (snapshot.computed_at, snapshot.data) == (later, {"newer": True})


def test_the_refresh_is_idempotent_and_covers_every_agency(world):
    agencies = agency("CJ").__class__.objects.count()
    assert refresh_indicator_snapshots.delay().get() == agencies + 1  # and the national one
    assert refresh_indicator_snapshots.delay().get() == agencies + 1
    assert IndicatorSnapshot.objects.count() == agencies + 1


def test_beat_refreshes_the_snapshots():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "reports.tasks.refresh_indicator_snapshots" in tasks


def test_the_snapshot_gives_the_same_figures_as_the_live_count(world):
    from reports import selectors
    from reports.models import Indicator, Milestone, Programme

    programme = Programme.objects.create(
        code="t", name="T", start_date=datetime.date(2026, 1, 1), duration_months=12
    )
    Milestone.objects.create(
        programme=programme, indicator=Indicator.PERSONS_SERVED, month=3, target=5
    )
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 4, 30)
    for scope in (None, agency("CJ")):
        live = selectors.dashboard(agency=scope, programme=programme, start=start, end=end)
        snapshot = services.indicator_snapshot_refresh(agency_id=scope.pk if scope else None)
        read = selectors.dashboard_from_snapshot(
            snapshot, programme=programme, start=start, end=end
        )
        assert read["indicators"] == live["indicators"]
        assert read["months"] == live["months"]
