"""The outbox page: only superusers see failed and delayed e-mails, and may send them again."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from puls.audit.models import AuditEntry
from puls.notifications.models import DeferredTask, OutgoingEmail
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

KINDS = {
    None: 302,
    "jobseeker": 403,
    "employer": 403,
    "counsellor": 403,
    "agency_admin": 403,
    "analyst": 403,
    "superuser": 200,
}


@pytest.fixture
def user_of(enrol_totp):
    def make(kind):
        if kind is None:
            return None
        if kind == "superuser":
            return enrol_totp(UserFactory(analyst=True, is_superuser=True, is_staff=True))
        if kind == "jobseeker":
            return UserFactory()
        return enrol_totp(UserFactory(**{kind: True}))

    return make


def failed_email(**fields):
    now = timezone.now()
    return OutgoingEmail.objects.create(
        to=["ana@example.ro"],
        subject="Invitație la ședință",
        body="Textul mesajului",
        attempts=31,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
        failed_at=now,
        retry_until=now,
        **fields,
    )


@pytest.mark.parametrize(("kind", "expected"), KINDS.items())
def test_outbox_permissions(client, user_of, kind, expected, django_capture_on_commit_callbacks):
    email = failed_email()
    user = user_of(kind)
    if user:
        client.force_login(user)
    assert client.get(reverse("notifications:outbox")).status_code == expected
    with django_capture_on_commit_callbacks(execute=True):
        resend = client.post(reverse("notifications:email_resend", args=[email.pk]))
    assert resend.status_code == (302 if kind in (None, "superuser") else 403)
    email.refresh_from_db()
    assert (email.sent_at is not None) == (kind == "superuser")


def test_the_page_lists_failed_and_delayed_emails_but_not_sent_or_fresh_ones(
    client, user_of, django_assert_max_num_queries
):
    client.force_login(user_of("superuser"))
    failed_email()
    OutgoingEmail.objects.create(
        to=["ion@example.ro"],
        subject="Confirmare programare",
        body="b",
        attempts=3,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        next_attempt_at=timezone.now() + timedelta(minutes=8),
    )
    OutgoingEmail.objects.create(
        to=["x@example.ro"], subject="Trimis", body="b", sent_at=timezone.now()
    )
    OutgoingEmail.objects.create(to=["y@example.ro"], subject="Abia pus în coadă", body="b")
    DeferredTask.objects.create(
        task="network.tasks.send_meeting_notice",
        args=[7, "invitation"],
        attempts=2,
        last_error="OperationalError: the database went away",
    )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notifications:outbox"))
    page = response.content.decode()
    assert "Invitație la ședință" in page and "Failed" in page
    assert "Confirmare programare" in page and "Delayed" in page and "Connection refused" in page
    assert "Trimis" not in page and "Abia pus" not in page
    assert "send_meeting_notice" in page
    assert "Textul mesajului" not in page  # bodies stay out of the page


def test_a_superuser_sends_a_failed_email_again_once_and_it_is_audited(
    client, user_of, django_capture_on_commit_callbacks
):
    superuser = user_of("superuser")
    client.force_login(superuser)
    email = failed_email()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:email_resend", args=[email.pk]), follow=True)
    assert "will be sent again" in response.content.decode()
    again = client.post(reverse("notifications:email_resend", args=[email.pk]), follow=True)
    assert "delivered already" in again.content.decode()

    assert [m.to for m in mail.outbox] == [["ana@example.ro"]]
    assert AuditEntry.objects.filter(actor=superuser, action=AuditEntry.Action.UPDATE).count() == 1


def test_the_admin_lists_failed_emails_and_sends_them_again(
    client, user_of, django_capture_on_commit_callbacks
):
    client.force_login(user_of("superuser"))
    email = failed_email()
    changelist = reverse("admin:notifications_outgoingemail_changelist")
    assert "Invitație la ședință" in client.get(changelist, {"state": "failed"}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "resend", "_selected_action": [email.pk]})
    email.refresh_from_db()
    assert email.sent_at is not None


def test_reading_emails_in_the_admin_is_audited(client, user_of):
    superuser = user_of("superuser")
    client.force_login(superuser)
    email = failed_email()

    client.get(reverse("admin:notifications_outgoingemail_changelist"))
    client.get(reverse("admin:notifications_outgoingemail_change", args=[email.pk]))

    trail = AuditEntry.objects.filter(actor=superuser, target_object_id=str(email.pk))
    assert sorted(trail.values_list("action", flat=True)) == ["list", "view"]
