"""The outbox: record an e-mail or a must-run task as a row, deliver it, retry it with back-off.

Every row is delivered by whichever comes first: the queue message sent after commit (at once,
when the broker is up) or the sweeper (beat, every minute), which picks up every row that is due.
A row is claimed by an atomic conditional update that leases it to one worker, so two workers never
deliver it together, and a worker that dies mid-delivery leaves it due again when the lease ends.
A failed attempt is recorded in its own transaction and the row waits, doubling each time
(1, 2, 4 ... minutes, at most PULS_OUTBOX_MAX_BACKOFF_SECONDS), until PULS_OUTBOX_RETRY_HOURS after
it was queued: then it is marked failed, and staff see it and may send it again.
"""

import base64
import datetime
import logging
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from celery import Task, current_app
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q, TextField
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import gettext as _

from puls.accounts.models import User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.tasks import enqueue_on_commit

from .models import (
    MANDATORY_KINDS,
    DeferredTask,
    Notification,
    NotificationKind,
    NotificationSettings,
    OutgoingEmail,
    retry_horizon,
)
from .subjects import email_subject

# (filename, content, mimetype) of an e-mail attachment.
Attachment = tuple[str, bytes | str, str]
OutboxModel = type[OutgoingEmail] | type[DeferredTask]
# A text of an e-mail or notice: written in the recipient's language only when it is produced
# inside their language, so a caller passes lazy text or a callable (``lambda: _("...") % {...}``)
# rather than a string translated in the language of whoever acted.
Text = str | Promise | Callable[[], str]

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    """An absolute link for e-mails: the portal's address (settings.PULS_SITE_URL) + path."""
    return settings.PULS_SITE_URL.rstrip("/") + path


def language_of(user: User | None) -> str:
    """The language of the e-mails and notices ``user`` receives (their preference)."""
    return getattr(user, "language", "") or settings.LANGUAGE_CODE


def _text(value: Text) -> str:
    return str(value() if callable(value) else value)


def email_queue(
    *,
    to: Iterable[str],
    subject: Text,
    body: Text,
    html_body: Text = "",
    attachments: Iterable[Attachment] = (),
    recipient_user: User | None = None,
    headers: dict[str, str] | None = None,
    language: str | None = None,
) -> OutgoingEmail:
    """Record an e-mail; it is sent once the current transaction commits, or by the sweeper.

    The subject and bodies are produced in ``language``: by default the recipient user's, else
    the active one (an address without an account: whoever is filling in the form). Give them as
    callables or lazy text to have them written in it; a plain string is taken as it is.
    ``attachments`` holds ``(filename, content, mimetype)`` triples; content is bytes or str.
    ``headers`` are extra message headers (a newsletter's List-Unsubscribe).
    """
    from .tasks import deliver_email

    if language is None:
        language = (
            language_of(recipient_user)
            if recipient_user is not None
            else translation.get_language() or settings.LANGUAGE_CODE
        )
    with translation.override(language):
        email = OutgoingEmail.objects.create(
            to=list(to),
            subject=email_subject(_text(subject)),
            body=_text(body),
            html_body=_text(html_body),
            attachments=[_encode_attachment(*attachment) for attachment in attachments],
            recipient_user=recipient_user,
            headers=dict(headers or {}),
            language=language,
        )
    enqueue_on_commit(deliver_email, email.pk)
    return email


def notification_create(
    *,
    user: User,
    title: Text,
    link: str = "",
    kind: str = NotificationKind.OTHER,
    awaiting_digest: bool = False,
) -> Notification:
    """Put an event in the person's in-portal inbox; its title is written in both languages,
    so the inbox shows it in the language the person reads the portal in."""
    titles = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles[code] = email_subject(_text(title))
    return Notification.objects.create(
        user=user,
        kind=kind,
        title=titles.get("ro", ""),
        title_en=titles.get("en", ""),
        link=link,
        awaiting_digest=awaiting_digest,
    )


