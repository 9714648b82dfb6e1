"""Every write of the network: membership, meetings and their notices, answers, minutes,
library, discussion groups, API tokens, proposals and activity reports."""

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employers import selectors as employer_selectors
from jobseekers import selectors as jobseeker_selectors
from puls.accounts.models import Role, User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.documents.models import Document
from puls.documents.services import document_create
from puls.formatting import weekday_datetime
from puls.notifications.services import task_defer, users_notify
from puls.workflow import transition, transition_begin, transition_check

from . import notices, selectors
from .models import (
    Action,
    AgendaItem,
    ApiToken,
    Attendee,
    Decision,
    DiscussionGroup,
    EventRegistration,
    ImprovementProposal,
    ItemDiscussion,
    JointProject,
    JointProjectParticipant,
    LibraryItem,
    Meeting,
    MemberEvent,
    Minutes,
    NoticeKind,
    Organisation,
    Reply,
    Representative,
    Rsvp,
    Tag,
    Thread,
    search_key,
)

NOTICE_PERIOD = timedelta(days=5)
TOKEN_PREFIX = "puls_"


class NetworkError(ValidationError):
    """A refused network action; its message is shown to the person as it is."""


# --- Members ---------------------------------------------------------------------------------


def _check_can_represent(user: User) -> None:
    if user.is_superuser or user.role in Role.staff_roles():
        raise NetworkError(_("SPO staff take part in the network through their own role."))
    if Representative.objects.filter(user=user, ended_at__isnull=True).exists():
        raise NetworkError(_("This person already represents an organisation."))


def _check_can_be_nominated(user: User) -> None:
    """Someone else nominates this account: it must have nothing that becoming a network member
    would take away (a jobseeker dossier, a company), since its role changes without its say."""
    _check_can_represent(user)
    if (
        jobseeker_selectors.profile_of(user) is not None
        or employer_selectors.companies_of(user).exists()
    ):
        raise NetworkError(
            _(
                "This account belongs to a jobseeker or to a company representative, so it cannot be "
                "nominated. Ask the person to create a separate account for the network."
            )
        )


@transaction.atomic
def organisation_apply(
    *,
    user: User,
    organisation_data: dict[str, Any],
    representative_data: dict[str, Any],
    agreement_file: File,
) -> Organisation:
    """The adhesion form: a signed-in person applies for an organisation and is its first
    representative. Staff then approve or refuse it."""
    _check_can_represent(user)
    organisation = Organisation(**organisation_data, submitted_by=user)
    organisation.full_clean(exclude=["agreement"])
    representative = Representative(user=user, **representative_data)
    representative.full_clean(exclude=["organisation"])
    organisation.agreement = document_create(
        owner=user, uploaded_file=agreement_file, kind=_("Partnership agreement")
    )
    organisation.save()
    transition_begin(organisation, by=user)
    representative.organisation = organisation
    representative.save()
    audit_record(actor=user, action=AuditEntry.Action.CREATE, target=organisation)
    return organisation


def _make_member(user: User) -> None:
    if user.role != Role.NETWORK_MEMBER and not user.is_superuser:
        user.role = Role.NETWORK_MEMBER
        user.save(update_fields=["role"])


