"""Reports never strand: a dead worker (a stale heartbeat), a lost queue message, a dropped
database connection; and the progress bar follows the real work."""

import datetime

import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections
from django.urls import reverse
from django.utils import timezone

from reports import builders, generation, services
from reports.models import ReportRun

STALE = datetime.timedelta(seconds=settings.REPORT_HEARTBEAT_TIMEOUT + 60)
LOST = datetime.timedelta(seconds=settings.REPORT_REQUEUE_AFTER + 60)


def _run(users, **fields):
    values = {
        "kind": "jobseekers",
        "agency": users["admin"].agency,
        "requested_by": users["admin"],
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 4, 30),
    }
    return ReportRun.objects.create(**{**values, **fields})


def _recover(capture):
    with capture(execute=True):
        return services.report_runs_recover()


def test_a_run_whose_worker_died_is_built_again(users, django_capture_on_commit_callbacks):
    run = _run(users, status="running", progress=10, heartbeat_at=timezone.now() - STALE)

    assert _recover(django_capture_on_commit_callbacks) == (1, 0)

    run.refresh_from_db()
    assert (run.status, run.progress, run.attempts) == (ReportRun.Status.DONE, 100, 2)
    assert run.pdf and run.csv


def test_a_run_that_keeps_dying_fails_with_a_message_its_reader_sees(
    client, users, django_capture_on_commit_callbacks
):
    run = _run(
        users,
        status="running",
        progress=10,
        heartbeat_at=timezone.now() - STALE,
        attempts=settings.REPORT_MAX_ATTEMPTS,
    )

    assert _recover(django_capture_on_commit_callbacks) == (0, 1)

    run.refresh_from_db()
    assert (run.status, run.failure) == (ReportRun.Status.FAILED, ReportRun.Failure.STALLED)
    client.force_login(users["admin"])
    row = client.get(reverse("reports:report_progress", args=[run.pk])).content.decode()
    assert "hx-get" not in row and "retrying it did not help" in row


def test_a_waiting_run_whose_message_was_lost_is_queued_again(
    users, django_capture_on_commit_callbacks
):
    run = _run(users, queued_at=timezone.now() - LOST)

    assert _recover(django_capture_on_commit_callbacks) == (1, 0)

    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE


def test_a_run_never_started_fails_after_its_attempts(users, django_capture_on_commit_callbacks):
    run = _run(users, queued_at=timezone.now() - LOST, attempts=settings.REPORT_MAX_ATTEMPTS)

    assert _recover(django_capture_on_commit_callbacks) == (0, 1)

    run.refresh_from_db()
    assert (run.status, run.failure) == (ReportRun.Status.FAILED, ReportRun.Failure.NOT_STARTED)


def test_live_and_recently_queued_runs_are_left_alone(users, django_capture_on_commit_callbacks):
    alive = _run(users, status="running", progress=40, heartbeat_at=timezone.now())
    queued = _run(users)

    assert _recover(django_capture_on_commit_callbacks) == (0, 0)

    alive.refresh_from_db()
    queued.refresh_from_db()
    assert (alive.status, alive.progress, queued.status) == ("running", 40, "pending")


def test_a_second_message_for_a_run_being_built_builds_nothing(users):
    run = _run(users, status="running", progress=40, heartbeat_at=timezone.now())

    generation.report_build(run_id=run.pk)

    run.refresh_from_db()
    assert (run.status, run.progress, run.pdf.name) == ("running", 40, "")


def test_a_database_error_in_the_builder_fails_the_run_with_a_message(users, monkeypatch):
    run = _run(users)

    def dropped(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(builders, "sections_for", dropped)
    generation.report_build(run_id=run.pk)

    run.refresh_from_db()
    assert (run.status, run.failure) == (ReportRun.Status.FAILED, ReportRun.Failure.BUILD)
    assert "server closed" in run.error


@pytest.mark.django_db(transaction=True)
def test_a_dropped_connection_still_records_the_failure(monkeypatch):
    """The fault itself: the build's database connection is killed by the server. The failure
    must be recorded on a fresh connection, not left "running 10 %" for good."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (CI runs it): a backend killed by the server")
    from tests.accounts.factories import UserFactory

    run = ReportRun.objects.create(
        kind="satisfaction",
        requested_by=UserFactory(analyst=True),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 4, 30),
    )

    def killed(*args, **kwargs):
        pid = connection.connection.info.backend_pid
        other = connections.create_connection("default")
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")  # raises: the server closed this connection

    monkeypatch.setattr(builders, "sections_for", killed)
    generation.report_build(run_id=run.pk)

    run.refresh_from_db()
    assert (run.status, run.failure) == (ReportRun.Status.FAILED, ReportRun.Failure.BUILD)


def test_the_progress_bar_follows_each_forecast_series(users, monkeypatch):
    """A national forecasts report computes two series for the nation and every county: the
    figures are most of the work, so the bar moves as each series is done."""
    seen = []
    real = services.report_progress

    def recording(run, *, progress, step):
        seen.append((progress, step))
        real(run, progress=progress, step=step)

    monkeypatch.setattr(services, "report_progress", recording)
    run = _run(users, kind="forecasts", agency=None)

    generation.report_build(run_id=run.pk)

    run.refresh_from_db()
    assert run.status == ReportRun.Status.DONE and run.heartbeat_at is not None
    data = [progress for progress, step in seen if step == "data"]
    assert data == sorted(data) and len(data) >= 20 and data[0] == 10 and data[-1] == 60


def test_the_recovery_runs_every_minute_and_the_broker_redelivers_within_the_hour():
    tasks = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["reports.tasks.recover_report_runs"].minute == set(range(60))
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] < 3600
