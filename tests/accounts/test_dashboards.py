"""Each role lands on its own dashboard, and only that role may open it."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory, agency
from tests.jobseekers.factories import JobseekerProfileFactory

pytestmark = pytest.mark.django_db

KINDS = {
    "jobseeker": {},
    "employer": {"employer": True},
    "counsellor": {"counsellor": True},
    "agency_admin": {"agency_admin": True},
    "analyst": {"analyst": True},
    "network_member": {"network_member": True},
}
DASHBOARD_OF = {
    "jobseeker": "jobseekers:dashboard",
    "employer": "employers:dashboard",
    "counsellor": "casework:caseload",
    "agency_admin": "accounts:agency_dashboard",
    "analyst": "reports:dashboard",
    "network_member": "network:dashboard",
}
STAFF = {"counsellor", "agency_admin", "analyst"}


@pytest.fixture
def login(client, enrol_totp):
    def login_as(kind):
        user = UserFactory(**KINDS[kind])
        if kind == "jobseeker":
            JobseekerProfileFactory(user=user)  # without a dossier they are sent to register
        if kind in STAFF:
            enrol_totp(user)
        client.force_login(user)
        return user

    return login_as


@pytest.mark.parametrize("kind", KINDS)
def test_after_login_each_role_is_sent_to_its_dashboard(client, login, kind):
    login(kind)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response.url == reverse(DASHBOARD_OF[kind])


@pytest.mark.parametrize("dashboard_kind", KINDS)
@pytest.mark.parametrize("visitor_kind", KINDS)
def test_a_dashboard_opens_for_its_role_only(client, login, dashboard_kind, visitor_kind):
    login(visitor_kind)
    response = client.get(reverse(DASHBOARD_OF[dashboard_kind]))
    # Agency administrators also read the indicators, for their own agency.
    shared = dashboard_kind == "analyst" and visitor_kind == "agency_admin"
    assert response.status_code == (200 if visitor_kind == dashboard_kind or shared else 403)


@pytest.mark.parametrize("kind", KINDS)
def test_anonymous_visitors_are_sent_to_login(client, kind):
    url = reverse(DASHBOARD_OF[kind])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("kind", sorted(STAFF))
def test_staff_without_a_second_factor_are_sent_to_enrol(client, kind):
    client.force_login(UserFactory(**KINDS[kind]))
    response = client.get(reverse(DASHBOARD_OF[kind]))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_the_local_demo_setting_lets_staff_in_without_a_second_factor(client, settings):
    settings.PULS_STAFF_MFA_REQUIRED = False
    client.force_login(UserFactory(counsellor=True))
    assert client.get(reverse("mediation:dashboard")).status_code == 200


def test_superuser_lands_on_administration_and_must_enrol(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("accounts:dashboard")).url == reverse("admin:index")
    response = client.get(reverse("mediation:dashboard"))
    assert response.url == reverse("mfa_activate_totp")


def test_agency_admin_sees_only_the_staff_of_their_agency(client, login):
    login("agency_admin")
    colleague = UserFactory(counsellor=True, email="coleg@example.ro")
    other = UserFactory(role="counsellor", agency=agency("TM"), email="altul@example.ro")
    page = client.get(reverse("accounts:agency_dashboard")).content.decode()
    assert colleague.email in page
    assert other.email not in page
