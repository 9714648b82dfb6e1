"""Reads of the network, narrowed to what the asking user may see."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from puls.accounts.models import Role, User
from puls.collation import RomanianOrder

from .models import (
    AgendaItem,
    ApiToken,
    DiscussionGroup,
    EventRegistration,
    JointProject,
    JointProjectParticipant,
    LibraryItem,
    Meeting,
    MemberEvent,
    Minutes,
    Organisation,
    Representative,
    Rsvp,
    Thread,
    search_key,
)

_MANAGER_ROLES = (Role.AGENCY_ADMIN, Role.NATIONAL_ANALYST)
_STAFF_ROLES = (Role.COUNSELLOR, *_MANAGER_ROLES)


def current_representation(user: User) -> Representative | None:
    """The representative row through which ``user`` belongs to an approved member, or None."""
    if not user.is_authenticated:
        return None
    return Representative.objects.active().filter(user=user).select_related("organisation").first()


def pending_or_current_representation(user: User) -> Representative | None:
    """The user's current representative row whatever the organisation's status (adhesion)."""
    return (
        Representative.objects.filter(user=user, ended_at__isnull=True)
        .select_related("organisation")
        .first()
    )


def is_network_reader(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.role in _STAFF_ROLES:
        return True
    return user.role == Role.NETWORK_MEMBER and current_representation(user) is not None


# --- Members ---------------------------------------------------------------------------------


def organisations_managed_by(user: User) -> QuerySet[Organisation]:
    """National staff manage every organisation; an agency administrator those of its county."""
    organisations = Organisation.objects.select_related("county", "agreement")
    if user.has_national_scope:
        return organisations
    if user.role == Role.AGENCY_ADMIN and user.agency is not None:
        return organisations.filter(county_id=user.agency.county_id)
    return organisations.none()


def directory() -> QuerySet[Representative]:
    """Current representatives of approved members, with their organisation."""
    return (
        Representative.objects.active()
        .select_related("organisation", "organisation__county", "user")
        .order_by("organisation__name", "user__last_name", "user__first_name")
    )


def public_members() -> QuerySet[Organisation]:
    """The member organisations a visitor may see: approved ones, with only what is public."""
    return (
        Organisation.objects.filter(status=Organisation.Status.APPROVED)
        .select_related("county")
        .only(
            "name",
            "kind",
            "county__name",
            "scope",
            "email",
            "phone",
            "website",
            "public_offer",
            "publish_email",
            "publish_phone",
            "publish_website",
        )
        .order_by(RomanianOrder("name"), "pk")
    )


def representation_history(organisation: Organisation) -> QuerySet[Representative]:
    return (
        Representative.objects.filter(organisation=organisation)
        .select_related("user", "replaced_by__user")
        .order_by("-started_at", "-pk")
    )


def network_recipients() -> QuerySet[User]:
    """The people who receive the network's notices: every current representative."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            pk__in=Representative.objects.active().values("user_id"),
        )
        .order_by("pk")
    )


# --- Meetings --------------------------------------------------------------------------------


def _with_agenda(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("county", "organiser").prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "pk"))
    )


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    """Announced meetings (published or cancelled) for every reader; managers also see the
    drafts they may edit."""
    visible = Q(status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED])
    if user.is_superuser or user.role == Role.NATIONAL_ANALYST:
        visible |= Q(status=Meeting.Status.DRAFT)
    elif user.role == Role.AGENCY_ADMIN:
        visible |= Q(status=Meeting.Status.DRAFT, organiser=user)
    return _with_agenda(Meeting.objects.filter(visible))


def meetings_managed_by(user: User) -> QuerySet[Meeting]:
    """Meetings ``user`` may edit, publish, cancel and write minutes for."""
    if user.has_national_scope:
        return _with_agenda(Meeting.objects.all())
    if user.role == Role.AGENCY_ADMIN:
        return _with_agenda(Meeting.objects.filter(organiser=user))
    return Meeting.objects.none()


def upcoming_meetings(user: User) -> QuerySet[Meeting]:
    return (
        meetings_visible_to(user)
        .filter(status=Meeting.Status.PUBLISHED, ends_at__gt=timezone.now())
        .order_by("starts_at")
    )


def archived_meetings(user: User) -> QuerySet[Meeting]:
    """Past meetings with their minutes (approved minutes only for non-managers)."""
    return (
        meetings_visible_to(user)
        .filter(status=Meeting.Status.PUBLISHED, ends_at__lte=timezone.now())
        .select_related("minutes", "minutes__pdf")
        .order_by("-starts_at")
    )


def rsvp_of(meeting: Meeting, user: User) -> Rsvp | None:
    return Rsvp.objects.filter(meeting=meeting, user=user).first()


def rsvp_counts(meeting: Meeting) -> dict[str, int]:
    return dict(
        Rsvp.objects.filter(meeting=meeting)
        .values_list("answer")
        .annotate(n=Count("pk"))
        .values_list("answer", "n")
    )


def minutes_visible_to(user: User, meeting: Meeting) -> Minutes | None:
    """The minutes of a meeting a reader may read: approved ones, or drafts for its managers."""
    minutes = Minutes.objects.filter(meeting=meeting).select_related("pdf", "approved_by")
    if meetings_managed_by(user).filter(pk=meeting.pk).exists():
        return minutes.first()
    return minutes.filter(status=Minutes.Status.APPROVED).first()


# --- Library ---------------------------------------------------------------------------------