def users_notify(
    *,
    users: Iterable[User | None],
    subject: Text,
    message: Text,
    link: str = "",
    attachments: Iterable[Attachment] = (),
    kind: str = NotificationKind.OTHER,
    inbox: bool = True,
    mandatory: bool | None = None,
) -> None:
    """Queue one short notice per user: a greeting, the message and a link into the portal, each
    in the user's own language (``subject`` and ``message`` as lazy text or callables); and, unless
    ``inbox`` is False, the same event in their in-portal inbox (``kind`` says what it asks of
    them), linking to ``link``, where it is answered.

    The person's preferences decide whether it also goes by e-mail, and whether alone or in the
    daily digest; a ``mandatory`` notice (by default, one of MANDATORY_KINDS) always goes, alone,
    and says why. Any other carries a one-click unsubscribe link for its kind."""
    if mandatory is None:
        mandatory = kind in MANDATORY_KINDS
    for user in users:
        if user is None:
            continue
        prefs = settings_of(user) if user.pk and not mandatory else None
        wanted = prefs is None or kind not in prefs.muted_kinds
        to_digest = bool(inbox and prefs is not None and wanted and prefs.digest)
        if inbox and user.pk:
            notification_create(
                user=user, title=subject, link=link, kind=kind, awaiting_digest=to_digest
            )
        if not user.email or not wanted or to_digest:
            continue
        unsubscribe_url = (
            "" if mandatory or user.pk is None else site_url(unsubscribe_path(user=user, kind=kind))
        )
        language = language_of(user)
        with translation.override(language):
            body = render_to_string(
                "notifications/notice.txt",
                {
                    "user": user,
                    "message": _text(message),
                    "link": site_url(link) if link else "",
                    "mandatory": mandatory,
                    "kind_label": NotificationKind(kind).label,
                    "unsubscribe_url": unsubscribe_url,
                    "preferences_url": site_url(reverse("notifications:preferences")),
                },
            )
            email_queue(
                to=[user.email],
                subject=f"[PULS] {_text(subject)}",
                body=body,
                attachments=attachments,
                recipient_user=user,
                language=language,
                headers=unsubscribe_headers(unsubscribe_url) if unsubscribe_url else None,
            )


