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
    test, which removes what the data migrations loaded (the 42 counties and agencies, the training
    centres, the profiling questionnaire and the measures, the programmes' targets, the employers' needs questionnaire that the URL walk's world
    opens); load them again.

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

    for migration, loader in SEED_DATA_MIGRATIONS:
        getattr(importlib.import_module(migration), loader)(apps, None)


# The data migrations whose rows pages expect, and their (idempotent) loaders, in dependency order.
SEED_DATA_MIGRATIONS = [
    ("puls.reference.migrations.0002_counties_and_agencies", "load"),
    ("puls.reference.migrations.0007_training_centres_from_the_seeds", "load"),
    ("casework.migrations.0002_profiling_and_catalogue_data", "load"),
    ("casework.migrations.0006_profiling_option_prefill_code", "fill"),
    ("reports.migrations.0002_programme_targets", "load"),
    ("reports.migrations.0011_employers_needs_questionnaire", "load"),
    ("reports.migrations.0013_case_management_and_smart_spo_conditions", "load"),
]


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
