"""Sent e-mail and audit rows are kept only for their documented retention period."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from puls.audit import tasks
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.notifications.models import OutgoingEmail
from puls.notifications.services import email_queue
from tests.jobseekers.factories import JobseekerProfileFactory

pytestmark = pytest.mark.django_db


def _days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_sent_emails_and_audit_rows_past_their_retention_period_are_purged_once():
    email_days = settings.PULS_RETENTION["sent_email"]["days"]
    audit_days = settings.PULS_RETENTION["audit"]["days"]
    old = email_queue(to=["a@example.ro"], subject="old", body="x")
    recent = email_queue(to=["a@example.ro"], subject="recent", body="x")
    never_sent = email_queue(to=["a@example.ro"], subject="stuck", body="x")
    OutgoingEmail.objects.filter(pk=old.pk).update(
        created_at=_days_ago(email_days + 2), sent_at=_days_ago(email_days + 1)
    )
    OutgoingEmail.objects.filter(pk=never_sent.pk).update(
        created_at=_days_ago(email_days + 1), sent_at=None
    )
    profile = JobseekerProfileFactory()
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    audit_record(actor=profile.user, action=AuditEntry.Action.VIEW, target=profile)
    audit_record(actor=profile.user, action=AuditEntry.Action.VIEW, target=profile)
    old_entry, recent_entry = sorted(set(AuditEntry.objects.values_list("pk", flat=True)) - before)
    AuditEntry.objects.filter(pk=old_entry).update(at=_days_ago(audit_days + 1))

    tasks.apply_retention_periods()
    tasks.apply_retention_periods()  # idempotent: the second run finds nothing to do

    kept = set(OutgoingEmail.objects.values_list("pk", flat=True))
    assert recent.pk in kept and not {old.pk, never_sent.pk} & kept
    kept_entries = set(AuditEntry.objects.values_list("pk", flat=True))
    assert recent_entry in kept_entries and old_entry not in kept_entries


def test_retention_periods_are_documented_with_their_legal_basis():
    for rule in settings.PULS_RETENTION.values():
        assert rule["days"] > 0
        assert "GDPR art. 5(1)(e)" in rule["basis"]
