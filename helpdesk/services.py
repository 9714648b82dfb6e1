"""Writes of the help desk: opening a request (routed and given its due date), answering it,
replying, closing, reopening, rating it; the national team's proposals and questions."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from puls.accounts.models import User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.documents.services import document_create
from puls.notifications.services import email_queue, site_url
from puls.reference.models import County
from puls.workdays import add_working_days
from puls.workflow import transition, transition_begin, transition_check

from . import selectors
from .models import (
    NATIONAL_CATEGORIES,
    RESPONSE_TARGET_WORKING_DAYS,
    Category,
    FaqEntry,
    HelpRequest,
    Message,
    Proposal,
)


def due_date_for(category: str, *, start: datetime.date | None = None) -> datetime.date:
    """The day an answer is due: the category's target in working days after ``start``."""
    return add_working_days(start or timezone.localdate(), RESPONSE_TARGET_WORKING_DAYS[category])


def requester_link(help_request: HelpRequest) -> str:
    """Where the requester follows the thread: "My requests" when signed in, else the private
    link (whoever holds it sees the thread, so it goes only to the contact address)."""
    if help_request.requester_id:
        return site_url(reverse("helpdesk:my_request", args=[help_request.pk]))
    return site_url(reverse("helpdesk:track", args=[help_request.token]))


def _email_requester(
    help_request: HelpRequest, *, subject: str, template: str, **context: object
) -> None:
    """An e-mail to the requester, in the language they wrote in."""
    with translation.override(help_request.language):
        body = render_to_string(
            template,
            {"help_request": help_request, "link": requester_link(help_request), **context},
        )
        email_queue(
            to=[help_request.reply_to],
            subject=f"[PULS] {_(subject)} {help_request.reference}",
            body=body,
            recipient_user=help_request.requester,
        )


def _require_handler(help_request: HelpRequest, by: User) -> None:
    if not selectors.requests_handled_by(by).filter(pk=help_request.pk).exists():
        raise PermissionDenied(_("This request is answered by another team."))


def _require_requester(help_request: HelpRequest, by: User | None) -> None:
    """The signed-in requester, or (``by`` None) the holder of the private link of a request
    opened without an account."""
    if help_request.requester_id != (by.pk if by is not None else None):
        raise PermissionDenied(_("Only the person who opened the request can do this."))


@transaction.atomic
def help_request_open(
    *,
    category: str,
    description: str,
    page: str = "",
    county: County | None = None,
    contact_email: str = "",
    requester: User | None = None,
    uploaded_file: File | None = None,
    language: str,
    ip: str | None = None,
) -> HelpRequest:
    """Open a request: routed to the national team (technical problems, suggestions) or to the
    agency of the requester's county (their own when PULS knows it, else the one they chose);
    due in the category's target of working days; acknowledged by e-mail."""
    if uploaded_file is not None and requester is None:
        raise ValidationError({"attachment": _("Sign in to attach a file.")})
    if requester is not None:
        contact_email = ""
        county = selectors.requester_county(requester) or county
    if category in NATIONAL_CATEGORIES:
        agency = None
    elif county is None:
        raise ValidationError({"county": _("Choose the county of the agency that should answer.")})
    else:
        agency = selectors.agency_of_county(county)
    help_request = HelpRequest(
        category=category,
        description=description,
        page=page,
        county=county,
        contact_email=contact_email,
        requester=requester,
        agency=agency,
        language=language,
        due_date=due_date_for(category),
    )
    help_request.full_clean()
    help_request.save()
    transition_begin(help_request, by=requester)
    if category == Category.SUGGESTION:
        proposal = Proposal.objects.create(help_request=help_request)
        transition_begin(proposal, by=requester)
    audit_record(actor=requester, action=AuditEntry.Action.CREATE, target=help_request, ip=ip)
    _email_requester(
        help_request,
        subject=gettext_noop("Your request was received"),
        template="helpdesk/emails/received.txt",
    )
    if uploaded_file is not None and requester is not None:
        # document_create writes the file: last, as its docstring asks.
        help_request.attachment = document_create(
            owner=requester, uploaded_file=uploaded_file, kind=_("Help request")[:100]
        )
        help_request.save(update_fields=["attachment"])
    return help_request


