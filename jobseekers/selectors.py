"""Reads of the jobseekers app, each narrowed to what the asking user may see."""

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers import selectors as employer_selectors
from employers.models import Vacancy
from puls.accounts.models import Role, User
from puls.accounts.selectors import staff_of_agency
from puls.audit.models import AuditEntry
from puls.audit.selectors import audit_trail_for
from puls.reference.models import Agency, OccupationSkill, Skill

from .models import (
    AccountState,
    Availability,
    AvailabilityException,
    Booking,
    BookingStatus,
    ClosureRequest,
    DocumentKind,
    DossierDocument,
    Experience,
    JobseekerProfile,
    LabourStatus,
    SavedSearch,
    SavedVacancy,
    SkillAssessment,
    Slot,
    VacancyInterest,
    WishedOccupation,
)

DOSSIER_PREFETCH: list[str | Prefetch] = [
    "vulnerabilities",
    "education",
    Prefetch(
        "experience", queryset=Experience.objects.select_related("occupation", "cor_occupation")
    ),
    Prefetch("skills", queryset=SkillAssessment.objects.select_related("skill")),
    "languages",
    "driving_licences",
    "wished_occupations",
    Prefetch(
        "occupation_wishes",
        queryset=WishedOccupation.objects.select_related("escooccupation", "cor_occupation"),
    ),
    "wished_counties",
    Prefetch(
        "documents", queryset=DossierDocument.objects.select_related("document", "reviewed_by")
    ),
]


def profiles_visible_to(user: User | AnonymousUser) -> QuerySet[JobseekerProfile]:
    """Profiles ``user`` may open: their own; their agency's for counsellors and agency admins;
    all for national roles (analysts, superusers); none for anyone else."""
    profiles = JobseekerProfile.objects.select_related("user", "county", "agency")
    if not user.is_authenticated:
        return profiles.none()
    if user.has_national_scope:
        return profiles
    if user.role in Role.agency_roles():
        return profiles.filter(agency_id=user.agency_id)
    if user.role == Role.JOBSEEKER:
        return profiles.filter(user=user)
    return profiles.none()


def profile_of(user: User | AnonymousUser) -> JobseekerProfile | None:
    """The signed-in person's own profile (without its sections), or None."""
    if not user.is_authenticated:
        return None
    return (
        JobseekerProfile.objects.select_related("user", "county", "agency")
        .filter(user=user)
        .first()
    )


def dossier_for(user: User | AnonymousUser) -> JobseekerProfile | None:
    """The signed-in person's own profile with every dossier section loaded, or None."""
    if not user.is_authenticated:
        return None
    return (
        JobseekerProfile.objects.select_related("user", "county", "agency")
        .prefetch_related(*DOSSIER_PREFETCH)
        .filter(user=user)
        .first()
    )


def dossier_detail(profile: JobseekerProfile) -> JobseekerProfile:
    """``profile`` (already checked by the caller) reloaded with every section."""
    return (
        JobseekerProfile.objects.select_related("user", "county", "agency")
        .prefetch_related(*DOSSIER_PREFETCH)
        .get(pk=profile.pk)
    )


def staff_openings_of(profile: JobseekerProfile) -> QuerySet[AuditEntry]:
    """Who among SPO staff opened or changed the dossier, and when (the person's own actions and
    the system's are left out)."""
    return audit_trail_for(profile).filter(
        Q(actor__role__in=Role.staff_roles()) | Q(actor__is_superuser=True)
    )


def documents_rule(user: User) -> Q | None:
    """Access rule for puls.documents: counsellors and agency admins read the dossier documents
    of the people of their agency."""
    if not user.is_authenticated or user.role not in Role.agency_roles():
        return None
    return Q(
        pk__in=DossierDocument.objects.filter(profile__agency=user.agency_id).values("document_id")
    )


def suggested_skills_for(profile: JobseekerProfile, *, limit: int = 20) -> QuerySet[Skill]:
    """The skills of the occupations in the person's experience and wishes (the ESCO profile of
    the occupation derived from the COR one they picked) that they have not listed yet: those
    essential to most of them first, then the optional ones. `essential_for` counts the
    occupations a skill is essential to; zero means optional only. A person picks from these
    instead of typing an ESCO label."""
    occupation_ids = set(profile.experience.values_list("occupation_id", flat=True)) | set(
        profile.wished_occupations.values_list("pk", flat=True)
    )
    if not occupation_ids:
        return Skill.objects.none()
    essential = Q(occupation_links__relation_type=OccupationSkill.Relation.ESSENTIAL)
    return (
        Skill.objects.filter(occupation_links__occupation_id__in=occupation_ids)
        .exclude(pk__in=profile.skills.values("skill_id"))
        .annotate(
            essential_for=Count("occupation_links", filter=essential),
            shared=Count("occupation_links"),
        )
        .order_by("-essential_for", "-shared", "pk")[:limit]
    )


