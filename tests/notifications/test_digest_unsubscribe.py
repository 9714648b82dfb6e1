"""Preferences by kind, the daily digest (each notice in at most one digest) and the one-click
unsubscribe (signed link, List-Unsubscribe headers; mandatory notices always go and say why)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext as _

from puls.notifications import services
from puls.notifications.models import (
    Notification,
    NotificationKind,
    NotificationSettings,
    OutgoingEmail,
)
from puls.notifications.services import users_notify
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def notify(user, kind, title="Your registration is complete"):
    users_notify(users=[user], subject=lambda: _(title), message="Text", link="/", kind=kind)


def test_an_optional_notice_carries_its_unsubscribe_link_and_headers():
    user = UserFactory()
    notify(user, NotificationKind.INTERVIEW)
    email = OutgoingEmail.objects.get()
    url = email.headers["List-Unsubscribe"].strip("<>")
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in email.body and "/notificari/dezabonare/" in url
    assert "Interview invitations" in email.body


def test_a_mandatory_notice_always_goes_says_why_and_has_no_unsubscribe():
    user = UserFactory()
    NotificationSettings.objects.create(
        user=user, muted_kinds=[NotificationKind.PROPOSAL], digest=True
    )
    notify(user, NotificationKind.PROPOSAL)
    email = OutgoingEmail.objects.get()
    assert email.headers == {}
    assert "The law requires this notice to reach you" in email.body
    assert not Notification.objects.get().awaiting_digest


def test_a_muted_kind_stays_in_the_inbox_but_is_not_emailed():
    user = UserFactory()
    NotificationSettings.objects.create(user=user, muted_kinds=[NotificationKind.DOCUMENT])
    notify(user, NotificationKind.DOCUMENT)
    notify(user, NotificationKind.INTERVIEW)
    assert Notification.objects.filter(user=user).count() == 2
    assert OutgoingEmail.objects.count() == 1


def test_one_click_unsubscribe_stops_that_kind_only(client, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notify(user, NotificationKind.INTERVIEW)
    path = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").split("//", 1)[1]
    path = path[path.index("/") :]
    # Opening the link only asks; the mail program's one-click POST (no session, no CSRF) acts.
    page = client.get(path)
    assert page.status_code == 200 and "Interview invitations" in page.content.decode()
    assert not NotificationSettings.objects.filter(user=user).exists()
    client.handler.enforce_csrf_checks = True
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert client.post(path).status_code == 200  # twice: no change, no error
    assert NotificationSettings.objects.get(user=user).muted_kinds == [NotificationKind.INTERVIEW]
    notify(user, NotificationKind.INTERVIEW)
    notify(user, NotificationKind.DOCUMENT)
    assert OutgoingEmail.objects.count() == 2  # the first one and the document notice


@pytest.mark.parametrize("tamper", ["flip", "other-user", "mandatory", "garbage"])
def test_a_tampered_unsubscribe_link_is_refused_clearly(client, tamper):
    user, other = UserFactory(), UserFactory()
    good = services.unsubscribe_path(user=user, kind=NotificationKind.INTERVIEW)
    token = good.rstrip("/").rsplit("/", 1)[1]
    bad = {
        "flip": token[:-1] + ("A" if token[-1] != "A" else "B"),
        "other-user": token.replace(f"{user.pk}:", f"{other.pk}:", 1),
        "mandatory": services.unsubscribe_path(user=user, kind=NotificationKind.PROPOSAL)
        .rstrip("/")
        .rsplit("/", 1)[1],
        "garbage": "nimic",
    }[tamper]
    url = reverse("notifications:unsubscribe", args=[bad])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert "This unsubscribe link is not valid" in response.content.decode()
    assert not NotificationSettings.objects.exists()


def test_digest_collects_the_day_once_and_never_twice():
    user = UserFactory()
    NotificationSettings.objects.create(user=user, digest=True)
    notify(user, NotificationKind.INTERVIEW, "Your registration is complete")
    notify(user, NotificationKind.OTHER, "Your individual mediation plan")
    notify(user, NotificationKind.PLAN)  # mandatory: alone, at once
    assert OutgoingEmail.objects.count() == 1
    assert services.digests_send() == 1
    assert services.digests_send() == 0  # run again (a retried beat): nothing more
    digest = OutgoingEmail.objects.latest("pk")
    assert digest.subject == "[PULS] Your notifications of the day"
    assert "Your registration is complete" in digest.body
    assert "Your individual mediation plan" in digest.body
    assert OutgoingEmail.objects.count() == 2
    notify(user, NotificationKind.DOCUMENT, "Your registration could not be completed")
    assert services.digest_send(user_id=user.pk) == 1
    last = OutgoingEmail.objects.latest("pk")
    assert "Your registration could not be completed" in last.body
    assert "Your individual mediation plan" not in last.body
    assert not Notification.objects.filter(awaiting_digest=True).exists()


def test_preferences_page_saves_kinds_and_digest_for_me_only(client):
    user, other = UserFactory(), UserFactory()
    client.force_login(user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Always sent by e-mail" in page and "Job proposals to answer" in page
    response = client.post(
        reverse("notifications:preferences"),
        {"language": "en", "email_kinds": [NotificationKind.INTERVIEW], "digest": "on"},
    )
    assert response.status_code == 302
    row = NotificationSettings.objects.get(user=user)
    assert row.digest
    assert set(row.muted_kinds) == {
        NotificationKind.DOCUMENT,
        NotificationKind.REFERRAL,
        NotificationKind.OTHER,
    }
    assert not NotificationSettings.objects.filter(user=other).exists()
    response = client.post(
        reverse("notifications:preferences"), {"language": "en", "email_kinds": ["proposal"]}
    )
    assert response.status_code == 200  # a mandatory kind is not a choice: refused, unchanged
    row.refresh_from_db()
    assert row.digest
