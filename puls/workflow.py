"""The one lifecycle engine (STYLE.md, convention 5): each model declares its lifecycle as data,
`transition()` checks, saves and logs every status change.

A model with a lifecycle has a `status` field and a table of the allowed changes::

    class Vacancy(models.Model):
        TRANSITIONS = {
            VacancyStatus.SUBMITTED: {VacancyStatus.DRAFT, VacancyStatus.RETURNED},  # to: {from}
            VacancyStatus.PUBLISHED: {VacancyStatus.SUBMITTED},
        }

and its log subclasses `TransitionLog`, pointing at it with `TransitionLog.subject(Vacancy)`
(the reverse accessor `transitions` is how the engine finds the log) and declaring its status
columns with `from_status, to_status = TransitionLog.statuses(Vacancy)`.

A refusal names the object and both statuses in the reader's language; a lifecycle may give a
target status its own wording in `TRANSITION_REFUSALS = {status: message}`.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from puls.accounts.models import User

LOG_ACCESSOR = "transitions"
# A model instance with a `status` field and a TRANSITIONS table: models differ, so untyped.
Lifecycle = Any


class TransitionRefused(ValidationError):
    """A status change the object's lifecycle does not allow from its current status."""


class TransitionLog(models.Model):
    """One status change of one object: who, when, from, to and why."""

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
    # Declared by each log with `statuses()`.
    from_status: str
    to_status: str

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"

    @staticmethod
    def subject(model: type[models.Model] | str, **options: Any) -> models.ForeignKey:
        """The foreign key to the object whose life this log records."""
        return models.ForeignKey(
            model, on_delete=models.CASCADE, related_name=LOG_ACCESSOR, **options
        )

    @staticmethod
    def statuses(model: type[models.Model]) -> tuple[models.CharField, models.CharField]:
        """The `from_status` and `to_status` columns, shaped like the model's status field;
        `from_status` is empty on the row that records the object's creation."""
        status = model._meta.get_field("status")
        if not isinstance(status, models.CharField):
            raise TypeError(f"{model.__name__}.status must be a CharField to have a lifecycle.")
        return (
            models.CharField(
                _("from"), max_length=status.max_length, choices=status.choices, blank=True
            ),
            models.CharField(_("to"), max_length=status.max_length, choices=status.choices),
        )


def _log_model(obj: Lifecycle) -> Any:
    return obj._meta.get_field(LOG_ACCESSOR)


def _label(obj: Lifecycle, status: str) -> str:
    return str(dict(obj._meta.get_field("status").flatchoices).get(status, status))


def transition_allowed(obj: Lifecycle, *, to: str) -> bool:
    return obj.status in type(obj).TRANSITIONS.get(to, ())


def transition_check(obj: Lifecycle, *, to: str, sources: Iterable[str] | None = None) -> None:
    """Refuse (TransitionRefused) unless `obj` may go from its status to `to`. Services call it
    first when the state decides before their other rules; `transition` checks again anyway.

    `sources` narrows the table for a service that takes only some of the declared sources (a
    plan is issued from a draft, while adding a measure issues an acknowledged plan again); it
    names statuses of the table, never adds to it."""
    declared = type(obj).TRANSITIONS.get(to, set())
    if sources is not None and not set(sources) <= declared:
        raise ValueError(f"{sorted(set(sources) - declared)} are not declared sources of {to!r}.")
    if obj.status in declared and (sources is None or obj.status in sources):
        return
    message = getattr(type(obj), "TRANSITION_REFUSALS", {}).get(to)
    if message is None:
        message = gettext("%(object)s: the status cannot change from “%(from)s” to “%(to)s”.") % {
            "object": capfirst(obj._meta.verbose_name),
            "from": _label(obj, obj.status),
            "to": _label(obj, to),
        }
    raise TransitionRefused(message, code="transition_refused")


def _log(obj: Lifecycle, *, from_status: str, by: User | None, reason: str) -> "TransitionLog":
    relation = _log_model(obj)
    return relation.related_model.objects.create(
        **{relation.field.name: obj},
        from_status=from_status,
        to_status=obj.status,
        by=by,
        reason=reason,
    )


def transition(
    obj: Lifecycle, *, to: str, by: User | None, reason: str = "", update_fields: Iterable[str] = ()
) -> "TransitionLog":
    """Move `obj` to status `to` if its table allows it: save the status (with the other
    `update_fields` the caller changed) and write the log row. Returns the log row."""
    transition_check(obj, to=to)
    from_status, obj.status = obj.status, to
    obj.save(update_fields=["status", *update_fields])
    return _log(obj, from_status=from_status, by=by, reason=reason)


def transition_begin(obj: Lifecycle, *, by: User | None, reason: str = "") -> "TransitionLog":
    """Write the log row of a new object's first status (from nothing)."""
    return _log(obj, from_status="", by=by, reason=reason)