@dataclass(frozen=True)
class Completeness:
    done: list
    missing: list

    @property
    def percent(self) -> int:
        total = len(self.done) + len(self.missing)
        return round(100 * len(self.done) / total) if total else 100

    @property
    def ready_for_mediation(self) -> bool:
        return not self.missing


MIN_SKILLS = 3


def completeness_of(profile: JobseekerProfile) -> Completeness:
    """What the dossier has and lacks for mediation. Expects a profile from dossier_for/detail."""
    checks = [
        (_("Identity and address"), True),
        (_("Education"), bool(profile.education.all())),
        (
            _("Work experience"),
            bool(profile.experience.all()) or profile.status == LabourStatus.GRADUATE,
        ),
        (
            _("At least %(count)s competences") % {"count": MIN_SKILLS},
            len(profile.skills.all()) >= MIN_SKILLS,
        ),
        (_("Languages"), bool(profile.languages.all())),
        (_("Wished occupations"), bool(profile.wished_occupations.all())),
        (
            _("A CV document"),
            any(entry.kind == DocumentKind.CV for entry in profile.documents.all()),
        ),
        # Mediation leaves out whoever has not agreed to share (mediation.services, index).
        (_("Consent to share your profile with employers"), profile.share_with_employers),
    ]
    return Completeness(
        done=[label for label, ok in checks if ok],
        missing=[label for label, ok in checks if not ok],
    )


# --- Appointments ---------------------------------------------------------------------------------


def slots_of_agency(agency_id: int) -> QuerySet[Slot]:
    return Slot.objects.filter(agency_id=agency_id).select_related("agency", "counsellor")


def holding_bookings() -> QuerySet[Booking]:
    return Booking.objects.exclude(status=BookingStatus.CANCELLED)


def free_slots_for(
    profile: JobseekerProfile, *, purpose: str, now: datetime.datetime | None = None
) -> QuerySet[Slot]:
    """Future slots of the person's agency for ``purpose`` that nobody holds."""
    now = now or timezone.now()
    return (
        Slot.objects.filter(agency_id=profile.agency_id, purpose=purpose, start__gt=now)
        .exclude(pk__in=holding_bookings().values("slot_id"))
        .select_related("counsellor")
        .order_by("start", "counsellor_id")
    )


