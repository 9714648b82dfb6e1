"""Recording audit entries: one INSERT per call (or per list page), cheap enough for every view."""

import datetime
import re
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone

from puls.accounts.models import User

from .models import AuditEntry

# Any run of 13 or more digits could be a CNP: it never goes into the trail.
_POSSIBLE_CNP = re.compile(r"\d{13,}")
_REPR_LENGTH = AuditEntry._meta.get_field("target_repr").max_length
_PATH_LENGTH = AuditEntry._meta.get_field("path").max_length


def _safe_repr(target: Model) -> str:
    return _POSSIBLE_CNP.sub("…", str(target))[:_REPR_LENGTH]


def audit_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    target: Model | None = None,
    ip: str | None = None,
    path: str = "",
) -> AuditEntry:
    """Record that ``actor`` did ``action`` (an AuditEntry.Action) to ``target`` (a saved model
    instance, or None for actions without an object).

    ``actor`` may be None or an anonymous user for the system or a visitor. ``ip`` is the client's
    address (``puls.http.client_ip``) and ``path`` the request's path, never its query string,
    which may carry personal data; both stay empty for tasks and commands.
    Makes one query: the content type comes from ContentType's cache. full_clean() is skipped on
    purpose: it would query the actor and the content type, and every value here is built by code.
    """
    if actor is not None and not actor.is_authenticated:
        actor = None
    entry = AuditEntry(
        actor=actor, action=AuditEntry.Action(action), ip=ip, path=path[:_PATH_LENGTH]
    )
    if target is not None:
        if target.pk is None:
            raise ValueError("An audit target must be saved first.")
        entry.target_content_type = ContentType.objects.get_for_model(target)
        entry.target_object_id = str(target.pk)
        entry.target_repr = _safe_repr(target)
    entry.save(force_insert=True)
    return entry


def audit_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the audit entries past their retention period (settings.PULS_RETENTION)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.PULS_RETENTION["audit"]["days"]
    )
    deleted, _by_model = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted


def audit_listing(
    *,
    actor: User | AnonymousUser | None,
    targets: Iterable[Model | None],
    ip: str | None = None,
    path: str = "",
) -> list[AuditEntry]:
    """Record that ``actor`` saw ``targets`` (saved model instances, usually the people whose
    names, e-mails or CNPs a list page shows) on one page: one ``list`` row per target, so that
    each appears in that object's own trail ("who saw me"), written by a single INSERT.

    Duplicates are dropped; for a target, an unsaved instance with just its pk (e.g.
    ``JobseekerProfile(pk=row.profile_id)``) avoids loading it only to audit it.
    """
    if actor is not None and not actor.is_authenticated:
        actor = None
    entries: dict[tuple[int, object], AuditEntry] = {}
    for target in targets:
        if target is None or target.pk is None:
            continue
        content_type = ContentType.objects.get_for_model(target)
        entries.setdefault(
            (content_type.pk, target.pk),
            AuditEntry(
                actor=actor,
                action=AuditEntry.Action.LIST,
                target_content_type=content_type,
                target_object_id=str(target.pk),
                target_repr=_safe_repr(target),
                ip=ip,
                path=path[:_PATH_LENGTH],
            ),
        )
    return AuditEntry.objects.bulk_create(entries.values()) if entries else []
