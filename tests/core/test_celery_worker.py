"""Real Celery workers over the configured broker: a task enqueued by a view runs, and a worker
killed in the middle of a send loses nothing and doubles nothing."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from puls.celery import app as celery_app
from puls.notifications import services
from puls.notifications.models import OutgoingEmail
from tests.accounts.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _skip_or_fail(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the real-worker test")
    pytest.skip(reason)


@pytest.fixture
def start_celery_worker(transactional_db):
    """Start `celery worker` in a subprocess on the test database, consuming every queue, with
    extra environment variables; the worker is stopped at the end of the test."""
    if not settings.CELERY_BROKER_URL:
        _skip_or_fail("no CELERY_BROKER_URL configured")
    if connection.vendor != "postgresql":
        _skip_or_fail("the worker process needs a database it can share (PostgreSQL)")
    db = connection.settings_dict
    # The worker consumes the production queues (CELERY_TASK_ROUTES), so the test proves each
    # task is routed to a queue someone consumes; messages a previous run left there are purged.
    queues = sorted(
        {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
        | {settings.CELERY_TASK_DEFAULT_QUEUE}
    )
    with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as broker:
        for queue in queues:
            broker.default_channel.queue_purge(queue)
    workers = []

    def start(**extra_env):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "puls.settings.test",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            **extra_env,
        }
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "puls",
                "worker",
                "--pool=solo",
                "--queues",
                ",".join(queues),
                "--loglevel=WARNING",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=env,
        )
        workers.append(worker)
        return worker

    previous = (celery_app.conf.task_always_eager, celery_app.conf.broker_url)
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = settings.CELERY_BROKER_URL
    yield start
    celery_app.conf.task_always_eager, celery_app.conf.broker_url = previous
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
            worker.wait(timeout=30)


@pytest.fixture
def celery_worker_process(start_celery_worker):
    return start_celery_worker()


@pytest.mark.celery_worker
def test_password_reset_email_is_sent_by_the_worker(client, celery_worker_process):
    user = UserFactory(email="ana.worker@example.ro")

    response = client.post(reverse("account_reset_password"), {"email": user.email})

    assert response.status_code == 302
    email = OutgoingEmail.objects.get(to=[user.email])
    deadline = time.monotonic() + 60
    while email.sent_at is None and time.monotonic() < deadline:
        assert celery_worker_process.poll() is None, "the worker died"
        time.sleep(0.25)
        email.refresh_from_db()
    assert email.sent_at is not None, "the worker did not run the task within 60 s"
    assert email.attempts == 1
    assert mail.outbox == []  # sent by the worker process, not eagerly in this one


@pytest.mark.celery_worker
def test_a_worker_killed_mid_send_loses_nothing_and_doubles_nothing(
    start_celery_worker, tmp_path, settings
):
    worker = start_celery_worker(
        EMAIL_BACKEND="tests.notifications.backends.HangingSMTPBackend",
        PULS_TEST_MAIL_DIR=str(tmp_path),
    )
    email = services.email_queue(to=["ana.worker@example.ro"], subject="Invitație", body="…")

    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("started-*")) and time.monotonic() < deadline:
        assert worker.poll() is None, "the worker died"
        time.sleep(0.25)
    assert list(tmp_path.glob("started-*")), "the worker did not start sending within 60 s"
    worker.kill()  # SIGKILL in the middle of the SMTP conversation
    worker.wait(timeout=30)

    email.refresh_from_db()
    assert email.sent_at is None and email.attempts == 1
    assert email.claimed_until > timezone.now()  # nobody else sends it while it may be in flight

    services.outbox_sweep()  # a sweep during the lease leaves it alone
    assert mail.outbox == []
    after_lease = timezone.now() + timedelta(seconds=settings.PULS_OUTBOX_LEASE_SECONDS + 1)
    services.outbox_sweep(now=after_lease)
    services.outbox_sweep(now=after_lease + timedelta(minutes=5))

    assert [m.to for m in mail.outbox] == [["ana.worker@example.ro"]]
    assert not list(tmp_path.glob("sent-*"))  # the killed worker sent nothing
    email.refresh_from_db()
    assert email.sent_at is not None and email.attempts == 2