@transaction.atomic
def organisation_approve(*, organisation: Organisation, by: User) -> Organisation:
    organisation.joined_at = timezone.now()
    transition(organisation, to=Organisation.Status.APPROVED, by=by, update_fields=["joined_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=organisation)
    for representative in organisation.representatives.filter(ended_at__isnull=True):
        _make_member(representative.user)
    _notify_organisation(
        organisation,
        "network/emails/organisation_approved.txt",
        _("Your organisation joined the partner network"),
    )
    return organisation


@transaction.atomic
def organisation_refuse(*, organisation: Organisation, by: User, reason: str) -> Organisation:
    transition(organisation, to=Organisation.Status.REFUSED, by=by, reason=reason)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=organisation)
    _end_representations(organisation, reason=_("Membership refused"))
    _notify_organisation(
        organisation,
        "network/emails/organisation_refused.txt",
        _("Your adhesion to the partner network was refused"),
        reason=reason,
    )
    return organisation


@transaction.atomic
def organisation_remove(*, organisation: Organisation, by: User, reason: str) -> Organisation:
    organisation.left_at = timezone.now()
    transition(
        organisation,
        to=Organisation.Status.REMOVED,
        by=by,
        reason=reason,
        update_fields=["left_at"],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=organisation)
    _end_representations(organisation, reason=_("Organisation left the network"))
    return organisation


def _end_representations(organisation: Organisation, *, reason: str) -> None:
    organisation.representatives.filter(ended_at__isnull=True).update(
        ended_at=timezone.now(), end_reason=reason
    )


def _notify_organisation(
    organisation: Organisation, template: str, subject: str, **context: Any
) -> None:
    from django.template.loader import render_to_string

    from puls.notifications.services import email_queue

    body = render_to_string(template, {"organisation": organisation, **context})
    email_queue(to=[organisation.email], subject=subject, body=body)


@transaction.atomic
def representative_replace(
    *,
    representative: Representative,
    user: User,
    representative_data: dict[str, Any],
    by: User,
    reason: str = "",
) -> Representative:
    """Replace a representative with another person; the old row stays as history."""
    if representative.ended_at is not None:
        raise NetworkError(_("This representative was already replaced."))
    _check_can_be_nominated(user)
    new = Representative(organisation=representative.organisation, user=user, **representative_data)
    new.full_clean()
    new.save()
    representative.ended_at = new.started_at
    representative.replaced_by = new
    representative.end_reason = reason or _("Replaced")
    representative.save(update_fields=["ended_at", "replaced_by", "end_reason"])
    if representative.organisation.status == Organisation.Status.APPROVED:
        _make_member(user)
    _notify_nominated(new, by=by)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=representative.organisation)
    return new


@transaction.atomic
def representative_add(
    *, organisation: Organisation, user: User, representative_data: dict[str, Any], by: User
) -> Representative:
    if organisation.status != Organisation.Status.APPROVED:
        raise NetworkError(_("Representatives are added to member organisations only."))
    _check_can_be_nominated(user)
    new = Representative(organisation=organisation, user=user, **representative_data)
    new.full_clean()
    new.save()
    _make_member(user)
    _notify_nominated(new, by=by)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=organisation)
    return new


@transaction.atomic
def organisation_public_profile_update(
    *, organisation: Organisation, by: User, data: dict[str, Any]
) -> Organisation:
    """A representative sets what the public list of members shows of the organisation."""
    if organisation.status != Organisation.Status.APPROVED:
        raise NetworkError(_("Only member organisations appear on the public list."))
    fields = ["public_offer", "publish_email", "publish_phone", "publish_website"]
    for field in fields:
        setattr(organisation, field, data[field])
    organisation.full_clean()
    organisation.save(update_fields=fields)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=organisation)
    return organisation


def _notify_nominated(representative: Representative, *, by: User) -> None:
    """The nominated person learns of it at once, and whom to ask if it is a mistake."""
    users_notify(
        users=[representative.user],
        subject=lambda: (
            _("You represent %(organisation)s in the partner network")
            % {"organisation": representative.organisation.name}
        ),
        message=lambda: (
            _(
                "%(by)s nominated you as a representative of %(organisation)s in the PULS partner "
                "network. If this is a mistake, reply to your agency so that the nomination is ended."
            )
            % {"by": by, "organisation": representative.organisation.name}
        ),
        link=reverse("network:dashboard"),
    )


def proposal_create(*, representative: Representative, text: str) -> ImprovementProposal:
    proposal = ImprovementProposal(
        organisation=representative.organisation, author=representative.user, text=text
    )
    proposal.full_clean()
    proposal.save()
    return proposal


# --- Meetings --------------------------------------------------------------------------------


def earliest_publishable_start(now: datetime.datetime | None = None) -> datetime.datetime:
    """A meeting published now may start at this moment or later (5 full days' notice)."""
    return (now or timezone.now()) + NOTICE_PERIOD


def _check_notice_period(meeting: Meeting, now: datetime.datetime) -> None:
    earliest = earliest_publishable_start(now)
    if meeting.starts_at < earliest:
        raise NetworkError(
            _(
                "Meetings must be announced at least 5 full days before they start. Published "
                "now, this meeting could start on %(earliest)s at the earliest."
            )
            % {"earliest": weekday_datetime(earliest)}
        )


