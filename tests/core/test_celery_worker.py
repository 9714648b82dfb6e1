"""A task enqueued by a view is executed by a real Celery worker over the configured broker."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.urls import reverse

from puls.celery import app as celery_app
from puls.notifications.models import OutgoingEmail
from tests.accounts.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _skip_or_fail(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the real-worker test")
    pytest.skip(reason)


@pytest.fixture
def celery_worker_process(transactional_db):
    """Start `celery worker` in a subprocess on the test database, on a queue of its own."""
    if not settings.CELERY_BROKER_URL:
        _skip_or_fail("no CELERY_BROKER_URL configured")
    if connection.vendor != "postgresql":
        _skip_or_fail("the worker process needs a database it can share (PostgreSQL)")
    db = connection.settings_dict
    queue = f"puls-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "puls.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
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
            queue,
            "--loglevel=WARNING",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=env,
    )
    previous = (
        celery_app.conf.task_always_eager,
        celery_app.conf.task_default_queue,
        celery_app.conf.broker_url,
    )
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    celery_app.conf.broker_url = settings.CELERY_BROKER_URL
    yield worker
    (
        celery_app.conf.task_always_eager,
        celery_app.conf.task_default_queue,
        celery_app.conf.broker_url,
    ) = previous
    worker.terminate()
    worker.wait(timeout=30)


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
