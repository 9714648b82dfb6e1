"""Reads of the outbox for staff: what failed for good and what is late."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .models import DeferredTask, OutgoingEmail


def emails_needing_attention(now: datetime.datetime | None = None) -> QuerySet[OutgoingEmail]:
    """Failed e-mails, then delayed ones (failed at least once, or waiting longer than a lease),
    newest first. Bodies are left out: the page shows who, what and why, not the content."""
    now = now or timezone.now()
    failed = OutgoingEmail.objects.filter(failed_at__isnull=False)
    return (
        (failed | OutgoingEmail.objects.delayed(now))
        .defer("body", "html_body", "attachments")
        .order_by("-failed_at", "-created_at")
    )


def tasks_needing_attention(now: datetime.datetime | None = None) -> QuerySet[DeferredTask]:
    now = now or timezone.now()
    failed = DeferredTask.objects.filter(failed_at__isnull=False)
    return (failed | DeferredTask.objects.delayed(now)).order_by("-failed_at", "-created_at")