def _agenda_signature(meeting: Meeting) -> list[tuple[str, str, int]]:
    return [
        (item.title, item.presenter, item.duration_minutes)
        for item in meeting.agenda_items.order_by("position", "pk")
    ]


def _replace_agenda(meeting: Meeting, agenda: Iterable[Mapping[str, Any]]) -> None:
    meeting.agenda_items.all().delete()
    items = []
    for position, entry in enumerate(agenda, start=1):
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=entry["title"],
            presenter=entry.get("presenter", ""),
            duration_minutes=entry["duration_minutes"],
        )
        item.full_clean(exclude=["meeting"])
        items.append(item)
    AgendaItem.objects.bulk_create(items)


def _check_agenda(agenda: Iterable[Mapping[str, Any]]) -> None:
    if not agenda:
        raise NetworkError(_("A meeting needs at least one agenda item."))


@transaction.atomic
def meeting_create(
    *, organiser: User, data: dict[str, Any], agenda: Iterable[Mapping[str, Any]]
) -> Meeting:
    _check_agenda(agenda)
    meeting = Meeting(organiser=organiser, **data)
    meeting.full_clean()
    meeting.save()
    _replace_agenda(meeting, agenda)
    audit_record(actor=organiser, action=AuditEntry.Action.CREATE, target=meeting)
    return meeting


_NOTIFIED_FIELDS = ("starts_at", "ends_at", "location", "online_url")


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    data: dict[str, Any],
    agenda: Iterable[Mapping[str, Any]],
    by: User,
    now: datetime.datetime | None = None,
) -> Meeting:
    """Edit a meeting. A published meeting whose date, place or agenda changes gets a new
    version and every representative an update notice."""
    now = now or timezone.now()
    if meeting.status == Meeting.Status.CANCELLED:
        raise NetworkError(_("A cancelled meeting cannot be changed."))
    if meeting.status == Meeting.Status.PUBLISHED and meeting.starts_at <= now:
        raise NetworkError(_("A meeting that has started cannot be changed."))
    _check_agenda(agenda)
    before = {field: getattr(meeting, field) for field in _NOTIFIED_FIELDS}
    agenda_before = _agenda_signature(meeting)
    for field, value in data.items():
        setattr(meeting, field, value)
    meeting.full_clean()
    published = meeting.status == Meeting.Status.PUBLISHED
    if published and meeting.starts_at != before["starts_at"]:
        _check_notice_period(meeting, now)
    meeting.save()
    _replace_agenda(meeting, agenda)
    changed = any(getattr(meeting, f) != before[f] for f in _NOTIFIED_FIELDS) or (
        _agenda_signature(meeting) != agenda_before
    )
    if published and changed:
        Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1)
        meeting.refresh_from_db(fields=["version"])
        _schedule_notice(meeting, NoticeKind.UPDATE)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=meeting)
    return meeting


def _schedule_notice(meeting: Meeting, kind: str) -> None:
    from .tasks import send_meeting_notice

    task_defer(send_meeting_notice, meeting.pk, kind)


@transaction.atomic
def meeting_publish(*, meeting: Meeting, by: User, now: datetime.datetime | None = None) -> Meeting:
    now = now or timezone.now()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    transition_check(meeting, to=Meeting.Status.PUBLISHED)
    if not meeting.agenda_items.exists():
        raise NetworkError(_("A meeting needs at least one agenda item."))
    _check_notice_period(meeting, now)
    meeting.published_at = now
    transition(meeting, to=Meeting.Status.PUBLISHED, by=by, update_fields=["published_at"])
    _schedule_notice(meeting, NoticeKind.INVITATION)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=meeting)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by: User, reason: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    transition_check(meeting, to=Meeting.Status.CANCELLED)
    if meeting.starts_at <= timezone.now():
        raise NetworkError(_("A meeting that has started cannot be cancelled."))
    was_published = meeting.status == Meeting.Status.PUBLISHED
    meeting.cancelled_at = timezone.now()
    meeting.cancel_reason = reason
    transition(
        meeting,
        to=Meeting.Status.CANCELLED,
        by=by,
        reason=reason,
        update_fields=["cancelled_at", "cancel_reason"],
    )
    if was_published:
        _schedule_notice(meeting, NoticeKind.CANCELLATION)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=meeting)
    return meeting


