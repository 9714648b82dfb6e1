"""A stopped or frozen Redis (broker and cache) never turns saved work or a login into an error
page, and costs a request seconds, not minutes. Each test runs a redis-server of its own."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from jobseekers.models import Booking
from puls import tasks
from puls.notifications import services as outbox
from puls.notifications.models import OutgoingEmail
from tests.accounts.factories import PASSWORD, UserFactory
from tests.jobseekers.factories import JobseekerProfileFactory, SlotFactory
from tests.outages import RedisServer, celery_broker

pytestmark = pytest.mark.django_db

# Generous for a loaded CI machine; without the bounds a frozen Redis held a booking for 40 s.
FAST_ENOUGH_SECONDS = 6


@pytest.fixture
def redis(monkeypatch):
    monkeypatch.setattr(tasks, "_broker_paused_until", 0.0)
    server = RedisServer()
    yield server
    server.stop()


def fault(redis, kind):
    if kind == "stopped":
        redis.stop()
    else:
        redis.freeze()


@pytest.fixture
def redis_cache(settings, redis):
    """The production cache configuration (CACHE_URL=redis://...) on the test's own Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "puls.cache.ResilientRedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return redis


@pytest.mark.parametrize("kind", ["stopped", "frozen"])
def test_a_booking_is_saved_and_confirmed_when_redis_is_down(
    client, redis_cache, kind, django_capture_on_commit_callbacks
):
    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    slot = SlotFactory()
    client.get(reverse("jobseekers:appointments"))  # warm up: time the fault, not a cold start
    fault(redis_cache, kind)

    with celery_broker(redis_cache.url):
        started = time.monotonic()
        # The test runs in a transaction: the after-commit queueing runs as this block closes.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("jobseekers:book", args=[slot.pk]))
        elapsed = time.monotonic() - started
        response = client.get(response.url)
    print(f"booking answered in {elapsed:.2f} s with Redis {kind}")

    assert response.status_code == 200
    assert "Your appointment is booked" in response.content.decode()
    assert elapsed < FAST_ENOUGH_SECONDS
    assert Booking.objects.filter(slot=slot, profile=profile).exists()
    confirmation = OutgoingEmail.objects.get(to=[profile.user.email])
    assert confirmation.sent_at is None  # its queue message was lost; the row was not

    outbox.outbox_sweep()  # the broker is back: beat's next sweep
    assert [m.to for m in mail.outbox] == [[profile.user.email]]


@pytest.mark.parametrize("kind", ["stopped", "frozen"])
def test_login_works_when_the_cache_is_down_and_the_fault_is_logged(
    client, redis_cache, kind, caplog, settings
):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key", "login": "30/m/ip"}
    user = UserFactory()
    client.get(reverse("account_login"))  # warm up: time the fault, not a cold start
    fault(redis_cache, kind)

    started = time.monotonic()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    elapsed = time.monotonic() - started
    print(f"login answered in {elapsed:.2f} s with the cache {kind}")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert elapsed < FAST_ENOUGH_SECONDS
    assert any("Cache unavailable" in r.message for r in caplog.records if r.levelname == "ERROR")


def test_the_cache_works_normally_while_redis_is_up(redis_cache):
    from django.core.cache import cache

    cache.set("k", "v")
    assert cache.get("k") == "v"
    assert cache.add("k", "w") is False
