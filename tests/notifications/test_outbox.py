"""The outbox: an e-mail or deferred task recorded as a row is delivered exactly once, whatever
fails in between (the mail server, the broker, the worker), or shown to staff as failed."""

import smtplib
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from network import services as network_services
from network.models import NoticeDelivery
from puls import tasks
from puls.notifications import services
from puls.notifications.models import DeferredTask, OutgoingEmail
from tests.accounts.factories import UserFactory
from tests.network.factories import MeetingFactory, member
from tests.outages import RedisServer, celery_broker

pytestmark = pytest.mark.django_db

FLAKY = "tests.notifications.test_outbox.FlakySMTPBackend"


class FlakySMTPBackend(EmailBackend):
    """The locmem backend behind a mail server that is down for the next ``failures`` sends."""

    failures = 0
    attempts = 0

    def send_messages(self, messages):
        FlakySMTPBackend.attempts += 1
        if FlakySMTPBackend.failures > 0:
            FlakySMTPBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = FLAKY
    FlakySMTPBackend.attempts = 0

    def down_for(sends):
        FlakySMTPBackend.failures = sends

    yield down_for
    FlakySMTPBackend.failures = 0


@pytest.fixture(autouse=True)
def broker_not_paused(monkeypatch):
    monkeypatch.setattr(tasks, "_broker_paused_until", 0.0)


def notify(users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.users_notify(users=users, subject="Ședință", message="Vă invităm.")


def sweep_every_minute(start, *, minutes):
    for minute in range(1, minutes + 1):
        services.outbox_sweep(now=start + timedelta(minutes=minute))


def test_an_smtp_outage_delays_every_email_and_each_recipient_gets_it_exactly_once(
    smtp_down, django_capture_on_commit_callbacks
):
    users = UserFactory.create_batch(6)
    smtp_down(40)  # the six immediate tries and a good hour of sweeps fail
    start = timezone.now()

    notify(users, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    for email in OutgoingEmail.objects.all():
        # The failed attempt is recorded although it failed: counter and error survive it.
        assert email.attempts == 1
        assert "SMTPServerDisconnected" in email.last_error
        assert email.sent_at is None and email.failed_at is None
        assert email.next_attempt_at > start

    sweep_every_minute(start, minutes=4 * 60)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    emails = OutgoingEmail.objects.all()
    assert all(email.sent_at is not None for email in emails)
    # Every try was counted on a row: 40 failures and one success per recipient.
    assert sum(email.attempts for email in emails) == FlakySMTPBackend.attempts == 40 + 6


def test_back_off_doubles_up_to_two_hours_and_a_row_fails_at_the_horizon_then_staff_resend(
    smtp_down, django_capture_on_commit_callbacks
):
    smtp_down(10_000)
    user = UserFactory()
    notify([user], django_capture_on_commit_callbacks)
    email = OutgoingEmail.objects.get()
    waits = []
    now = timezone.now()
    while email.failed_at is None:
        now = email.next_attempt_at
        services.outbox_sweep(now=now)
        previous = email.next_attempt_at
        email.refresh_from_db()
        if email.failed_at is None:
            waits.append((email.next_attempt_at - previous).total_seconds())
    assert waits[:8] == [120, 240, 480, 960, 1920, 3840, 7200, 7200]
    # The last try is at the horizon, 48 hours after the e-mail was queued.
    assert email.failed_at == email.retry_until
    assert (
        timedelta(hours=47, minutes=59)
        < email.retry_until - email.created_at
        <= timedelta(hours=48)
    )
    attempts = email.attempts
    assert 25 < attempts < 35

    services.outbox_sweep(now=now + timedelta(days=3))  # a failed row is left alone
    email.refresh_from_db()
    assert email.attempts == attempts

    smtp_down(0)
    with django_capture_on_commit_callbacks(execute=True):
        services.outbox_resend(item=email, by=UserFactory(analyst=True, is_superuser=True))
    email.refresh_from_db()
    assert email.sent_at is not None and email.failed_at is None
    assert [m.to for m in mail.outbox] == [[user.email]]
    with pytest.raises(ValidationError, match="delivered already"):
        services.outbox_resend(item=email, by=None)  # sent: nothing to send again


def test_a_row_claimed_by_a_dead_worker_is_sent_once_after_the_lease(settings):
    email = services.email_queue(to=["ana@example.ro"], subject="s", body="b")
    start = timezone.now()
    # A worker claims the row, then dies before sending (nothing in mail.outbox, no result).
    assert services._claim(OutgoingEmail, email.pk, now=start) is not None
    assert services.email_deliver(email_id=email.pk, now=start) is False  # leased: no double

    sweep_every_minute(start, minutes=settings.PULS_OUTBOX_LEASE_SECONDS // 60 - 1)
    assert mail.outbox == []

    sweep_every_minute(start, minutes=settings.PULS_OUTBOX_LEASE_SECONDS // 60 + 5)
    assert [m.to for m in mail.outbox] == [["ana@example.ro"]]
    email.refresh_from_db()
    assert email.attempts == 2  # the dead worker's try is on the record


def test_the_broker_down_during_a_meeting_fan_out_loses_no_notice(
    django_capture_on_commit_callbacks,
):
    members = [member() for _ in range(4)]
    meeting = MeetingFactory()
    redis = RedisServer()
    redis.stop()  # a broker that is down: connections are refused
    started = time.monotonic()
    with celery_broker(redis.url), django_capture_on_commit_callbacks(execute=True):
        network_services.meeting_publish(meeting=meeting, by=meeting.organiser)
    assert time.monotonic() - started < 5
    assert not NoticeDelivery.objects.exists()
    assert DeferredTask.objects.pending().count() == 1

    # The broker is back; the next sweep fans the notice out, and later sweeps add nothing.
    with django_capture_on_commit_callbacks(execute=True):
        services.outbox_sweep()
        services.outbox_sweep(now=timezone.now() + timedelta(hours=1))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in members)
    assert DeferredTask.objects.get().completed_at is not None


def test_the_sweep_deletes_deferred_tasks_done_before_their_retention_period(settings):
    settings.PULS_DEFERRED_TASK_RETENTION_DAYS = 7
    now = timezone.now()
    done = {
        age: DeferredTask.objects.create(
            task="jobseekers.tasks.materialise_slots", completed_at=now - timedelta(days=age)
        )
        for age in (8, 6)
    }
    pending = DeferredTask.objects.create(task="jobseekers.tasks.materialise_slots")
    failed = DeferredTask.objects.create(
        task="jobseekers.tasks.materialise_slots", failed_at=now - timedelta(days=30)
    )
    DeferredTask.objects.filter(pk__in=[pending.pk, failed.pk]).update(
        created_at=now - timedelta(days=30)
    )

    services.outbox_sweep(now=now)

    assert set(DeferredTask.objects.values_list("pk", flat=True)) == {
        done[6].pk,
        pending.pk,  # the sweep ran it just now: done today, kept
        failed.pk,  # failed ones stay for staff whatever their age
    }