@transaction.atomic
def meeting_attach(*, meeting: Meeting, uploaded_file: File, by: User) -> Document:
    if meeting.status == Meeting.Status.CANCELLED:
        raise NetworkError(_("A cancelled meeting cannot be changed."))
    document = document_create(owner=by, uploaded_file=uploaded_file, kind=str(meeting)[:100])
    meeting.documents.add(document)
    return document


def rsvp_answer(*, meeting: Meeting, representative: Representative, answer: str) -> Rsvp:
    if meeting.status != Meeting.Status.PUBLISHED:
        raise NetworkError(_("You can answer only for an announced meeting."))
    if meeting.starts_at <= timezone.now():
        raise NetworkError(_("This meeting has already started."))
    rsvp, _created = Rsvp.objects.update_or_create(
        meeting=meeting,
        user=representative.user,
        defaults={
            "answer": Rsvp.Answer(answer),
            "organisation": representative.organisation,
            "answered_at": timezone.now(),
        },
    )
    return rsvp


# --- Notices ---------------------------------------------------------------------------------


def meeting_notice_send(*, meeting_id: int, kind: str) -> int:
    """Send the ``kind`` notice of the meeting's current version to every representative who
    has not had it yet. Each person's delivery row is written in the same transaction as their
    e-mail row, so a run that dies half-way is finished by the next run, once per person."""
    from . import notices
    from .selectors import network_recipients

    meeting = Meeting.objects.get(pk=meeting_id)
    if kind == NoticeKind.MINUTES:
        minutes_pdf_ensure(minutes=meeting.minutes)
    done = meeting.deliveries.filter(kind=kind, version=meeting.version).values("recipient_id")
    sent = 0
    for recipient in network_recipients().exclude(pk__in=done):
        try:
            with transaction.atomic():
                delivery = meeting.deliveries.create(
                    recipient=recipient, kind=kind, version=meeting.version
                )
                delivery.email = notices.queue_meeting_notice(
                    meeting=meeting, recipient=recipient, kind=kind
                )
                delivery.save(update_fields=["email"])
        except IntegrityError:
            continue  # another run reached this person first
        sent += 1
    return sent


# --- Minutes ---------------------------------------------------------------------------------


@transaction.atomic
def minutes_start(*, meeting: Meeting, by: User) -> Minutes:
    """Open the minutes of a meeting that has started: the presence list is prefilled from
    the answers (those who said they would attend are ticked), one discussion per item."""
    if meeting.status != Meeting.Status.PUBLISHED or meeting.starts_at > timezone.now():
        raise NetworkError(_("Minutes are written for a published meeting once it has started."))
    minutes, created = Minutes.objects.get_or_create(meeting=meeting, defaults={"written_by": by})
    if not created:
        return minutes
    transition_begin(minutes, by=by)
    Attendee.objects.bulk_create(
        Attendee(
            minutes=minutes,
            user=rsvp.user,
            name=rsvp.user.get_full_name() or rsvp.user.email,
            organisation_name=rsvp.organisation.name,
            answered=rsvp.answer,
            present=rsvp.answer == Rsvp.Answer.ATTEND,
        )
        for rsvp in meeting.rsvps.select_related("user", "organisation")
    )
    ItemDiscussion.objects.bulk_create(
        ItemDiscussion(minutes=minutes, agenda_item=item) for item in meeting.agenda_items.all()
    )
    return minutes


def _check_draft(minutes: Minutes) -> None:
    if minutes.status != Minutes.Status.DRAFT:
        raise NetworkError(_("Approved minutes cannot be changed."))


