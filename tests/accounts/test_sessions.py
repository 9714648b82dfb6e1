"""Session limits: staff sessions end when idle or too old; sensitive actions ask the password."""

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.urls import reverse

from jobseekers.models import ClosureRequest
from tests.accounts.factories import PASSWORD, UserFactory
from tests.jobseekers.factories import JobseekerProfileFactory, counsellor_factory

pytestmark = pytest.mark.django_db

EXPIRED = "Your session has expired. Please sign in again."


@pytest.fixture
def clock():
    """A clock the test moves forward; the session's timestamps are taken from it."""
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)) as now:
        yield now


@pytest.fixture
def counsellor(client, enrol_totp, clock):
    user = enrol_totp(UserFactory(counsellor=True))
    client.force_login(user)
    return user


def _caseload(client):
    return client.get(reverse("casework:caseload"))


def test_a_staff_session_ends_after_thirty_idle_minutes(client, counsellor, clock):
    clock.shift(datetime.timedelta(minutes=29))
    assert _caseload(client).status_code == 200

    clock.shift(datetime.timedelta(minutes=31))
    response = client.get(reverse("casework:caseload"), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert EXPIRED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_activity_keeps_a_staff_session_alive_until_its_twelve_hours(client, counsellor, clock):
    for _quarter in range(47):  # 11 h 45 min of work, a request every quarter of an hour
        clock.shift(datetime.timedelta(minutes=15))
        assert _caseload(client).status_code == 200

    clock.shift(datetime.timedelta(minutes=16))
    response = _caseload(client)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_limits_come_from_the_settings(client, counsellor, clock, settings):
    settings.PULS_STAFF_SESSION_IDLE_MINUTES = 5
    clock.shift(datetime.timedelta(minutes=6))
    assert _caseload(client).status_code == 302


def test_an_expired_htmx_request_sends_the_whole_page_to_the_login(client, counsellor, clock):
    clock.shift(datetime.timedelta(minutes=31))
    response = client.get(reverse("casework:caseload"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("account_login"))


def test_a_public_session_has_no_idle_limit(client, clock):
    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    clock.shift(datetime.timedelta(hours=13))
    assert client.get(reverse("jobseekers:my_data")).status_code == 200


@pytest.mark.parametrize(("remember", "browser_session"), [(False, True), (True, False)])
def test_remember_me_is_the_users_choice(client, remember, browser_session, settings):
    user = UserFactory()
    data = {"login": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "on"
    client.post(reverse("account_login"), data)
    assert client.session.get_expire_at_browser_close() is browser_session
    if remember:
        assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


def test_the_login_form_offers_remember_me(client):
    assert 'name="remember"' in client.get(reverse("account_login")).content.decode()


def test_the_personal_data_export_asks_for_the_password_again(client, clock):
    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    url = reverse("jobseekers:export_json")

    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_reauthenticate')}?{urlencode({'next': url})}"

    response = client.post(response.url, {"password": PASSWORD})
    assert response.url == url
    assert client.get(url)["Content-Type"] == "application/json"

    clock.shift(datetime.timedelta(minutes=6))  # the confirmation lasts five minutes
    assert client.get(url).status_code == 302


def test_closing_an_account_asks_the_counsellor_for_the_password_again(client, enrol_totp):
    closure = ClosureRequest.objects.create(profile=JobseekerProfileFactory())
    client.force_login(enrol_totp(counsellor_factory("CJ")))
    url = reverse("jobseekers:staff_closure_confirm", args=[closure.pk])

    response = client.post(url)
    assert response.url.startswith(reverse("account_reauthenticate"))
    closure.refresh_from_db()
    assert closure.outcome == "pending"

    # The confirmed password resumes the suspended POST.
    client.post(response.url, {"password": PASSWORD})
    closure.refresh_from_db()
    assert closure.outcome != "pending"


def test_evidence_exports_ask_for_the_password_again_but_the_form_does_not(client, enrol_totp):
    client.force_login(enrol_totp(UserFactory(counsellor=True)))
    url = reverse("casework:evidence")
    assert client.get(url).status_code == 200
    params = {"since": "2026-05-01", "until": "2026-05-02", "export": "xlsx"}
    response = client.get(url, params)
    assert response.url.startswith(reverse("account_reauthenticate"))
