"""Reads of the audit trail: the history of an object, and what a user did."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet

from puls.accounts.models import User

from .models import AuditEntry


def audit_trail_for(obj: Model) -> QuerySet[AuditEntry]:
    """Entries about ``obj``, newest first, with their actor loaded ("who opened my dossier")."""
    return (
        AuditEntry.objects.filter(
            target_content_type=ContentType.objects.get_for_model(obj),
            target_object_id=str(obj.pk),
        )
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def audit_entries_by(user: User) -> QuerySet[AuditEntry]:
    """What ``user`` did, newest first."""
    return (
        AuditEntry.objects.filter(actor=user)
        .select_related("target_content_type")
        .order_by("-at", "-pk")
    )