@transaction.atomic
def minutes_update(
    *,
    minutes: Minutes,
    by: User,
    summary: str,
    presence: Mapping[int, bool],
    guests: Iterable[Mapping[str, Any]],
    discussions: Mapping[int, str],
    decisions: Iterable[str],
    actions: Iterable[Mapping[str, Any]],
) -> Minutes:
    """Save the minutes form.

    ``presence``: {attendee id: present}; ``guests``: [{"name", "organisation_name"}];
    ``discussions``: {agenda item id: text}; ``decisions``: [text];
    ``actions``: [{"description", "owner", "deadline", "status"}].
    """
    _check_draft(minutes)
    minutes.summary = summary
    minutes.save(update_fields=["summary"])
    for attendee in minutes.attendees.all():
        if attendee.pk in presence and attendee.present != presence[attendee.pk]:
            attendee.present = presence[attendee.pk]
            attendee.save(update_fields=["present"])
    for guest in guests:
        Attendee.objects.create(minutes=minutes, present=True, **guest)
    for discussion in minutes.discussions.all():
        if discussion.agenda_item_id in discussions:
            discussion.text = discussions[discussion.agenda_item_id]
            discussion.save(update_fields=["text"])
    minutes.decisions.all().delete()
    Decision.objects.bulk_create(Decision(minutes=minutes, text=text) for text in decisions)
    minutes.actions.all().delete()
    Action.objects.bulk_create(Action(minutes=minutes, **action) for action in actions)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=minutes.meeting)
    return minutes


@transaction.atomic
def minutes_approve(*, minutes: Minutes, by: User) -> Minutes:
    """The organiser approves the minutes; the PDF is made and sent to every representative."""
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if by.pk != minutes.meeting.organiser_id:
        raise NetworkError(_("Only the organiser of the meeting approves its minutes."))
    transition_check(minutes, to=Minutes.Status.APPROVED)
    if not minutes.attendees.filter(present=True).exists():
        raise NetworkError(_("Tick at least one person present before approving the minutes."))
    minutes.approved_by = by
    minutes.approved_at = timezone.now()
    transition(
        minutes, to=Minutes.Status.APPROVED, by=by, update_fields=["approved_by", "approved_at"]
    )
    _schedule_notice(minutes.meeting, NoticeKind.MINUTES)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=minutes.meeting)
    return minutes


@transaction.atomic
def minutes_pdf_ensure(*, minutes: Minutes) -> Document:
    """Render the approved minutes once and keep the PDF as a document of the organiser."""
    from django.core.files.base import ContentFile

    from .pdf import minutes_pdf

    if minutes.pdf is not None:
        return minutes.pdf
    if minutes.status != Minutes.Status.APPROVED:
        raise NetworkError(_("Only approved minutes are rendered."))
    content = ContentFile(minutes_pdf(minutes), name=f"proces-verbal-{minutes.meeting_id}.pdf")
    document = document_create(
        owner=minutes.meeting.organiser, uploaded_file=content, kind=_("Minutes")
    )
    updated = Minutes.objects.filter(pk=minutes.pk, pdf__isnull=True).update(pdf=document)
    if not updated:  # a concurrent run stored its PDF first
        document.delete()
    minutes.refresh_from_db(fields=["pdf"])
    assert minutes.pdf is not None  # this run's PDF, or the concurrent run's
    return minutes.pdf


@transaction.atomic
def action_set_status(*, action: Action, status: str, by: User) -> Action:
    """Follow an action of approved minutes up: done, dropped, or open again."""
    action = Action.objects.select_for_update().select_related("minutes__meeting").get(pk=action.pk)
    transition(action, to=Action.Status(status), by=by)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=action.minutes.meeting)
    return action


# --- Library ---------------------------------------------------------------------------------


def _tags_from(text: str) -> list[Tag]:
    names = {" ".join(name.split()).lower()[:50] for name in text.split(",")}
    return [Tag.objects.get_or_create(name=name)[0] for name in sorted(names) if name]


@transaction.atomic
def library_item_share(
    *,
    by: User,
    representative: Representative | None,
    data: dict[str, Any],
    tags_text: str,
    uploaded_file: File | None = None,
    url: str = "",
) -> LibraryItem:
    item = LibraryItem(
        shared_by=by,
        url=url,
        **data,
        organisation=representative.organisation if representative else None,
    )
    if bool(uploaded_file) == bool(url):
        raise NetworkError(_("Share either a file or a link."))
    item.full_clean(exclude=["document"])
    tags = _tags_from(tags_text)
    if uploaded_file:
        item.document = document_create(
            owner=by, uploaded_file=uploaded_file, kind=item.title[:100]
        )
    item.search_text = search_key(" ".join([item.title, item.summary, *(tag.name for tag in tags)]))
    item.save()
    item.tags.set(tags)
    return item