# --- Preferences, unsubscribing, the daily digest ------------------------------------------------

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def settings_of(user: User) -> NotificationSettings:
    """The person's settings row, or the defaults (unsaved) when they never changed them."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058 headers: mail programs show an unsubscribe button that POSTs to
    ``url``. For every e-mail a person may stop (notices, newsletters)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def unsubscribe_path(*, user: User, kind: str) -> str:
    """The one-click link that stops e-mails of ``kind`` to ``user``: a signed token, which
    never expires (it must work in every e-mail ever sent) and can do only that."""
    token = signing.Signer(salt=UNSUBSCRIBE_SALT).sign(f"{user.pk}:{kind}")
    return reverse("notifications:unsubscribe", args=[token])


def unsubscribe_target(*, token: str) -> tuple[User, str]:
    """The person and kind an unsubscribe link names (ValidationError when it is not valid)."""
    try:
        user_pk, kind = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token).split(":")
        if kind not in NotificationKind.values or kind in MANDATORY_KINDS:
            raise ValueError(kind)
        return User.objects.get(pk=int(user_pk)), kind
    except (signing.BadSignature, ValueError, User.DoesNotExist):
        raise ValidationError(
            _(
                "This unsubscribe link is not valid: it may have been copied incompletely. "
                "Open the link from the e-mail again, or sign in and change your notification "
                "preferences."
            ),
            code="bad_token",
        ) from None


@transaction.atomic
def notifications_unsubscribe(*, token: str) -> tuple[User, str]:
    """Stop e-mails of the kind the link names; doing it again changes nothing."""
    user, kind = unsubscribe_target(token=token)
    row, _created = NotificationSettings.objects.select_for_update().get_or_create(user=user)
    if kind not in row.muted_kinds:
        row.muted_kinds = [*row.muted_kinds, kind]
        row.save(update_fields=["muted_kinds"])
    return user, kind


def digest_send(*, user_id: int, now: datetime.datetime | None = None) -> int:
    """E-mail the person one digest of their notices waiting for it, and mark each as carried:
    the rows are locked and marked in the same transaction as the e-mail row, so a notice goes in
    at most one digest however often this runs. Returns how many it carried."""
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        notices = list(
            Notification.objects.select_for_update()
            .filter(user=user, awaiting_digest=True)
            .order_by("created_at", "pk")
        )
        if not notices:
            return 0
        if user.email:
            context = {
                "user": user,
                "notices": [
                    (notice, site_url(notice.link) if notice.link else "") for notice in notices
                ],
                "inbox_url": site_url(reverse("notifications:inbox")),
                "preferences_url": site_url(reverse("notifications:preferences")),
            }
            email_queue(
                to=[user.email],
                subject=lambda: _("[PULS] Your notifications of the day"),
                body=lambda: render_to_string("notifications/digest.txt", context),
                recipient_user=user,
            )
        Notification.objects.filter(pk__in=[notice.pk for notice in notices]).update(
            awaiting_digest=False, digested_at=now
        )
    return len(notices)


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """Beat, daily: one digest to every person with notices waiting for it."""
    user_ids = (
        Notification.objects.filter(awaiting_digest=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by()
    )
    return sum(1 for user_id in list(user_ids) if digest_send(user_id=user_id, now=now))


@transaction.atomic
def preferences_update(
    *,
    user: User,
    language: str,
    email_kinds: Iterable[str] | None = None,
    digest: bool | None = None,
) -> None:
    """Save the person's notification preferences: the language of their e-mails, the kinds of
    notice they also want by e-mail (mandatory ones go whatever they choose), and the digest."""
    user.language = language
    user.full_clean(validate_unique=False, validate_constraints=False)
    user.save(update_fields=["language"])
    if email_kinds is not None or digest is not None:
        row, _created = NotificationSettings.objects.get_or_create(user=user)
        if email_kinds is not None:
            wanted = set(email_kinds)
            row.muted_kinds = [
                kind
                for kind in NotificationKind.values
                if kind not in MANDATORY_KINDS and kind not in wanted
            ]
        if digest is not None:
            row.digest = digest
        row.save()
    audit_record(actor=user, action=AuditEntry.Action.UPDATE, target=user)


def notification_open(*, notification: Notification) -> str:
    """Mark the notification read (opening it) and return where it is answered."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification.link


