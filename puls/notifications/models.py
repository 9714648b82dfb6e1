"""Outgoing e-mail, recorded as a row first, so that it is sent after commit, and only once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    to = models.JSONField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    # Each attachment: {"filename": ..., "mimetype": ..., "content_b64": ...}
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="emails",
        verbose_name=_("recipient user"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["sent_at", "created_at"], name="email_pending_idx")]

    def __str__(self):
        return self.subject
