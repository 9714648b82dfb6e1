"""Reads of the outbox for staff (what failed for good and what is late) and of each person's
in-portal notifications."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .models import DeferredTask, Notification, OutgoingEmail


def notifications_of(user) -> QuerySet[Notification]:
    """The person's own notifications, newest first: the only ones they can open."""
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    """The number in the header's badge: one COUNT over the partial index of unread rows."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


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