def _day_bounds(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The start of ``day`` and of the next one, in the portal's time zone (Europe/Bucharest)."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, end


def free_slots_on(profile: JobseekerProfile, *, purpose: str, day: datetime.date) -> QuerySet[Slot]:
    """The free slots of one day (see ``free_slots_for``), earliest first."""
    start, end = _day_bounds(day)
    return free_slots_for(profile, purpose=purpose).filter(start__gte=start, start__lt=end)


@dataclass
class MonthCalendar:
    """A month of free appointment times for the booking page's month grid: ``weeks`` holds seven
    (day, free slots that day, whether the day is in the month) per week, Monday first."""

    month: datetime.date
    weeks: list
    previous: datetime.date | None
    next: datetime.date | None
    free_total: int


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _month_after(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def free_days_calendar(
    profile: JobseekerProfile, *, purpose: str, month: datetime.date | None = None
) -> MonthCalendar:
    """The month grid of free times for ``purpose`` (one query for the whole month): the month
    asked, else the one of the first free time, else this month; the neighbouring months are
    offered only between this month and the last one with free times."""
    free = free_slots_for(profile, purpose=purpose)
    this_month = _month_start(timezone.localdate())
    if month is None:
        first = free.values_list("start", flat=True).first()
        month = _month_start(timezone.localdate(first)) if first else this_month
    month = max(_month_start(month), this_month)
    after = _month_after(month)
    counts: dict[datetime.date, int] = {}
    for start in free.filter(
        start__gte=_day_bounds(month)[0], start__lt=_day_bounds(after)[0]
    ).values_list("start", flat=True):
        day = timezone.localdate(start)
        counts[day] = counts.get(day, 0) + 1
    last = free.order_by("-start").values_list("start", flat=True).first()
    last_month = _month_start(timezone.localdate(last)) if last else this_month
    weeks = [
        [(day, counts.get(day, 0), day.month == month.month) for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    ]
    previous = _month_start(month - datetime.timedelta(days=1))
    return MonthCalendar(
        month=month,
        weeks=weeks,
        previous=previous if previous >= this_month else None,
        next=after if after <= last_month else None,
        free_total=sum(counts.values()),
    )


# What to bring to an appointment, by its purpose (the identity document always comes first).
WHAT_TO_BRING = {
    "registration": [
        _("Your education diplomas or certificates"),
        _(
            "Proof of your work history, if you have worked (an extract from REVISAL or the work book)"
        ),
        _("The document that ended your last job, if you were employed"),
    ],
    "counselling": [_("Your CV, if you have one"), _("The questions you want to talk about")],
    "mediation": [
        _("Your CV"),
        _("Your diplomas and qualification certificates for the jobs you want"),
    ],
    "document_check": [_("The originals of the documents you uploaded to PULS")],
}


def what_to_bring(purpose: str) -> list:
    """The documents a person brings to an appointment for ``purpose``."""
    return [_("Your identity card or passport"), *WHAT_TO_BRING.get(purpose, [])]


def bookings_of(profile: JobseekerProfile) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(profile=profile)
        .select_related("slot__counsellor", "slot__agency")
        .order_by("-slot__start")
    )


def bookings_visible_to(user: User | AnonymousUser) -> QuerySet[Booking]:
    """Bookings the user may act on: their own (jobseekers) or their agency's (agency staff)."""
    bookings = Booking.objects.select_related("slot__counsellor", "slot__agency", "profile__user")
    if not user.is_authenticated:
        return bookings.none()
    if user.role in Role.agency_roles():
        return bookings.filter(slot__agency=user.agency_id)
    if user.role == Role.JOBSEEKER:
        return bookings.filter(profile__user=user)
    if user.is_superuser:
        return bookings
    return bookings.none()


def agency_calendar(
    agency: Agency, *, first_day: datetime.date, days: int, counsellor: User | None = None
) -> QuerySet[Slot]:
    """The slots of ``agency`` from ``first_day`` for ``days`` days, with their holding booking."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=zone)
    end = start + datetime.timedelta(days=days)
    slots = Slot.objects.filter(agency=agency, start__gte=start, start__lt=end)
    if counsellor is not None:
        slots = slots.filter(counsellor=counsellor)
    return (
        slots.select_related("counsellor")
        .prefetch_related(
            Prefetch(
                "bookings",
                queryset=holding_bookings().select_related("profile__user"),
                to_attr="held",  # type: ignore[no-redef]  # declared on Slot for the callers
            )
        )
        .order_by("start", "counsellor__last_name")
    )


def bookings_due_for_reminder(*, today: datetime.date | None = None) -> QuerySet[Booking]:
    """Booked appointments of tomorrow (local time) whose reminder has not gone yet."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=zone)
    return Booking.objects.filter(
        status=BookingStatus.BOOKED,
        reminder_sent_at__isnull=True,
        slot__start__gte=start,
        slot__start__lt=start + datetime.timedelta(days=1),
    )


def counsellors_scheduled_by(user: User) -> QuerySet[User]:
    """The counsellors whose availability ``user`` manages: an agency admin, every counsellor of
    the agency; a counsellor, themselves."""
    if user.role == Role.AGENCY_ADMIN and user.agency is not None:
        return staff_of_agency(user.agency).filter(role=Role.COUNSELLOR)
    return User.objects.filter(pk=user.pk)


def availabilities_visible_to(user: User) -> QuerySet[Availability]:
    """Counsellors manage their own rules; agency admins those of every counsellor of the agency."""
    rules = Availability.objects.select_related("counsellor")
    if user.role == Role.AGENCY_ADMIN:
        return rules.filter(agency=user.agency_id)
    if user.role == Role.COUNSELLOR:
        return rules.filter(counsellor=user)
    return rules.none()


def absences_visible_to(user: User) -> QuerySet[AvailabilityException]:
    absences = AvailabilityException.objects.select_related("counsellor")
    if user.role == Role.AGENCY_ADMIN:
        return absences.filter(counsellor__agency=user.agency_id)
    if user.role == Role.COUNSELLOR:
        return absences.filter(counsellor=user)
    return absences.none()


def pending_closures_visible_to(user: User | AnonymousUser) -> QuerySet[ClosureRequest]:
    return (
        ClosureRequest.objects.filter(outcome=ClosureRequest.Outcome.PENDING)
        .filter(profile__in=profiles_visible_to(user))
        .select_related("profile__user")
        .order_by("requested_at")
    )


# --- Job search extras ----------------------------------------------------------------------------


def saved_vacancies_of(profile: JobseekerProfile) -> QuerySet[SavedVacancy]:
    return (
        SavedVacancy.objects.filter(profile=profile)
        .select_related("vacancy__company", "vacancy__county")
        .order_by("-saved_at")
    )


def interests_of(profile: JobseekerProfile) -> QuerySet[VacancyInterest]:
    return (
        VacancyInterest.objects.filter(profile=profile)
        .select_related("vacancy__company", "vacancy__county")
        .order_by("-expressed_at")
    )


def job_marks_of(
    profile: JobseekerProfile | None, vacancy_ids: list[int]
) -> tuple[set[int], set[int]]:
    """Which of ``vacancy_ids`` the person saved and which they said they are interested in (two
    queries whatever the number of ids; nothing for no person)."""
    if profile is None or not vacancy_ids:
        return set(), set()
    saved = set(
        SavedVacancy.objects.filter(profile=profile, vacancy_id__in=vacancy_ids).values_list(
            "vacancy_id", flat=True
        )
    )
    interested = set(
        VacancyInterest.objects.filter(profile=profile, vacancy_id__in=vacancy_ids).values_list(
            "vacancy_id", flat=True
        )
    )
    return saved, interested


def interests_visible_to(user: User | AnonymousUser) -> QuerySet[VacancyInterest]:
    """Interests in vacancies of the people ``user`` may see (a counsellor: their agency's)."""
    return (
        VacancyInterest.objects.filter(profile__in=profiles_visible_to(user))
        .select_related("profile__user", "vacancy__company", "vacancy__county")
        .order_by("-expressed_at")
    )


# --- Inactivity rule ------------------------------------------------------------------------------


def _with_last_seen() -> QuerySet[Any]:
    # QuerySet[Any]: django-stubs cannot name a queryset with an alias, and would refuse the
    # filters on last_seen below.
    return JobseekerProfile.objects.filter(account_state=AccountState.ACTIVE).alias(
        last_seen=Coalesce("user__last_login", "user__date_joined")
    )


def profiles_due_inactivity_notice(
    *, now: datetime.datetime | None = None
) -> QuerySet[JobseekerProfile]:
    """Active accounts nobody signed in to for PULS_INACTIVITY_NOTICE_DAYS, not yet warned since
    their last sign-in."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.PULS_INACTIVITY_NOTICE_DAYS)
    return _with_last_seen().filter(
        Q(inactivity_notice_sent_at__isnull=True) | Q(inactivity_notice_sent_at__lt=F("last_seen")),
        last_seen__lt=cutoff,
    )


def profiles_due_inactivity_anonymisation(
    *, now: datetime.datetime | None = None
) -> QuerySet[JobseekerProfile]:
    """Warned accounts with no sign-in since the notice, once PULS_INACTIVITY_GRACE_DAYS passed."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.PULS_INACTIVITY_GRACE_DAYS)
    return _with_last_seen().filter(
        inactivity_notice_sent_at__lt=cutoff, last_seen__lt=F("inactivity_notice_sent_at")
    )


# --- Saved job searches and their alerts ----------------------------------------------------------


def saved_searches_of(profile: JobseekerProfile) -> QuerySet[SavedSearch]:
    """The person's own saved searches (another person's is not among them: 404)."""
    return SavedSearch.objects.filter(profile=profile).select_related("county")


def alert_checked_before(frequency: str, now: datetime.datetime) -> datetime.datetime:
    """A saved search is due for its alert when it was last checked before this moment: the
    start of today (Europe/Bucharest) for a daily alert, of the day six days ago for a weekly one,
    so a run at the same hour every day checks each search once a day or once a week."""
    days_back = 0 if frequency == "daily" else 6
    day = timezone.localdate(now) - datetime.timedelta(days=days_back)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def saved_searches_due(now: datetime.datetime | None = None) -> QuerySet[SavedSearch]:
    """Saved searches of active people whose alert is due (see ``alert_checked_before``)."""
    now = now or timezone.now()
    due = Q()
    for frequency in ("daily", "weekly"):
        due |= Q(frequency=frequency) & (
            Q(checked_at__isnull=True) | Q(checked_at__lt=alert_checked_before(frequency, now))
        )
    return SavedSearch.objects.filter(due, profile__account_state=AccountState.ACTIVE).order_by(
        "pk"
    )


def saved_search_new_vacancies(saved_search: SavedSearch) -> QuerySet[Vacancy]:
    """Open published offers matching the search, published since it was saved, that no alert
    of this search has sent yet; newest first."""
    return (
        employer_selectors.job_search(**saved_search.criteria(), order="date")
        .filter(published_at__gte=saved_search.created_at)
        .exclude(pk__in=saved_search.alerts.values("vacancy_id"))
    )
