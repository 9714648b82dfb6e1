"""A database that times out or drops the connection gives a "try again" page (503) that keeps
what the person typed, instead of a bare 500 that loses it."""

import threading

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import request_started
from django.db import OperationalError, connection, transaction
from django.urls import reverse

from puls.accounts.adapter import AccountAdapter
from puls.accounts.models import User
from tests.jobseekers.factories import JobseekerProfileFactory

SIGNUP = {
    "email": "ion.vasile@example.ro",
    "password1": "o-parola-lunga-2026",
    "password2": "o-parola-lunga-2026",
    "first_name": "Ion",
    "last_name": "Vasile",
    "role": "jobseeker",
}
TIMEOUT = OperationalError("canceling statement due to statement timeout")


def _raise_timeout(*args, **kwargs):
    raise TIMEOUT


@pytest.mark.django_db
def test_timed_out_sign_up_gives_try_again_page_with_the_form_kept_but_no_password(
    client, monkeypatch
):
    monkeypatch.setattr(AccountAdapter, "save_user", _raise_timeout)
    response = client.post(reverse("account_signup"), SIGNUP)

    assert response.status_code == 503
    assert response.headers["Retry-After"]
    page = response.content.decode()
    assert "Nothing you typed is lost" in page
    assert f'action="{reverse("account_signup")}"' in page
    for kept in ("ion.vasile@example.ro", "Vasile", "jobseeker"):
        assert f'value="{kept}"' in page
    assert "o-parola-lunga-2026" not in page
    assert 'name="csrfmiddlewaretoken"' in page


@pytest.mark.django_db
def test_resubmitting_the_kept_form_once_the_database_is_back_works(client, monkeypatch):
    failing = iter([TIMEOUT])
    original = AccountAdapter.save_user

    def save_user(self, *args, **kwargs):
        for error in failing:
            raise error
        return original(self, *args, **kwargs)

    monkeypatch.setattr(AccountAdapter, "save_user", save_user)
    assert client.post(reverse("account_signup"), SIGNUP).status_code == 503
    # The kept form carries the fields back except the passwords, which the person types again.
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert User.objects.filter(email="ion.vasile@example.ro").exists()


@pytest.mark.django_db
def test_failed_upload_says_the_file_must_be_chosen_again_and_never_echoes_it(client, monkeypatch):
    from jobseekers import services

    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    monkeypatch.setattr(services, "dossier_document_add", _raise_timeout)
    response = client.post(
        reverse("jobseekers:document_add"),
        {"kind": "cv", "file": SimpleUploadedFile("cv-secret-name.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    assert response.status_code == 503
    page = response.content.decode()
    assert "choose the file again" in page
    assert "cv-secret-name" not in page
    assert 'value="cv"' in page


@pytest.mark.django_db
def test_failed_page_read_gives_try_again_page_without_a_form(client, monkeypatch):
    from jobseekers import views

    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    monkeypatch.setattr(views.selectors, "dossier_detail", _raise_timeout)
    response = client.get(reverse("jobseekers:dossier"))
    assert response.status_code == 503
    assert "Please try again" in response.content.decode()
    assert "<form" not in response.content.decode()


def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (CI runs it): statement timeouts and backends")


@pytest.mark.django_db(transaction=True)
def test_real_statement_timeout_on_postgresql_gives_the_try_again_page(client, monkeypatch):
    _postgresql_only()

    def slow_save_user(self, *args, **kwargs):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 50")
            cursor.execute("SELECT pg_sleep(2)")

    monkeypatch.setattr(AccountAdapter, "save_user", slow_save_user)
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 503
    assert 'value="ion.vasile@example.ro"' in response.content.decode()
    assert not User.objects.filter(email="ion.vasile@example.ro").exists()


@pytest.mark.django_db(transaction=True)
def test_pooled_connection_dropped_by_the_server_is_replaced_before_the_next_request():
    """With CONN_MAX_AGE, a connection the server dropped used to fail the next request of its
    worker; the health check (CONN_HEALTH_CHECKS) replaces it when the request starts."""
    _postgresql_only()
    connection.close()
    connection.settings_dict["CONN_MAX_AGE"] = 60
    try:
        connection.ensure_connection()
        pid = connection.connection.info.backend_pid
        db = connection.settings_dict
        with psycopg.connect(
            dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"], autocommit=True
        ) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])

        def new_request():
            request_started.send(sender=threading.current_thread())
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                return cursor.fetchone()[0]

        assert new_request() == 1
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = 0
        connection.close()
