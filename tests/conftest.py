"""Fixtures shared by every test package."""

import importlib

import pytest
from django.conf import settings
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.accounts.factories import UserFactory
from tests.client import PortalClient

# Property tests judge results, never time: on a loaded two-core machine (CI, several test runs
# side by side) Hypothesis's deadline and "too slow" health check fail tests that are correct.
hypothesis_settings.register_profile(
    "puls", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("puls")


@pytest.fixture(autouse=True)
def messages_in_english(request):
    """Tests read messages in English (the msgids); Romanian is tested where marked `romanian`."""
    if "romanian" in request.keywords:
        yield
        return
    with translation.override("en"):
        yield


@pytest.fixture
def client(request):
    """The test client asks for English pages, as if the visitor had used the language switch."""
    client = PortalClient()
    if "romanian" not in request.keywords:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def user_factory():
    return UserFactory


@pytest.fixture
def jobseeker_user(db):
    return UserFactory()


@pytest.fixture
def employer_user(db):
    return UserFactory(employer=True)


@pytest.fixture
def counsellor(db):
    return UserFactory(counsellor=True)


@pytest.fixture
def reauthenticated():
    """Confirms the signed-in user's password again, as allauth asks before sensitive actions."""
    from django.urls import reverse

    from tests.accounts.factories import PASSWORD

    def confirm(client, password=PASSWORD):
        response = client.post(reverse("account_reauthenticate"), {"password": password})
        assert response.status_code == 302, "the password was not accepted"

    return confirm


@pytest.fixture
def enrol_totp():
    """Gives a staff user a TOTP authenticator, as if they had enrolled through allauth."""
    from allauth.mfa.models import Authenticator

    def enrol(user):
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
        return user

    return enrol


@pytest.fixture(autouse=True)
def seed_data_for_transactional_tests(request):
    """Transactional tests (live server, concurrency, real worker) flush the database after each
    test, which removes the 42 counties and agencies the data migration loaded, and the employers'
    needs questionnaire (seed 003) that the URL walk's world opens; load them again.

    `serialized_rollback=True` cannot do it for browser tests: once Playwright's sync API has
    started, Django hands the test thread a new connection object, which lacks the contents
    serialized when the test database was created. The migrations' loaders are idempotent.
    """
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or (marker is not None and marker.kwargs.get("transaction", False))
    )
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    importlib.import_module("puls.reference.migrations.0002_counties_and_agencies").load(apps, None)
    importlib.import_module("reports.migrations.0011_employers_needs_questionnaire").load(
        apps, None
    )


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return (
        (marker is not None and marker.kwargs.get("transaction", False))
        or "transactional_db" in fixtures
        or "live_server" in fixtures
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests (browser, concurrency, real worker) run after all the others, as Django
    orders them: each one flushes the database, which would leave the tests after it without the
    counties and agencies the data migration loaded. pytest-django sorts the same way, but its sort
    is not the last word on the order once other plugins' hooks have run, so this one runs last."""
    items.sort(key=_is_transactional)