def notifications_read_all(*, user: User) -> int:
    """Mark every unread notification of ``user`` read."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def task_defer(task: Task, *args: Any) -> DeferredTask:
    """Record that the Celery ``task(*args)`` must run, and run it after commit or by the sweeper.

    For work that must not be lost with a queue message; the task must be idempotent.
    """
    from .tasks import run_deferred_task

    deferred = DeferredTask.objects.create(task=task.name, args=list(args))
    enqueue_on_commit(run_deferred_task, deferred.pk)
    return deferred


def email_deliver(*, email_id: int, now: datetime.datetime | None = None) -> bool:
    """Send a recorded e-mail unless it is sent, failed, claimed by another worker or not yet due.
    Returns True when this call sent it."""
    now = now or timezone.now()
    email = _claim(OutgoingEmail, email_id, now=now)
    return email is not None and _send(email, now=now)


def _send(email: OutgoingEmail, *, now: datetime.datetime) -> bool:
    try:
        _message(email).send()
    except Exception as error:  # noqa: BLE001 - any failure is recorded, retried, shown to staff
        _record_failure(email, error, now=now)
        return False
    OutgoingEmail.objects.filter(pk=email.pk).update(sent_at=now, claimed_until=None)
    return True


def deferred_task_run(*, deferred_id: int, now: datetime.datetime | None = None) -> bool:
    """Run a deferred task in this process unless it is done, failed, claimed or not yet due."""
    now = now or timezone.now()
    deferred = _claim(DeferredTask, deferred_id, now=now)
    if deferred is None:
        return False
    try:
        current_app.tasks[deferred.task](*deferred.args)
    except Exception as error:  # noqa: BLE001 - as for e-mail: recorded, retried, shown to staff
        _record_failure(deferred, error, now=now)
        return False
    DeferredTask.objects.filter(pk=deferred.pk).update(completed_at=now, claimed_until=None)
    return True


def outbox_sweep(*, now: datetime.datetime | None = None) -> int:
    """Deliver every due row, oldest first (beat, every minute), after deleting the deferred tasks
    done longer ago than their retention period. Stops after a few consecutive
    failed e-mails: the mail server is probably down, and the rest wait for the next sweep rather
    than each holding the worker for a connection timeout."""
    deferred_tasks_purge_done(now=now)
    # Each delivery reads the clock itself (unless a test fixes it): a long sweep must not lease
    # rows from a moment already past.
    for deferred_id in _due_ids(DeferredTask, now or timezone.now()):
        deferred_task_run(deferred_id=deferred_id, now=now)
    sent = failures = 0
    for email_id in _due_ids(OutgoingEmail, now or timezone.now()):
        attempt_at = now or timezone.now()
        email = _claim(OutgoingEmail, email_id, now=attempt_at)
        if email is None:
            continue  # another worker has it
        if _send(email, now=attempt_at):
            sent, failures = sent + 1, 0
        else:
            failures += 1
            if failures >= settings.PULS_OUTBOX_SWEEP_FAILURE_LIMIT:
                logger.warning("Outbox sweep stopped after %s failed e-mails in a row", failures)
                break
    return sent


def deferred_tasks_purge_done(*, now: datetime.datetime | None = None) -> int:
    """Delete the deferred tasks that ran more than PULS_DEFERRED_TASK_RETENTION_DAYS ago (part of
    every sweep). Pending and failed ones are kept whatever their age: staff see and rerun them."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.PULS_DEFERRED_TASK_RETENTION_DAYS)
    deleted, _by_model = DeferredTask.objects.filter(completed_at__lt=cutoff).delete()
    if deleted:
        logger.info("Outbox: deleted %s deferred tasks done before %s", deleted, cutoff)
    return deleted


@transaction.atomic
def outbox_resend(
    *, item: OutgoingEmail | DeferredTask, by: User, now: datetime.datetime | None = None
) -> None:
    """Staff: send a failed or delayed e-mail (or run a task) again now, with a fresh horizon.
    Refused with a ValidationError when it is done already or a worker is delivering it now."""
    now = now or timezone.now()
    model = type(item)
    # The reset and its audit entry together; the message only once they are committed, so the
    # worker never reads the row still failed.
    with transaction.atomic():
        updated = (
            model.objects.filter(pk=item.pk, **{f"{model.DONE_FIELD}__isnull": True})
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .update(failed_at=None, next_attempt_at=now, retry_until=retry_horizon())
        )
        if not updated:
            raise ValidationError(_("This was delivered already, or is being delivered right now."))
        audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=item)
    from .tasks import deliver_email, run_deferred_task

    enqueue_on_commit(deliver_email if model is OutgoingEmail else run_deferred_task, item.pk)


def backoff(attempts: int) -> int:
    """Seconds to wait after the ``attempts``-th failed attempt: 60, 120, 240 ... capped."""
    return min(
        settings.PULS_OUTBOX_FIRST_BACKOFF_SECONDS * 2 ** (attempts - 1),
        settings.PULS_OUTBOX_MAX_BACKOFF_SECONDS,
    )


