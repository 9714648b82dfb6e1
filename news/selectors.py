"""Reads of the news, narrowed to what the asking user may see or manage."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from employers.selectors import companies_of
from jobseekers.selectors import profile_of
from network.selectors import current_representation
from puls.accounts.models import Role, User

from .models import Announcement, Audience, Newsletter, Subscription

ROLE_AUDIENCE: dict[str, str] = {
    Role.JOBSEEKER: Audience.JOBSEEKERS,
    Role.EMPLOYER: Audience.EMPLOYERS,
    Role.NETWORK_MEMBER: Audience.NETWORK,
}


def audience_of(user: User) -> str:
    """The audience a signed-in user belongs to; staff read (and get) everything."""
    return ROLE_AUDIENCE.get(user.role, Audience.EVERYONE)


def counties_of(user: User) -> list[str]:
    """The counties whose news concern ``user``: their agency's, their dossier's, their
    companies', their organisation's. Empty for the national team."""
    if user.has_national_scope:
        return []
    if user.agency is not None:
        return [user.agency.county_id]
    if user.role == Role.JOBSEEKER:
        profile = profile_of(user)
        return [profile.county_id] if profile and profile.county_id else []
    if user.role == Role.EMPLOYER:
        return sorted({company.county_id for company in companies_of(user)})
    if user.role == Role.NETWORK_MEMBER:
        representative = current_representation(user)
        if representative and representative.organisation.county_id:
            return [representative.organisation.county_id]
    return []


def editor_county_id(user: User) -> str | None:
    """The one county an agency administrator writes for; None for the national team."""
    if user.has_national_scope or user.agency is None:
        return None
    return user.agency.county_id


def published_announcements() -> QuerySet[Announcement]:
    """Published announcements whose day has come, newest first."""
    return Announcement.objects.filter(
        status=Announcement.Status.PUBLISHED, publish_on__lte=timezone.localdate()
    ).select_related("county")


def reads_personal_news(user: User | AnonymousUser) -> bool:
    """Whether the news page narrows to what concerns ``user``: signed-in people, not staff."""
    return user.is_authenticated and not (user.is_spo_staff or user.is_superuser)


def announcements_for(user: User | AnonymousUser) -> QuerySet[Announcement]:
    """What concerns a signed-in user: their audience's and everyone's, national or of their
    counties. Visitors and staff read every published announcement."""
    announcements = published_announcements()
    if not user.is_authenticated or not reads_personal_news(user):
        return announcements
    return announcements.filter(
        Q(audience__in=[Audience.EVERYONE, audience_of(user)]),
        Q(county__isnull=True) | Q(county__in=counties_of(user)),
    )


def _managed(queryset: QuerySet, user: User | AnonymousUser) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    if user.has_national_scope:
        return queryset
    if user.role == Role.AGENCY_ADMIN and user.agency is not None:
        return queryset.filter(county_id=user.agency.county_id)
    return queryset.none()


def announcements_managed_by(user: User | AnonymousUser) -> QuerySet[Announcement]:
    """An agency administrator's county's announcements; every one for the national team."""
    return _managed(Announcement.objects.select_related("county", "created_by"), user)


def newsletters_managed_by(user: User | AnonymousUser) -> QuerySet[Newsletter]:
    return _managed(Newsletter.objects.select_related("county", "brochure", "created_by"), user)


def sent_newsletters() -> QuerySet[Newsletter]:
    """The archive: every newsletter sent (or being sent), newest first."""
    return (
        Newsletter.objects.filter(status__in=[Newsletter.Status.SENDING, Newsletter.Status.SENT])
        .select_related("county", "brochure")
        .order_by("-sending_started_at", "-pk")
    )


def newsletter_progress(newsletter: Newsletter) -> dict[str, int]:
    """Deliveries done (e-mail queued, or skipped for a subscription that ended) of the total."""
    done = newsletter.deliveries.filter(done_at__isnull=False).count()
    total = newsletter.recipients_total
    return {
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 100,
        "emailed": newsletter.deliveries.filter(email__isnull=False).count(),
    }


def subscription_of(user: User) -> Subscription | None:
    return Subscription.objects.filter(Q(user=user) | Q(email=user.email.lower())).first()


def recipients_count(newsletter: Newsletter) -> int:
    """How many subscriptions the newsletter would go to if it were sent now."""
    return Subscription.objects.for_newsletter(newsletter).count()