@transaction.atomic
def help_request_answer(*, help_request: HelpRequest, body: str, by: User) -> Message:
    """Staff answer a request awaiting an answer: the message joins the thread and goes to the
    requester by e-mail."""
    _require_handler(help_request, by)
    transition_check(help_request, to=HelpRequest.Status.ANSWERED)
    message = Message(help_request=help_request, author=by, from_staff=True, body=body)
    message.full_clean()
    message.save()
    fields = []
    if help_request.first_response_at is None:
        help_request.first_response_at = message.created_at
        fields.append("first_response_at")
    transition(help_request, to=HelpRequest.Status.ANSWERED, by=by, update_fields=fields)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=help_request)
    _email_requester(
        help_request,
        subject=gettext_noop("An answer to your request"),
        template="helpdesk/emails/answered.txt",
        message=message,
    )
    return message


@transaction.atomic
def help_request_reply(
    *, help_request: HelpRequest, body: str, by: User | None, ip: str | None = None
) -> Message:
    """The requester writes again. An answered or closed request goes back to the queue (a
    closed one is reopened) with a new due date; one awaiting an answer just gets the message."""
    _require_requester(help_request, by)
    message = Message(help_request=help_request, author=by, body=body)
    message.full_clean()
    message.save()
    if help_request.status != HelpRequest.Status.NEW:
        reopening = help_request.status == HelpRequest.Status.CLOSED
        help_request.due_date = due_date_for(help_request.category)
        help_request.closed_at = None
        transition(
            help_request,
            to=HelpRequest.Status.NEW,
            by=by,
            reason="reopened" if reopening else "replied",
            update_fields=["due_date", "closed_at"],
        )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=help_request, ip=ip)
    return message


@transaction.atomic
def help_request_close(
    *, help_request: HelpRequest, by: User | None, by_staff: bool, ip: str | None = None
) -> HelpRequest:
    """Close a request, by the staff who answer it or by its requester. The requester is then
    asked, once, how satisfied they are (by e-mail when staff closed it)."""
    if by_staff:
        if by is None:
            raise PermissionDenied(_("This request is answered by another team."))
        _require_handler(help_request, by)
    else:
        _require_requester(help_request, by)
    help_request.closed_at = timezone.now()
    transition(help_request, to=HelpRequest.Status.CLOSED, by=by, update_fields=["closed_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=help_request, ip=ip)
    if by_staff:
        _email_requester(
            help_request,
            subject=gettext_noop("Your request was closed"),
            template="helpdesk/emails/closed.txt",
        )
    return help_request


@transaction.atomic
def help_request_rate(
    *,
    help_request: HelpRequest,
    rating: int,
    comment: str = "",
    by: User | None,
    ip: str | None = None,
) -> HelpRequest:
    """The requester's satisfaction with a closed request, 1 to 5, given once."""
    _require_requester(help_request, by)
    # Locked, so that two clicks cannot both pass the "not rated yet" check.
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if locked.status != HelpRequest.Status.CLOSED:
        raise ValidationError(_("A request can be rated once it is closed."), code="not_closed")
    if locked.rating is not None:
        raise ValidationError(_("You have already rated this request."), code="already_rated")
    locked.rating, locked.rating_comment, locked.rated_at = rating, comment, timezone.now()
    locked.full_clean()
    locked.save(update_fields=["rating", "rating_comment", "rated_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=locked, ip=ip)
    return locked


@transaction.atomic
def proposal_move(*, proposal: Proposal, to: str, note: str, by: User) -> Proposal:
    """The national team moves a proposal along its list (analysed, planned, done, declined),
    with a note that says why."""
    if not selectors.is_national_team(by):
        raise PermissionDenied(_("Only the national team manages the proposals."))
    transition_check(proposal, to=to)
    proposal.note = note
    proposal.updated_at = timezone.now()
    proposal.full_clean()
    transition(proposal, to=to, by=by, reason=note, update_fields=["note", "updated_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=proposal)
    return proposal


@transaction.atomic
def faq_save(*, entry: FaqEntry, by: User) -> FaqEntry:
    """Add or change a frequently asked question (the national team)."""
    if not selectors.is_national_team(by):
        raise PermissionDenied(_("Only the national team edits the frequently asked questions."))
    creating = entry.pk is None
    entry.updated_by, entry.updated_at = by, timezone.now()
    entry.full_clean()
    entry.save()
    action = AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE
    audit_record(actor=by, action=action, target=entry)
    return entry


@transaction.atomic
def faq_delete(*, entry: FaqEntry, by: User) -> None:
    if not selectors.is_national_team(by):
        raise PermissionDenied(_("Only the national team edits the frequently asked questions."))
    audit_record(actor=by, action=AuditEntry.Action.DELETE, target=entry)
    entry.delete()