def _due_ids(model: OutboxModel, now: datetime.datetime) -> list[int]:
    return list(
        model.objects.due(now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[: settings.PULS_OUTBOX_SWEEP_BATCH]
    )


def _claim(model: OutboxModel, pk: int, *, now: datetime.datetime) -> Any:
    """Take the row for one attempt, or None. A row never attempted is taken at once (its queue
    message may arrive before its next_attempt_at by another machine's clock); otherwise it must
    be due. The claim counts the attempt, so a worker that dies mid-delivery still leaves a trace."""
    lease = timedelta(seconds=settings.PULS_OUTBOX_LEASE_SECONDS)
    claimed = (
        model.objects.pending()
        .filter(Q(next_attempt_at__lte=now) | Q(attempts=0), pk=pk)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + lease, attempts=F("attempts") + 1)
    )
    if not claimed:
        return None
    return model.objects.get(pk=pk)


def _record_failure(
    item: OutgoingEmail | DeferredTask, error: Exception, *, now: datetime.datetime
) -> None:
    """Write the failed attempt in a transaction of its own: back off, or give up at the horizon."""
    message = f"{type(error).__name__}: {error}"[:2000]
    logger.warning(
        "Outbox: %s %s attempt %s failed: %s",
        item._meta.model_name,
        item.pk,
        item.attempts,
        message,
    )
    changes: dict[str, Any] = {"last_error": message, "claimed_until": None}
    if now >= item.retry_until:
        changes["failed_at"] = now
        logger.error(
            "Outbox: %s %s failed for good after %s attempts",
            item._meta.model_name,
            item.pk,
            item.attempts,
        )
    else:
        changes["next_attempt_at"] = min(
            now + timedelta(seconds=backoff(item.attempts)), item.retry_until
        )
    with transaction.atomic():
        type(item).objects.filter(pk=item.pk).update(**changes)


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        email.subject, email.body, to=email.to, headers=email.headers or None
    )
    if email.html_body:
        message.attach_alternative(email.html_body, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content_b64"]),
            attachment["mimetype"],
        )
    return message


def _encode_attachment(filename: str, content: bytes | str, mimetype: str) -> dict[str, str]:
    if isinstance(content, str):
        content = content.encode()
    return {
        "filename": filename,
        "mimetype": mimetype,
        "content_b64": base64.b64encode(content).decode("ascii"),
    }


# --- Retention and erasure --------------------------------------------------------------------

REDACTED = "[…]"


def _redact(text: str, needles: Iterable[str]) -> str:
    for needle in needles:
        text = text.replace(needle, REDACTED)
    return text


@transaction.atomic
def emails_anonymise(*, user: User, address: str, names: Iterable[str]) -> int:
    """Remove a person from the e-mail log when their account is closed (GDPR art. 17).

    E-mails to them that were never sent are deleted (they must not leave any more); those sent
    keep their row and dates, for the counts, but lose the address, body and attachments. In
    e-mails to other people (counsellors, employers), ``names`` and ``address`` are blanked out.
    """
    names = [name for name in names if name.strip()]
    needles = sorted(
        {address, *names, *(escape(name) for name in names)} - {""}, key=len, reverse=True
    )
    Notification.objects.filter(user=user).delete()  # their inbox goes with the account
    rows = OutgoingEmail.objects.annotate(to_text=Cast("to", TextField()))
    to_them = Q(recipient_user=user) | Q(to_text__contains=address)
    rows.filter(to_them, sent_at__isnull=True).delete()
    changed = []
    for email in rows.filter(to_them):
        email.to = [REDACTED]
        email.subject = _redact(email.subject, needles)
        email.last_error = _redact(email.last_error, needles)  # SMTP errors quote the address
        email.body = email.html_body = ""
        email.attachments = []
        email.headers = {}  # a newsletter's unsubscribe link names the subscription
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
        changed,
        ["to", "subject", "body", "html_body", "attachments", "headers", "last_error"],
        batch_size=500,
    )
    return len(changed)


def emails_purge_expired(*, now: datetime.datetime | None = None) -> int:
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
