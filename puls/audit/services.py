"""Recording audit entries: one INSERT per call, cheap enough for every dossier view."""

import ipaddress
import re

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry

# Any run of 13 or more digits could be a CNP: it never goes into the trail.
_POSSIBLE_CNP = re.compile(r"\d{13,}")
_REPR_LENGTH = AuditEntry._meta.get_field("target_repr").max_length
_PATH_LENGTH = AuditEntry._meta.get_field("path").max_length


def _safe_repr(target):
    return _POSSIBLE_CNP.sub("…", str(target))[:_REPR_LENGTH]


def _client_ip(request):
    # Only REMOTE_ADDR: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    address = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def audit_record(*, actor, action, target=None, request=None):
    """Record that ``actor`` did ``action`` (an AuditEntry.Action) to ``target`` (a saved model
    instance, or None for actions without an object).

    ``actor`` may be None or an anonymous user for the system or a visitor. With a request, its
    client address and path (never its query string, which may carry personal data) are kept.
    Makes one query: the content type comes from ContentType's cache. full_clean() is skipped on
    purpose: it would query the actor and the content type, and every value here is built by code.
    """
    if actor is not None and not actor.is_authenticated:
        actor = None
    entry = AuditEntry(actor=actor, action=AuditEntry.Action(action))
    if target is not None:
        if target.pk is None:
            raise ValueError("An audit target must be saved first.")
        entry.target_content_type = ContentType.objects.get_for_model(target)
        entry.target_object_id = str(target.pk)
        entry.target_repr = _safe_repr(target)
    if request is not None:
        entry.ip = _client_ip(request)
        entry.path = request.path[:_PATH_LENGTH]
    entry.save(force_insert=True)
    return entry
