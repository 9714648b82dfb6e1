"""Failed logins lock the account tried, not everyone behind the same IP; the IP limit remains."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from puls.settings import base
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def production_rate_limits(settings):
    """The limits of every environment (the test settings switch them off elsewhere)."""
    settings.ACCOUNT_RATE_LIMITS = base.ACCOUNT_RATE_LIMITS
    cache.clear()
    yield
    cache.clear()


def _login(client, email, password, **headers):
    response = client.post(
        reverse("account_login"), {"login": email, "password": password}, headers=headers
    )
    signed_in = "_auth_user_id" in client.session
    client.logout()  # which also drops the language cookie
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return response, signed_in


def test_five_wrong_passwords_lock_that_account(client):
    user = UserFactory()
    for _attempt in range(5):
        _login(client, user.email, "wrong")

    response, signed_in = _login(client, user.email, PASSWORD)

    assert LOCKED in response.content.decode()
    assert not signed_in


def test_another_account_on_the_same_ip_still_signs_in(client):
    victim, colleague = UserFactory(), UserFactory()
    for _attempt in range(6):
        _login(client, victim.email, "wrong")

    _response, signed_in = _login(client, colleague.email, PASSWORD)

    assert signed_in


def test_one_ip_trying_many_accounts_is_still_stopped(client):
    accounts = [UserFactory() for _ in range(10)]
    for user in accounts:
        for _attempt in range(2):
            _login(client, user.email, "wrong")  # 20 failures, never 5 on one account

    newcomer = UserFactory()
    response, signed_in = _login(client, newcomer.email, PASSWORD)

    assert LOCKED in response.content.decode()
    assert not signed_in


def test_behind_the_proxy_each_client_ip_is_counted_apart(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,100/5m/key"}
    user = UserFactory()
    for _attempt in range(3):
        _login(client, user.email, "wrong", x_forwarded_for="198.51.100.7")

    refused, _ = _login(client, user.email, PASSWORD, x_forwarded_for="198.51.100.7")
    _, signed_in = _login(client, user.email, PASSWORD, x_forwarded_for="203.0.113.9")

    assert LOCKED in refused.content.decode()
    assert signed_in


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_ip_limit(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,100/5m/key"}
    user = UserFactory()
    for attempt in range(3):
        _login(client, user.email, "wrong", x_forwarded_for=f"198.51.100.{attempt}")

    response, signed_in = _login(client, user.email, PASSWORD, x_forwarded_for="203.0.113.9")

    assert LOCKED in response.content.decode()
    assert not signed_in
