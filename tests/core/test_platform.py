"""Platform guarantees: statement timeouts on PostgreSQL, login rate limits, private settings."""

import pytest
from django.db import connection
from django.urls import reverse

from puls.celery import app as celery_app
from puls.celery import lift_statement_timeout
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_web_connections_cancel_long_statements(settings):
    assert _statement_timeout() == f"{settings.WEB_STATEMENT_TIMEOUT_MS // 1000}s"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_celery_tasks_get_the_longer_timeout(settings, monkeypatch):
    monkeypatch.setattr(celery_app.conf, "task_always_eager", False)
    lift_statement_timeout()
    assert _statement_timeout() == f"{settings.CELERY_STATEMENT_TIMEOUT_MS // 60000}min"


def test_repeated_failed_logins_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/ip,3/5m/key"}
    client.cookies["django_language"] = "en"
    user = UserFactory()
    for _attempt in range(3):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})

    # Even the right password is refused until the window has passed.
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/angajatori/agentie/", "/angajatori/agentie/"),
        ("https://rau.example/", "/fallback/"),
        ("//rau.example/", "/fallback/"),
        ("", "/fallback/"),
    ],
)
def test_redirect_back_stays_on_the_site(rf, next_url, expected):
    from puls.redirects import redirect_back

    request = rf.post("/x/", {"next": next_url})
    assert redirect_back(request, "/fallback/").url == expected
