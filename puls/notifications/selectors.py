"""Reads of the outbox for staff (what failed for good and what is late) and of each person's
in-portal notifications."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from puls.accounts.models import User

from .models import DeferredTask, Notification, OutgoingEmail


def notifications_of(user: User) -> QuerySet[Notification]:
    """The person's own notifications, newest first: the only ones they can open."""
    return Notification.objects.filter(user=user)


def unread_count(user: User | AnonymousUser | None) -> int:
    """The number in the header's badge: one COUNT over the partial index of unread rows."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()


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
