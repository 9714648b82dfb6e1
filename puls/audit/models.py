"""The audit trail: who did what to which object, when and from where."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One action on one object. Written by puls.audit.services.audit_record, never edited."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        CREATE = "create", _("created")
        UPDATE = "update", _("updated")
        DELETE = "delete", _("deleted")
        DOWNLOAD = "download", _("downloaded")
        EXPORT = "export", _("exported")
        REVEAL = "reveal", _("showed the whole CNP")
        LIST = "list", _("saw in a list")
        LOGIN = "login", _("signed in")
        LOGOUT = "logout", _("signed out")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        db_index=False,  # the (actor, -at) index below serves these lookups
        verbose_name=_("actor"),
        help_text=_("Empty for anonymous visitors and for the system itself."),
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    target_content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # the (type, id, -at) index below serves these lookups
        verbose_name=_("target type"),
    )
    # A string, so that any primary key (integer, UUID, natural key) fits.
    target_object_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_repr = models.CharField(_("target"), max_length=200, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(
                fields=["target_content_type", "target_object_id", "-at"],
                name="audit_trail_of_object",
            ),
            models.Index(fields=["actor", "-at"], name="audit_trail_of_actor"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_content_type__isnull=True, target_object_id="")
                | (Q(target_content_type__isnull=False) & ~Q(target_object_id="")),
                name="audit_target_type_and_id_together",
                violation_error_message=_("A target needs both its type and its id."),
            ),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.target_repr}"