@transaction.atomic
def library_item_count_download(*, item: LibraryItem, by: User) -> None:
    LibraryItem.objects.filter(pk=item.pk).update(downloads=F("downloads") + 1)
    if item.document_id:
        audit_record(actor=by, action=AuditEntry.Action.DOWNLOAD, target=item.document)


# --- Discussion groups -----------------------------------------------------------------------


@transaction.atomic
def group_create(*, data: dict[str, Any], by: User) -> DiscussionGroup:
    group = DiscussionGroup(**data)
    group.full_clean()
    group.save()
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=group)
    return group


def group_follow(*, group: DiscussionGroup, user: User, follow: bool = True) -> None:
    if follow:
        group.followers.add(user)
    else:
        group.followers.remove(user)


@transaction.atomic
def thread_create(*, group: DiscussionGroup, author: User, title: str, body: str) -> Thread:
    from .tasks import notify_thread_followers

    thread = Thread(group=group, author=author, title=title, body=body)
    thread.full_clean()
    thread.save()
    group.followers.add(author)
    task_defer(notify_thread_followers, thread.pk)
    return thread


@transaction.atomic
def reply_create(*, thread: Thread, author: User, body: str) -> Reply:
    reply = Reply(thread=thread, author=author, body=body)
    reply.full_clean()
    reply.save()
    Thread.objects.filter(pk=thread.pk).update(last_activity_at=reply.created_at)
    return reply


def thread_notify_followers(*, thread_id: int) -> int:
    """E-mail the group's followers (not the author) about a new thread, once per person."""
    from . import notices
    from .models import ThreadNotification
    from .selectors import is_network_reader

    thread = Thread.objects.select_related("group", "author").get(pk=thread_id)
    done = thread.notifications.values("recipient_id")
    sent = 0
    followers = thread.group.followers.filter(is_active=True).exclude(pk=thread.author_id)
    for follower in followers.exclude(pk__in=done):
        if not is_network_reader(follower):
            continue
        try:
            with transaction.atomic():
                ThreadNotification.objects.create(thread=thread, recipient=follower)
                notices.queue_thread_notice(thread=thread, recipient=follower)
        except IntegrityError:
            continue
        sent += 1
    return sent


# --- API tokens ------------------------------------------------------------------------------


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return (token, raw value); the raw value is never stored."""
    secret = secrets.token_urlsafe(32)
    raw = f"{TOKEN_PREFIX}{secret}"
    token = ApiToken(user=user, name=name, prefix=raw[:12], token_hash=_hash_token(raw))
    token.full_clean()
    token.save()
    audit_record(actor=user, action=AuditEntry.Action.CREATE, target=token)
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=by, action=AuditEntry.Action.DELETE, target=token)
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The token's user if ``raw`` is a live token of a current member, else None."""
    from .selectors import current_representation

    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=_hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or current_representation(token.user) is None:
        return None
    now = timezone.now()
    # Written at most once a minute: a busy client should not make a write per request.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- Activity report -------------------------------------------------------------------------


# --- Joint projects and trainings ------------------------------------------------------------


@transaction.atomic
def joint_project_propose(*, representative: Representative, data: dict[str, Any]) -> JointProject:
    """A member proposes a partnership or a joint training; its organisation takes part."""
    project = JointProject(
        **data, proposed_by=representative.organisation, author=representative.user
    )
    project.full_clean()
    project.save()
    transition_begin(project, by=representative.user)
    JointProjectParticipant.objects.create(
        project=project, organisation=representative.organisation, joined_by=representative.user
    )
    audit_record(actor=representative.user, action=AuditEntry.Action.CREATE, target=project)
    return project


@transaction.atomic
def joint_project_join(*, project: JointProject, representative: Representative) -> None:
    """The representative's organisation joins; the proposing organisation is told."""
    project = JointProject.objects.select_for_update().get(pk=project.pk)
    if project.status != JointProject.Status.OPEN:
        raise NetworkError(_("This project is closed: organisations no longer join it."))
    organisation = representative.organisation
    participation = JointProjectParticipant(
        project=project, organisation=organisation, joined_by=representative.user
    )
    participation.validate_constraints()
    participation.save()
    audit_record(actor=representative.user, action=AuditEntry.Action.UPDATE, target=project)
    _notify_proposer(project, organisation)


