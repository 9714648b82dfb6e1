"""Sign-up: jobseekers and employers register themselves, verify their e-mail, then sign in."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from puls.accounts.models import Role, User
from puls.notifications.models import OutgoingEmail

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "ion.vasile@example.ro",
    "password1": "o-parola-lunga-2026",
    "password2": "o-parola-lunga-2026",
    "first_name": "Ion",
    "last_name": "Vasile",
}


@pytest.mark.parametrize("role", [Role.JOBSEEKER, Role.EMPLOYER])
def test_signup_records_the_role_and_asks_to_verify_the_email(
    client, role, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), {**SIGNUP, "role": role})

    assert response.status_code == 302
    user = User.objects.get(email=SIGNUP["email"])
    assert user.role == role
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # no sign-in before verification
    assert OutgoingEmail.objects.get(to=[SIGNUP["email"]]).sent_at is not None
    assert mail.outbox[0].to == [SIGNUP["email"]]


def test_staff_roles_cannot_be_chosen_at_signup(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "role": Role.COUNSELLOR})
    assert response.status_code == 200
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


def test_confirming_the_email_signs_in_and_lands_on_the_dashboard(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), {**SIGNUP, "role": Role.JOBSEEKER})
    link = re.search(r"https?://\S+/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = urlsplit(link).path

    response = client.post(path)

    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified
    assert response.url == reverse("accounts:dashboard")


def test_unverified_users_cannot_sign_in(client):
    client.post(reverse("account_signup"), {**SIGNUP, "role": Role.JOBSEEKER})
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302
    assert "confirm-email" in response.url


def test_user_model_requires_an_agency_for_agency_staff():
    user = User(email="x@example.ro", role=Role.COUNSELLOR)
    with translation.override("en"), pytest.raises(ValidationError, match="need an agency"):
        user.full_clean()


@pytest.mark.parametrize(
    ("query", "checked"),
    [("?rol=angajator", Role.EMPLOYER), ("", Role.JOBSEEKER), ("?rol=x", Role.JOBSEEKER)],
)
def test_the_link_from_the_home_page_preselects_the_role(client, query, checked):
    page = client.get(reverse("account_signup") + query).content.decode()

    checked_input = re.search(r'<input[^>]*name="role"[^>]*checked[^>]*>', page).group(0)
    assert f'value="{checked}"' in checked_input


def test_the_home_page_links_employers_to_the_sign_up_with_their_role(client):
    page = client.get(reverse("home")).content.decode()

    assert f'href="{reverse("account_signup")}?rol=angajator"' in page
