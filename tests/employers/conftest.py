"""Fixtures of the employers tests: a private storage per test, sample files, the admin of a
company, and users of every kind for permission tests."""

import pytest
from django.core.files.storage import storages

from puls.documents.models import Document
from tests.accounts.factories import UserFactory, agency
from tests.documents.conftest import PDF, PNG, upload  # noqa: F401

from .factories import CompanyFactory


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path, monkeypatch):
    root = tmp_path / "private"
    settings.PRIVATE_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root), "base_url": None},
        },
    }
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storages["private"])
    return root


@pytest.fixture(autouse=True)
def english(client, settings):
    """Pages in English, so that messages are checked against their msgids whatever the state
    of the Romanian catalogue (the portal itself defaults to Romanian)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def employer(db):
    return UserFactory(employer=True)


@pytest.fixture
def company(employer):
    return CompanyFactory(admin=employer, verified=True)


@pytest.fixture
def cluj_counsellor(db):
    return UserFactory(counsellor=True)


@pytest.fixture
def users(db, enrol_totp):
    """One user of each kind a permission test loops over, staff enrolled in TOTP."""
    return {
        "anonymous": None,
        "jobseeker": UserFactory(),
        "other_employer": UserFactory(employer=True),
        "other_counsellor": enrol_totp(UserFactory(counsellor=True, agency=agency("B"))),
        "counsellor": enrol_totp(UserFactory(counsellor=True)),
        "analyst": enrol_totp(UserFactory(analyst=True)),
    }