def _notify_proposer(project: JointProject, organisation: Organisation) -> None:
    users_notify(
        users=[
            representative.user
            for representative in project.proposed_by.representatives.active().select_related(
                "user"
            )
        ],
        subject=lambda: (
            _("%(organisation)s joins “%(project)s”")
            % {"organisation": organisation.name, "project": project.title}
        ),
        message=lambda: (
            _("%(organisation)s now takes part in the project you proposed, “%(project)s”.")
            % {"organisation": organisation.name, "project": project.title}
        ),
        link=reverse("network:project_detail", args=[project.pk]),
    )


@transaction.atomic
def joint_project_leave(*, project: JointProject, representative: Representative) -> None:
    if project.proposed_by_id == representative.organisation_id:
        raise NetworkError(
            _("The organisation that proposed the project cannot leave it; close it instead.")
        )
    deleted, _rows = JointProjectParticipant.objects.filter(
        project=project, organisation=representative.organisation
    ).delete()
    if not deleted:
        raise NetworkError(_("Your organisation does not take part in this project."))
    audit_record(actor=representative.user, action=AuditEntry.Action.UPDATE, target=project)


@transaction.atomic
def joint_project_close(*, project: JointProject, by: User, reason: str = "") -> None:
    """The proposing organisation, or the network's staff, close a project to new members."""
    transition(project, to=JointProject.Status.CLOSED, by=by, reason=reason)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=project)


# --- Events members announce -----------------------------------------------------------------

EVENT_REMINDER_AHEAD = timedelta(hours=24)


def _event_link(event: MemberEvent) -> str:
    return reverse("network:event_detail", args=[event.pk])


def _event_when(event: MemberEvent) -> str:
    return weekday_datetime(timezone.localtime(event.starts_at))


@transaction.atomic
def member_event_submit(*, representative: Representative, data: dict[str, Any]) -> MemberEvent:
    """A member announces an event; the network's staff of its county (or national) moderate it."""
    event = MemberEvent(
        **data, organisation=representative.organisation, author=representative.user
    )
    event.full_clean()
    if event.starts_at <= timezone.now():
        raise NetworkError({"starts_at": _("The event must start in the future.")})
    event.save()
    transition_begin(event, by=representative.user)
    audit_record(actor=representative.user, action=AuditEntry.Action.CREATE, target=event)
    users_notify(
        users=selectors.event_moderators(event.organisation),
        subject=lambda: _("An event waits for moderation: %(title)s") % {"title": event.title},
        message=lambda: (
            _("%(organisation)s announced “%(title)s” (%(when)s). Publish or refuse it.")
            % {
                "organisation": event.organisation.name,
                "title": event.title,
                "when": _event_when(event),
            }
        ),
        link=_event_link(event),
    )
    return event


@transaction.atomic
def member_event_publish(*, event: MemberEvent, by: User) -> MemberEvent:
    """Publish a moderated event: every member of the network hears of it."""
    transition(event, to=MemberEvent.Status.PUBLISHED, by=by)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=event)
    users_notify(
        users=selectors.network_recipients(),
        subject=lambda: _("Network event: %(title)s") % {"title": event.title},
        message=lambda: (
            _("%(organisation)s invites the network to “%(title)s”, %(when)s, %(place)s.")
            % {
                "organisation": event.organisation.name,
                "title": event.title,
                "when": _event_when(event),
                "place": event.place,
            }
        ),
        link=_event_link(event),
    )
    return event


@transaction.atomic
def member_event_refuse(*, event: MemberEvent, by: User, reason: str) -> MemberEvent:
    if not reason.strip():
        raise NetworkError(_("Give the reason for this decision."))
    transition(event, to=MemberEvent.Status.REFUSED, by=by, reason=reason)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=event)
    users_notify(
        users=[event.author],
        subject=lambda: _("Your event was not published: %(title)s") % {"title": event.title},
        message=lambda: _("The reason: %(reason)s") % {"reason": reason},
        link=_event_link(event),
    )
    return event


