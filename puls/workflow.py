"""What every lifecycle shares (STYLE.md, convention 5): one log row per status change.

A domain model's transition log subclasses `TransitionLog` and adds the object it belongs to and
its `from_status`/`to_status` fields with that lifecycle's choices.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TransitionLog(models.Model):
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when PULS itself made the change."),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