def library_items(
    *, query: str = "", kind: str = "", tag: str = "", scope: str = ""
) -> QuerySet[LibraryItem]:
    items = LibraryItem.objects.select_related("organisation", "county", "document")
    items = items.prefetch_related("tags")
    if query:
        for word in search_key(query).split():
            items = items.filter(search_text__contains=word)
    if kind:
        items = items.filter(kind=kind)
    if tag:
        items = items.filter(tags__name=tag)
    if scope:
        items = items.filter(scope=scope)
    return items.order_by("-shared_at", "-pk")


# --- Discussion groups -----------------------------------------------------------------------


def groups_with_activity() -> QuerySet[DiscussionGroup]:
    return (
        DiscussionGroup.objects.select_related("county")
        .annotate(thread_count=Count("threads", distinct=True))
        .order_by(RomanianOrder("name"))
    )


def threads_of(group: DiscussionGroup) -> QuerySet[Thread]:
    return (
        Thread.objects.filter(group=group)
        .select_related("author")
        .annotate(reply_count=Count("replies"))
        .order_by("-last_activity_at", "-pk")
    )


# --- Tokens -----------------------------------------------------------------------------


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


# --- Documents -------------------------------------------------------------------------------


def network_documents_rule(user: User) -> Q | None:
    """Access rule for puls.documents: readers of the network may read the agreement-free
    documents it shares (meeting attachments, minutes, library files)."""
    if not is_network_reader(user):
        return None
    minutes_pdfs = Minutes.objects.filter(status=Minutes.Status.APPROVED, pdf__isnull=False).values(
        "pdf_id"
    )
    announced = Meeting.objects.exclude(status=Meeting.Status.DRAFT).values("pk")
    attachments = Meeting.documents.through.objects.filter(meeting_id__in=announced).values(
        "document_id"
    )
    library = LibraryItem.objects.filter(document__isnull=False).values("document_id")
    granted = Q(pk__in=minutes_pdfs) | Q(pk__in=attachments) | Q(pk__in=library)
    if user.is_superuser or user.role in _MANAGER_ROLES:
        # Managers review adhesion files (the signed agreement) and draft attachments.
        granted |= Q(pk__in=organisations_managed_by(user).values("agreement_id"))
        granted |= Q(
            pk__in=Meeting.documents.through.objects.filter(
                meeting_id__in=meetings_managed_by(user).values("pk")
            ).values("document_id")
        )
    return granted


def threads_of_all() -> QuerySet[Thread]:
    return Thread.objects.select_related("author")


def may_participate(user: User) -> bool:
    """Members and the staff who run the network write in the shared spaces; counsellors read."""
    if user.is_superuser or user.role in _MANAGER_ROLES:
        return True
    return user.role == Role.NETWORK_MEMBER and current_representation(user) is not None


def joint_projects(*, status: str = JointProject.Status.OPEN) -> QuerySet[JointProject]:
    """Joint projects and trainings every network reader sees, with their participant count."""
    return (
        JointProject.objects.filter(status=status)
        .select_related("proposed_by", "proposed_by__county")
        .annotate(participant_count=Count("participants"))
        .order_by("-created_at", "-pk")
    )


def joint_projects_with_participants() -> QuerySet[JointProject]:
    """Every project (open or closed) with its participating organisations, for its page."""
    return JointProject.objects.select_related("proposed_by", "author").prefetch_related(
        Prefetch(
            "participants",
            queryset=JointProjectParticipant.objects.select_related(
                "organisation", "organisation__county"
            ),
        )
    )


# --- Events members announce -----------------------------------------------------------------


def event_moderators(organisation: Organisation) -> QuerySet[User]:
    """Who moderates an organisation's events: the agency administrators of its county, or the
    national analysts where the county has none."""
    users = User.objects.filter(is_active=True)
    county_admins = users.filter(role=Role.AGENCY_ADMIN, agency__county_id=organisation.county_id)
    if county_admins.exists():
        return county_admins
    return users.filter(role=Role.NATIONAL_ANALYST)


def events_moderated_by(user: User) -> QuerySet[MemberEvent]:
    """The events of the organisations ``user`` manages (their county's, or all for national)."""
    return MemberEvent.objects.filter(organisation__in=organisations_managed_by(user))


def events_visible_to(user: User, representative: Representative | None) -> QuerySet[MemberEvent]:
    """Published events for every network reader; besides, a member sees its own organisation's
    events in every status, and staff those they moderate."""
    visible = Q(status__in=[MemberEvent.Status.PUBLISHED, MemberEvent.Status.CANCELLED])
    if representative is not None:
        visible |= Q(organisation_id=representative.organisation_id)
    moderated = organisations_managed_by(user)
    return (
        MemberEvent.objects.filter(visible | Q(organisation__in=moderated))
        .select_related("organisation", "organisation__county", "author")
        .annotate(
            confirmed_count=Count(
                "registrations",
                filter=Q(registrations__status=EventRegistration.Status.CONFIRMED),
            ),
            waiting_count=Count(
                "registrations",
                filter=Q(registrations__status=EventRegistration.Status.WAITING),
            ),
        )
        .order_by("starts_at", "pk")
    )


def registration_of(event: MemberEvent, user: User) -> EventRegistration | None:
    return event.registrations.filter(user=user).first()


def waiting_position(registration: EventRegistration) -> int:
    """1 for the first person on the waiting list."""
    return (
        registration.event.registrations.filter(
            status=EventRegistration.Status.WAITING,
        )
        .filter(
            Q(registered_at__lt=registration.registered_at)
            | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


def organisation_members(organisation: Organisation) -> QuerySet[User]:
    """The active accounts that represent ``organisation`` now (none while it is not a member):
    the people who answer for it in PULS, a referral received for instance."""
    representatives = Representative.objects.active().filter(organisation=organisation)
    return User.objects.filter(is_active=True, pk__in=representatives.values("user_id")).order_by(
        "pk"
    )