@transaction.atomic
def member_event_cancel(*, event: MemberEvent, by: User, reason: str) -> MemberEvent:
    """Cancel an event: everyone registered is told, with a calendar cancellation."""
    if not reason.strip():
        raise NetworkError(_("Give the reason for this decision."))
    transition(event, to=MemberEvent.Status.CANCELLED, by=by, reason=reason)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=event)
    for registration in event.registrations.select_related("user"):
        users_notify(
            users=[registration.user],
            subject=lambda: _("Cancelled network event: %(title)s") % {"title": event.title},
            message=lambda: (
                _("The event is cancelled. The reason: %(reason)s") % {"reason": reason}
            ),
            link=_event_link(event),
            attachments=[
                (
                    "eveniment.ics",
                    notices.member_event_ics(event, recipient=registration.user, cancel=True),
                    "text/calendar",
                )
            ],
        )
    return event


def _locked_event(event: MemberEvent) -> MemberEvent:
    return MemberEvent.objects.select_for_update().get(pk=event.pk)


@transaction.atomic
def event_register(*, event: MemberEvent, user: User) -> EventRegistration:
    """A place while there is one, else a turn on the waiting list (under a lock on the event,
    so two people never take the last place)."""
    event = _locked_event(event)
    if event.status != MemberEvent.Status.PUBLISHED or event.starts_at <= timezone.now():
        raise NetworkError(_("Registration for this event is closed."))
    if event.registrations.filter(user=user).exists():
        raise NetworkError(_("You are already registered for this event."))
    confirmed = event.registrations.filter(status=EventRegistration.Status.CONFIRMED).count()
    status = (
        EventRegistration.Status.CONFIRMED
        if confirmed < event.capacity
        else EventRegistration.Status.WAITING
    )
    registration = EventRegistration.objects.create(event=event, user=user, status=status)
    _registration_notify(registration)
    return registration


@transaction.atomic
def event_unregister(*, event: MemberEvent, user: User) -> None:
    """Give up a place or a turn; a freed place goes to the first person waiting."""
    event = _locked_event(event)
    registration = event.registrations.filter(user=user).first()
    if registration is None:
        raise NetworkError(_("You are not registered for this event."))
    registration.delete()
    if registration.status != EventRegistration.Status.CONFIRMED:
        return
    first_waiting = (
        event.registrations.filter(status=EventRegistration.Status.WAITING)
        .select_related("user")
        .order_by("registered_at", "pk")
        .first()
    )
    if first_waiting is not None and event.status == MemberEvent.Status.PUBLISHED:
        first_waiting.status = EventRegistration.Status.CONFIRMED
        first_waiting.save(update_fields=["status"])
        _registration_notify(first_waiting)


def _registration_notify(registration: EventRegistration) -> None:
    event = registration.event
    confirmed = registration.status == EventRegistration.Status.CONFIRMED
    users_notify(
        users=[registration.user],
        subject=lambda: (
            (_("Your place at %(title)s") if confirmed else _("Waiting list: %(title)s"))
            % {"title": event.title}
        ),
        message=lambda: (
            (
                _("Your place at “%(title)s” is confirmed: %(when)s, %(place)s.")
                if confirmed
                else _(
                    "“%(title)s” is full: you are on the waiting list and get an e-mail if a place "
                    "frees up."
                )
            )
            % {"title": event.title, "when": _event_when(event), "place": event.place}
        ),
        link=_event_link(event),
        attachments=(
            [
                (
                    "eveniment.ics",
                    notices.member_event_ics(event, recipient=registration.user),
                    "text/calendar",
                )
            ]
            if confirmed
            else []
        ),
    )


def _remind(registration: EventRegistration) -> None:
    event = registration.event
    users_notify(
        users=[registration.user],
        subject=lambda: _("Reminder: %(title)s") % {"title": event.title},
        message=lambda: (
            _("“%(title)s” starts %(when)s, at %(place)s.")
            % {"title": event.title, "when": _event_when(event), "place": event.place}
        ),
        link=_event_link(event),
    )


def event_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone with a place of an event starting within 24 hours, once each."""
    now = now or timezone.now()
    due = EventRegistration.objects.filter(
        status=EventRegistration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status=MemberEvent.Status.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + EVENT_REMINDER_AHEAD,
    ).values_list("pk", flat=True)
    sent = 0
    for registration_id in list(due):
        with transaction.atomic():
            registration = (
                EventRegistration.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("event", "event__organisation", "user")
                .filter(pk=registration_id, reminded_at__isnull=True)
                .first()
            )
            if registration is None:
                continue
            _remind(registration)
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            sent += 1
    return sent
