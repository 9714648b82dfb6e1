"""Fixtures shared by every test package."""

import pytest
from django.conf import settings
from django.utils import translation

from tests.accounts.factories import UserFactory


@pytest.fixture(autouse=True)
def messages_in_english(request):
    """Tests read messages in English (the msgids); Romanian is tested where marked `romanian`."""
    if "romanian" in request.keywords:
        yield
        return
    with translation.override("en"):
        yield


@pytest.fixture
def client(client, request):
    """The test client asks for English pages, as if the visitor had used the language switch."""
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
def enrol_totp():
    """Gives a staff user a TOTP authenticator, as if they had enrolled through allauth."""
    from allauth.mfa.models import Authenticator

    def enrol(user):
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP,
                                     data={"secret": "JBSWY3DPEHPK3PXP"})
        return user

    return enrol
