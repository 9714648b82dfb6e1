"""Platform guarantees: statement timeouts on PostgreSQL, login rate limits, private settings."""

import io
import json
import os
import subprocess
import sys

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _role_timeouts_reset():
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER ROLE CURRENT_USER IN DATABASE "
            f"{connection.ops.quote_name(connection.settings_dict['NAME'])} RESET statement_timeout"
        )


def _current_role():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_the_role_timeouts_cancel_a_slow_statement_through_a_connection_pool(settings):
    """New sessions of the role get its timeout without any startup option, so psycopg's pool
    (and PgBouncer) keep it: the web's role cancels a slow statement, the workers' does not."""
    from psycopg_pool import ConnectionPool

    role = _current_role()
    settings.WEB_STATEMENT_TIMEOUT_MS = 300
    settings.CELERY_STATEMENT_TIMEOUT_MS = 4000
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    try:
        out = io.StringIO()
        call_command("statement_timeouts", web=role, stdout=out)
        assert "statement_timeout=300ms" in out.getvalue()
        with ConnectionPool(kwargs=params, min_size=1, max_size=1, open=True) as pool:
            with pool.connection() as pooled:
                assert pooled.execute("SHOW statement_timeout").fetchone()[0] == "300ms"
                with pytest.raises(psycopg.errors.QueryCanceled):
                    pooled.execute("SELECT pg_sleep(2)")
        call_command("statement_timeouts", worker=role, stdout=io.StringIO())
        with ConnectionPool(kwargs=params, min_size=1, max_size=1, open=True) as pool:
            with pool.connection() as pooled:
                assert pooled.execute("SHOW statement_timeout").fetchone()[0] == "4s"
                pooled.execute("SELECT pg_sleep(0.5)")
    finally:
        _role_timeouts_reset()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_statement_timeouts_refuse_an_unknown_role():
    with pytest.raises(CommandError, match="no database role"):
        call_command("statement_timeouts", web="nobody_at_all")
    with pytest.raises(CommandError, match="Name the web"):
        call_command("statement_timeouts")


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite answer")
def test_statement_timeouts_need_postgresql():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("statement_timeouts", web="puls")


def test_production_settings_pool_the_connections_from_the_environment():
    environment = {
        "DJANGO_SETTINGS_MODULE": "puls.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "puls.example.ro",
        "PULS_CNP_ENCRYPTION_KEYS": "bG9jYWwtb25seS1jbnAta2V5LWRvLW5vdC11c2UtISE=",
        "PULS_CNP_HMAC_KEY": "k" * 40,
        "DATABASE_URL": "postgres://puls@db:5432/puls",
        "CONN_MAX_AGE": "60",
    }
    script = (
        "import django, json; django.setup(); from django.conf import settings; "
        "d = settings.DATABASES['default']; "
        "print(json.dumps([d['CONN_MAX_AGE'], d.get('OPTIONS', {}).get('pool')]))"
    )

    def databases(**extra):
        completed = subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, **environment, **extra},
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(completed.stdout)

    conn_max_age, pool = databases(DB_POOL_MAX_SIZE="6", DB_POOL_TIMEOUT="3")
    assert conn_max_age == 0
    assert pool["max_size"] == 6 and pool["timeout"] == 3.0 and pool["min_size"] == 1
    assert databases(DB_POOL_MAX_SIZE="0") == [60, None]


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
