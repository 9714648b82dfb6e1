"""Account e-mails (allauth's, overridden) and password rules, in Romanian and in English.

The verification e-mail once read "Salutări de la !" and "un cont pe ." (no site name), without
diacritics and in the familiar "tu"; its link pointed at whatever host the request named.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse

from puls.accounts.models import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://puls.anofm.example"
SIGNUP = {
    "email": "ana.pop@example.ro",
    "password1": "o-parola-lunga-2026",
    "password2": "o-parola-lunga-2026",
    "first_name": "Ana",
    "last_name": "Pop",
    "role": Role.JOBSEEKER,
}

# What each language must say, and what neither may say.
EXPECTED = {
    "ro": ["Bună ziua,", "Cu stimă,", "Echipa PULS", "dumneavoastră"],
    "en": ["Hello,", "Kind regards,", "The PULS team"],
}
FORBIDDEN = ["Salutări de la !", " pe .", "de la !", "from !", "{{", "%("]


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.PULS_SITE_URL = SITE_URL


def speak(client, language):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language


def only_link(body):
    links = re.findall(r"https?://\S+", body)
    assert links, body
    return links


def assert_reads_well(message, language):
    text = message.subject + "\n" + message.body
    for expected in EXPECTED[language]:
        assert expected in text, text
    for forbidden in FORBIDDEN:
        assert forbidden not in text, text
    # Every link points at the portal's public address, whatever host the request named.
    for link in only_link(message.body):
        assert link.startswith(SITE_URL + "/") or link == SITE_URL, link
    assert "testserver" not in text
    assert message.subject.startswith("[PULS] ")


@pytest.mark.parametrize(
    ("language", "subject"),
    [("ro", "Confirmați adresa de e-mail"), ("en", "Confirm your e-mail address")],
)
def test_verification_e_mail(client, language, subject, django_capture_on_commit_callbacks):
    speak(client, language)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), SIGNUP)
    (message,) = mail.outbox
    assert_reads_well(message, language)
    assert subject in message.subject
    assert SIGNUP["email"] in message.body
    assert "(puls.anofm.example)" in message.body  # the site's host, named
    confirm = next(link for link in only_link(message.body) if "confirm-email" in link)
    # The link works on the portal.
    assert client.get(urlsplit(confirm).path).status_code == 200


@pytest.mark.parametrize(
    ("language", "subject"), [("ro", "Resetarea parolei"), ("en", "Reset your password")]
)
def test_password_reset_e_mail(client, language, subject, django_capture_on_commit_callbacks):
    # The e-mail is in the account holder's language (here also the page's).
    user = UserFactory(email="ion.ionescu@example.ro", language=language)
    speak(client, language)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    (message,) = mail.outbox
    assert_reads_well(message, language)
    assert subject in message.subject
    link = only_link(message.body)[0]
    assert "/password/reset/key/" in link
    # The link works on the portal: it leads to the form for the new password.
    response = client.get(urlsplit(link).path, follow=True)
    assert response.status_code == 200
    assert b'name="password1"' in response.content


@pytest.mark.parametrize("language", ["ro", "en"])
def test_reset_for_an_unknown_address_reads_well(
    client, language, django_capture_on_commit_callbacks
):
    speak(client, language)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "nimeni@example.ro"})
    (message,) = mail.outbox
    assert_reads_well(message, language)
    assert "nimeni@example.ro" in message.body


@pytest.mark.parametrize(
    ("language", "messages"),
    [
        (
            "ro",
            [
                "Parola este prea scurtă: trebuie să aibă cel puțin 10 caractere.",
                "Această parolă este formată numai din cifre.",
            ],
        ),
        (
            "en",
            [
                "This password is too short. It must contain at least 10 characters.",
                "This password is entirely numeric.",
            ],
        ),
    ],
)
def test_password_rules_speak_the_page_language(client, language, messages):
    speak(client, language)
    response = client.post(
        reverse("account_signup"), {**SIGNUP, "password1": "12345678", "password2": "12345678"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    for message in messages:
        assert message in page
