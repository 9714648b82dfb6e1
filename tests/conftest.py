"""Fixtures shared by every test package."""

import pytest

from tests.accounts.factories import UserFactory


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
