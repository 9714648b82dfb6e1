"""Queue an e-mail (a row, sent by Celery after the transaction commits) and deliver it once."""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutgoingEmail


def site_url(path):
    """An absolute link for e-mails: the portal's address (settings.PULS_SITE_URL) + path."""
    return settings.PULS_SITE_URL.rstrip("/") + path


def email_queue(*, to, subject, body, html_body="", attachments=(), recipient_user=None):
    """Record an e-mail and have Celery send it once the current transaction commits.

    ``attachments`` holds ``(filename, content, mimetype)`` triples; content is bytes or str.
    """
    from .tasks import deliver_email

    email = OutgoingEmail.objects.create(
        to=list(to),
        subject=subject[:255],
        body=body,
        html_body=html_body,
        attachments=[_encode_attachment(*attachment) for attachment in attachments],
        recipient_user=recipient_user,
    )
    transaction.on_commit(lambda: deliver_email.delay(email.pk))
    return email


def users_notify(*, users, subject, message, link="", attachments=()):
    """Queue one short notice per user: a greeting, the message and a link into the portal."""
    for user in users:
        if user is None or not user.email:
            continue
        body = render_to_string(
            "notifications/notice.txt",
            {
                "user": user,
                "message": message,
                "link": site_url(link) if link else "",
            },
        )
        email_queue(
            to=[user.email],
            subject=f"[PULS] {subject}",
            body=body,
            attachments=attachments,
            recipient_user=user,
        )


def email_deliver(*, email_id):
    """Send a queued e-mail unless it was sent already; safe to run twice."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().get(pk=email_id)
        if email.sent_at is not None:
            return False
        message = EmailMultiAlternatives(email.subject, email.body, to=email.to)
        if email.html_body:
            message.attach_alternative(email.html_body, "text/html")
        for attachment in email.attachments:
            message.attach(
                attachment["filename"],
                base64.b64decode(attachment["content_b64"]),
                attachment["mimetype"],
            )
        email.attempts += 1
        message.send()
        email.sent_at = timezone.now()
        email.save(update_fields=["attempts", "sent_at"])
    return True


def _encode_attachment(filename, content, mimetype):
    if isinstance(content, str):
        content = content.encode()
    return {
        "filename": filename,
        "mimetype": mimetype,
        "content_b64": base64.b64encode(content).decode("ascii"),
    }
