"""The outbox: outgoing e-mail and must-run tasks, recorded as rows in the transaction that needs
them. The row is the source of truth; a queue message only makes it happen sooner (services.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puls.translated import in_active_language


def retry_horizon():
    """When an item that is still failing is given up and marked failed (from its queueing)."""
    return timezone.now() + timedelta(hours=settings.PULS_OUTBOX_RETRY_HOURS)


class OutboxQuerySet(models.QuerySet):
    def pending(self):
        """Neither done nor given up."""
        return self.filter(**{f"{self.model.DONE_FIELD}__isnull": True}, failed_at__isnull=True)

    def due(self, now):
        """Pending, its next attempt reached, and not leased to a worker (or the lease ran out)."""
        return (
            self.pending()
            .filter(next_attempt_at__lte=now)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        )

    def delayed(self, now):
        """Pending items that have failed at least once, or are overdue by more than a lease."""
        lease = timedelta(seconds=settings.PULS_OUTBOX_LEASE_SECONDS)
        return self.pending().filter(Q(attempts__gt=0) | Q(created_at__lt=now - lease))


class OutboxItem(models.Model):
    """Delivery bookkeeping shared by e-mails and tasks: every attempt is counted and its error
    kept (written in a transaction of their own, so a failure cannot roll them back)."""

    DONE_FIELD = ""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    retry_until = models.DateTimeField(_("retried until"), default=retry_horizon)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    # Set while one worker delivers the row; a row whose lease ran out is due again.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def done_at(self):
        return getattr(self, self.DONE_FIELD)


class OutgoingEmail(OutboxItem):
    DONE_FIELD = "sent_at"

    to = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    # Each attachment: {"filename": ..., "mimetype": ..., "content_b64": ...}
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    # Extra message headers, {name: value}: a newsletter's List-Unsubscribe (RFC 8058).
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("recipient user"),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # The language the subject and body were written in (the recipient's): the outbox page marks
    # the subject with it, as it shows e-mails of both languages on a page of one.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="email_due_idx",
                condition=Q(sent_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self):
        return self.subject


class DeferredTask(OutboxItem):
    """A Celery task that must run eventually (an e-mail fan-out, a confirmation with its PDF).
    Its arguments are ids and the task is idempotent, so running it again after a crash is safe."""

    DONE_FIELD = "completed_at"

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("deferred task")
        verbose_name_plural = _("deferred tasks")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="deferred_task_due_idx",
                condition=Q(completed_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.task}{tuple(self.args)}"


class NotificationKind(models.TextChoices):
    """What a notice asks of the person; the preferences page lists them."""

    PROPOSAL = "proposal", _("Job proposals to answer")
    INTERVIEW = "interview", _("Interview invitations")
    PLAN = "plan", _("Individual mediation plan to acknowledge")
    APPOINTMENT = "appointment", _("Appointments")
    DOCUMENT = "document", _("Documents requested")
    REFERRAL = "referral", _("Referrals to partner organisations")
    OTHER = "other", _("Other notices")


# Legal notices: the law requires the person to answer or to come (Law 76/2002: a suitable job
# offered, the individual mediation plan, a convocation to the agency). They always go by e-mail,
# one by one, and say why; the person cannot turn them off.
MANDATORY_KINDS = frozenset(
    {NotificationKind.PROPOSAL, NotificationKind.PLAN, NotificationKind.APPOINTMENT}
)


class NotificationSettings(models.Model):
    """Which notices a person also wants by e-mail, and whether as one daily digest. No row: all,
    one by one (the default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
        verbose_name=_("user"),
    )
    # Kinds the person asked not to receive by e-mail (only kinds outside MANDATORY_KINDS).
    muted_kinds = models.JSONField(_("kinds not sent by e-mail"), default=list, blank=True)
    digest = models.BooleanField(_("one daily digest instead of single e-mails"), default=False)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return str(self.user)


class Notification(models.Model):
    """One event in a person's in-portal inbox, written by the call that e-mails it
    (users_notify). The title is kept in both languages and shown in the reader's."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=NotificationKind.choices, default=NotificationKind.OTHER
    )
    title = models.CharField(_("title"), max_length=255)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    # Where the person answers it: a path in the portal.
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Set when the notice waits for the person's daily digest; cleared, with digested_at set, by
    # the one digest that carries it.
    awaiting_digest = models.BooleanField(_("awaiting the digest"), default=False)
    digested_at = models.DateTimeField(_("sent in a digest at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["user"], name="notification_unread_idx", condition=Q(read_at__isnull=True)
            ),
            models.Index(fields=["user", "-created_at"], name="notification_user_idx"),
            models.Index(
                fields=["user"], name="notification_digest_idx", condition=Q(awaiting_digest=True)
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def display_title(self):
        return in_active_language(self.title, self.title_en)
