"""Queue an e-mail (a row, sent by Celery after the transaction commits) and deliver it once."""

import base64
import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape

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


# --- Retention and erasure --------------------------------------------------------------------

REDACTED = "[…]"


def _redact(text, needles):
    for needle in needles:
        text = text.replace(needle, REDACTED)
    return text


@transaction.atomic
def emails_anonymise(*, user, address, names):
    """Remove a person from the e-mail log when their account is closed (GDPR art. 17).

    E-mails to them that were never sent are deleted (they must not leave any more); those sent
    keep their row and dates, for the counts, but lose the address, body and attachments. In
    e-mails to other people (counsellors, employers), ``names`` and ``address`` are blanked out.
    """
    names = [name for name in names if name.strip()]
    needles = sorted(
        {address, *names, *(escape(name) for name in names)} - {""}, key=len, reverse=True
    )
    rows = OutgoingEmail.objects.annotate(to_text=Cast("to", TextField()))
    to_them = Q(recipient_user=user) | Q(to_text__contains=address)
    rows.filter(to_them, sent_at__isnull=True).delete()
    changed = []
    for email in rows.filter(to_them):
        email.to = [REDACTED]
        email.subject = _redact(email.subject, needles)
        email.body = email.html_body = ""
        email.attachments = []
        changed.append(email)
    mentions = Q()
    for needle in needles:
        mentions |= Q(subject__contains=needle) | Q(body__contains=needle)
        mentions |= Q(html_body__contains=needle) | Q(to_text__contains=needle)
    for email in rows.filter(mentions).exclude(to_them):
        email.to = [REDACTED if recipient == address else recipient for recipient in email.to]
        email.subject = _redact(email.subject, needles)
        email.body = _redact(email.body, needles)
        email.html_body = _redact(email.html_body, needles)
        changed.append(email)
    OutgoingEmail.objects.bulk_update(
        changed, ["to", "subject", "body", "html_body", "attachments"], batch_size=500
    )
    return len(changed)


def emails_purge_expired(*, now=None):
    """Delete the e-mail rows past their retention period (settings.PULS_RETENTION); sent ones
    count from when they were sent, never-sent ones from when they were queued."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.PULS_RETENTION["sent_email"]["days"]
    )
    expired = OutgoingEmail.objects.filter(
        Q(sent_at__lt=cutoff) | Q(sent_at__isnull=True, created_at__lt=cutoff)
    )
    deleted, _by_model = expired.delete()
    return deleted
