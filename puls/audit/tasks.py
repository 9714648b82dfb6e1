"""Record keeping: the daily purge of audit entries and sent e-mails past their retention period."""

from celery import shared_task

from puls.notifications.services import emails_purge_expired

from .services import audit_purge_expired


@shared_task
def apply_retention_periods():
    """Idempotent: a second run the same day finds nothing left to delete."""
    return {"sent_email": emails_purge_expired(), "audit": audit_purge_expired()}
