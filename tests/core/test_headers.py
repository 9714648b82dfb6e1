"""Headers on every response: private pages are never cached; unused browser features are off."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.jobseekers.factories import JobseekerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    return profile


@pytest.mark.parametrize(
    "url_name", ["jobseekers:dashboard", "jobseekers:my_data", "documents:list"]
)
def test_signed_in_pages_are_not_stored(client, person, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_the_personal_data_export_is_not_stored(client, person, reauthenticated):
    reauthenticated(client)
    response = client.get(reverse("jobseekers:export_json"))
    assert response.status_code == 200
    assert person.cnp in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_staff_pages_are_not_stored(client, enrol_totp):
    client.force_login(enrol_totp(UserFactory(counsellor=True)))
    response = client.get(reverse("casework:caseload"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_public_pages_may_be_cached(client):
    response = client.get(reverse("home"))
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("signed_in", [False, True])
def test_permissions_policy_switches_off_unused_features(client, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    policy = client.get(reverse("home"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
