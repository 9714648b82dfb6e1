"""One login path and one second-factor rule for staff pages, the admin and private documents."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from puls.documents.services import document_create
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.totp import totp_code, totp_now
from tests.documents.conftest import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts attempts in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(enrol_totp):
    return enrol_totp(UserFactory(is_superuser=True, is_staff=True, email="root@example.ro"))


def _sign_in_with_password(client, user, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


def test_the_admin_login_page_sends_everyone_to_the_portal_login(client):
    response = client.get(reverse("admin:login"), {"next": "/admin/accounts/user/"})
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/admin/accounts/user/"


def test_a_password_posted_to_the_admin_login_signs_nobody_in(client, superuser):
    response = client.post(
        reverse("admin:login"), {"username": superuser.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_opens_after_the_password_and_the_authenticator_code(client, superuser):
    response = _sign_in_with_password(client, superuser)
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in yet

    client.post(reverse("mfa_authenticate"), {"code": totp_code(superuser)})

    assert client.get(reverse("admin:index")).status_code == 200


def _staff_page(user):
    return reverse("casework:caseload") if user.role == "counsellor" else reverse("admin:index")


@pytest.mark.parametrize("kind", ["counsellor", "superuser"])
def test_a_session_that_skipped_the_authenticator_is_sent_to_it(client, enrol_totp, kind):
    user = enrol_totp(
        UserFactory(counsellor=True)
        if kind == "counsellor"
        else UserFactory(is_superuser=True, is_staff=True)
    )
    client.force_login(user, second_factor=False)

    response = client.get(_staff_page(user), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("mfa_reauthenticate"))
    assert "Confirm with the code of your authenticator app" in response.content.decode()

    client.post(response.redirect_chain[-1][0], {"code": totp_code(user)})
    assert client.get(_staff_page(user)).status_code == 200


def test_a_private_document_needs_the_authenticator_step_of_this_session(client, enrol_totp):
    owner = UserFactory()
    document = document_create(owner=owner, uploaded_file=upload("cv.pdf", PDF), kind="CV")
    superuser = enrol_totp(UserFactory(is_superuser=True, is_staff=True))
    client.force_login(superuser, second_factor=False)
    url = reverse("documents:download", args=[document.pk])

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_reauthenticate')}?next={url}"


def test_a_superuser_without_an_authenticator_gets_the_enrolment_page_not_the_admin(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:index"), follow=True)
    assert (reverse("mfa_activate_totp"), 302) in response.redirect_chain


def test_in_the_local_demo_the_superuser_needs_no_authenticator(client, settings):
    settings.PULS_STAFF_MFA_REQUIRED = False
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_signed_in_account_that_is_not_admin_staff_is_refused_the_admin(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_enrolling_the_authenticator_counts_as_this_sessions_second_factor(client, monkeypatch):
    # allauth announces the enrolment once it commits, during the request; the test's transaction
    # never commits, so the announcement runs at once, as it does in production.
    monkeypatch.setattr(transaction, "on_commit", lambda callback, *args, **kwargs: callback())
    counsellor = UserFactory(counsellor=True)
    client.force_login(counsellor, second_factor=False)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret

    client.post(reverse("mfa_activate_totp"), {"code": totp_now(secret)})

    assert client.get(reverse("casework:caseload")).status_code == 200


def test_wrong_passwords_on_the_admin_path_are_rate_limited(client, settings, superuser):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "30/5m/ip,5/5m/key"}
    login_url = client.get(reverse("admin:login")).url
    for _attempt in range(5):
        client.post(login_url, {"login": superuser.email, "password": "wrong"})

    response = client.post(login_url, {"login": superuser.email, "password": PASSWORD})

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
