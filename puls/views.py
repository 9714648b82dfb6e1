"""The toolkit every app's views share: report a service's outcome (a flash message, or errors on
the form that was posted), paginate a list, send a file to download, audit what a page showed."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header

from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.http import client_ip

PAGE_SIZE = 25


class Outcome:
    """What ``reported`` saw: ``ok`` turns False when the service refused."""

    ok = True


@contextmanager
def reported(
    request: HttpRequest,
    success: str | None = None,
    *,
    form: forms.BaseForm | None = None,
    field: str | None = None,
) -> Iterator[Outcome]:
    """Run a service call inside the block. A refusal (ValidationError, or PermissionDenied for an
    action the user may not take on this object) goes on ``form`` when one is given (a refusal
    that names no field on ``field``, or above the form), otherwise becomes an error message on
    the next page; a success shows ``success`` (if given). The yielded ``Outcome`` tells the view
    which page to go to next."""
    outcome = Outcome()
    try:
        yield outcome
    except (ValidationError, PermissionDenied) as error:
        outcome.ok = False
        if form is None:
            flash_error(request, error)
        else:
            form_errors(form, error, field=field)
    else:
        if success is not None:
            messages.success(request, success)


def error_messages(error: ValidationError | PermissionDenied) -> list[str]:
    """The messages of a refusal, whichever exception carried it."""
    return error.messages if isinstance(error, ValidationError) else [str(error)]


def flash_error(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    messages.error(request, " ".join(error_messages(error)))


def form_errors(
    form: forms.BaseForm, error: ValidationError | PermissionDenied, *, field: str | None = None
) -> None:
    """Put a refusal on the form: on the fields it names, everything else on ``field`` (the one
    the service judged) or, without one, above the form."""
    if hasattr(error, "error_dict"):
        for name, field_errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, field_errors)
    else:
        form.add_error(field, error_messages(error))


def posted_values(form: forms.BaseForm) -> dict[str, Any]:
    """Every field of a bound form, as cleaned, or "" where the value is missing or invalid: for
    a service that refuses an empty value with its own message (the reason a plan closes)."""
    form.is_valid()
    return {name: form.cleaned_data.get(name, "") for name in form.fields}


class CappedPaginator(Paginator):
    """A paginator that counts at most ``limit`` items, so that a broad search does not read every
    matching row for its count: ``count`` is at most ``limit`` (the pages reach that far) and
    ``capped`` says whether more items match."""

    def __init__(self, object_list: Any, per_page: int, *, limit: int) -> None:
        super().__init__(object_list, per_page)
        self.limit = limit
        self.capped = False

    @cached_property
    def count(self) -> int:
        items = self.object_list
        if isinstance(items, QuerySet):
            counted = items.order_by()[: self.limit + 1].count()
        else:
            counted = len(items)
        self.capped = counted > self.limit
        return min(counted, self.limit)


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    *,
    per_page: int = PAGE_SIZE,
    count_limit: int | None = None,
) -> Page:
    """The page of ``items`` that ?page= asks for (the last one when past the end, the first when
    it is not a number). ``page_numbers`` lists the pages the pagination include links to: the
    first and last, two either side of this one, and ``Paginator.ELLIPSIS`` for each gap. With
    ``count_limit``, at most that many items are counted (``page.paginator.capped``: more match)."""
    paginator = (
        Paginator(items, per_page)
        if count_limit is None
        else CappedPaginator(items, per_page, limit=count_limit)
    )
    page = paginator.get_page(request.GET.get("page"))
    page.page_numbers = list(  # type: ignore[attr-defined]  # read by the pagination include
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page


def attachment(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """A response the browser saves as ``filename`` instead of showing it (a non-ASCII name is
    encoded as RFC 6266 says)."""
    return HttpResponse(
        content,
        content_type=content_type,
        headers={"Content-Disposition": content_disposition_header(True, filename)},
    )


def audit_read(
    request: HttpRequest, action: str = AuditEntry.Action.VIEW, target: Model | None = None
) -> AuditEntry:
    """Record that the signed-in user saw (viewed, downloaded, exported, revealed) ``target``
    through this request: one audit row with the client's address and the path (never the query
    string, which may carry personal data)."""
    return audit_record(
        actor=request.user, action=action, target=target, ip=client_ip(request), path=request.path
    )
