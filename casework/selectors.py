"""Reads of case management, each narrowed to what the asking user may see.

Other apps call ``current_levels_for(profile_ids)`` (mediation's candidate filter) and
``plan_for_jobseeker(profile)`` ("my dossier", through templates/casework/partials/).
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from employers import selectors as employer_selectors
from employers.models import Company
from jobseekers import selectors as jobseeker_selectors
from jobseekers.models import AccountState, JobseekerProfile
from mediation import selectors as mediation_selectors
from mediation.models import Proposal
from network import selectors as network_selectors
from network.models import Organisation, Representative
from puls.accounts.models import Role, User
from puls.collation import RomanianOrder
from puls.reference.models import Agency
from puls.reference.selectors import search_cor_occupations, search_esco_occupations

from .models import (
    CaseFile,
    GroupSession,
    Intervention,
    LevelThreshold,
    MeasureType,
    MediationGroup,
    OwnerAssignment,
    Plan,
    PlanMeasure,
    PlanStatus,
    ProfilingFactor,
    ProfilingResult,
    Referral,
    ReferralTransition,
)


def current_levels_for(profile_ids: Iterable[int]) -> dict[int, str]:
    """{profile id: employability level} of the given profiles that have been profiled."""
    return dict(
        CaseFile.objects.filter(profile_id__in=list(profile_ids))
        .exclude(level="")
        .values_list("profile_id", "level")
    )


def case_profiles_for(user: User | AnonymousUser) -> QuerySet[JobseekerProfile]:
    """People whose case ``user`` may work on: the agency's, for its counsellors and admin."""
    if not user.is_authenticated or not (user.is_superuser or user.role in Role.agency_roles()):
        return JobseekerProfile.objects.none()
    return jobseeker_selectors.profiles_visible_to(user).exclude(account_state=AccountState.CLOSED)


def person_profiles_for(user: User | AnonymousUser) -> QuerySet[JobseekerProfile]:
    """People whose page (dossier and case) ``user`` may open: the agency's, for its counsellors
    and admin (closed accounts too: their dossier stays readable, their case does not)."""
    if not user.is_authenticated or not (user.is_superuser or user.role in Role.agency_roles()):
        return JobseekerProfile.objects.none()
    return jobseeker_selectors.profiles_visible_to(user)


def case_files_for(user: User | AnonymousUser) -> QuerySet[CaseFile]:
    return CaseFile.objects.filter(profile__in=case_profiles_for(user)).select_related(
        "profile__user", "profile__agency", "owner"
    )


def may_read_sensitive(user: User | AnonymousUser, case_file: CaseFile) -> bool:
    """Sensitive notes stay with the case owner and the administrator of the person's agency."""
    if not user.is_authenticated:
        return False
    if user.pk is not None and user.pk == case_file.owner_id:
        return True
    return user.role == Role.AGENCY_ADMIN and user.agency_id == case_file.profile.agency_id


def _with_next_action(case_files: QuerySet[CaseFile], today: datetime.date) -> QuerySet[CaseFile]:
    open_measures = PlanMeasure.objects.open().exclude(plan__status=PlanStatus.CLOSED)
    return case_files.annotate(
        next_deadline=Min("plans__measures__deadline", filter=Q(plans__measures__in=open_measures)),
        overdue=Count(
            "plans__measures",
            distinct=True,
            filter=Q(plans__measures__in=open_measures.filter(deadline__lt=today)),
        ),
        has_open_plan=Exists(
            Plan.objects.filter(case_file=OuterRef("pk"), status__in=Plan.OPEN_STATUSES)
        ),
    )


def caseload_of(user: User, *, today: datetime.date | None = None) -> QuerySet[CaseFile]:
    """The cases ``user`` owns with their level, next deadline, count of overdue actions and the
    status of their latest plan (``casework.filters.CaseloadFilter`` searches, filters and orders
    them)."""
    today = today or timezone.localdate()
    case_files = (
        CaseFile.objects.filter(owner=user)
        .exclude(profile__account_state=AccountState.CLOSED)
        .select_related("profile__user")
        .annotate(
            plan_status=Subquery(
                Plan.objects.filter(case_file=OuterRef("pk")).order_by("-pk").values("status")[:1]
            )
        )
    )
    return _with_next_action(case_files, today).order_by(
        "next_deadline", "profile__user__last_name", "pk"
    )


def plan_due_days() -> int:
    """Days after registration within which the plan must be drawn up (settings, default 30)."""
    return settings.CASEWORK_PLAN_DUE_DAYS


def overdue_measures_of(user: User, *, today: datetime.date | None = None) -> QuerySet[PlanMeasure]:
    """Open measures past their deadline in the cases ``user`` owns or is responsible for."""
    return (
        PlanMeasure.objects.overdue(today)
        .filter(Q(plan__case_file__owner=user) | Q(responsible=user))
        .select_related("measure_type", "plan__case_file__profile__user", "responsible")
        .order_by("deadline", "pk")
    )


def clients_without_plan(user: User, *, today: datetime.date | None = None) -> QuerySet[CaseFile]:
    """Cases of ``user`` registered longer ago than the plan deadline and still without a plan."""
    today = today or timezone.localdate()
    limit = datetime.datetime.combine(
        today - datetime.timedelta(days=plan_due_days()),
        datetime.time.min,
        tzinfo=timezone.get_current_timezone(),
    )
    return (
        CaseFile.objects.filter(owner=user, profile__registered_at__lt=limit)
        .exclude(profile__account_state=AccountState.CLOSED)
        .exclude(Exists(Plan.objects.filter(case_file=OuterRef("pk"))))
        .select_related("profile__user")
        .order_by("profile__registered_at")
    )


def unassigned_profiles(user: User) -> QuerySet[JobseekerProfile]:
    """People of the admin's agency without a case owner, oldest registration first."""
    return (
        case_profiles_for(user)
        .exclude(Exists(CaseFile.objects.filter(profile=OuterRef("pk"), owner__isnull=False)))
        .order_by("registered_at", "pk")
    )


def counsellor_loads(agency: Agency | int | None) -> QuerySet[User]:
    """Active counsellors of ``agency`` in the order the balancing rule gives them new cases.

    The rule (documented in README, Case management): the fewest **open cases** first (cases owned
    whose person's account is not closed); between equals, the one whose latest assignment is the
    **earliest** (never assigned first), so new cases go round; then the oldest account. PULS
    records no specialism of counsellors (vulnerable groups, youth), so none breaks ties yet.
    Each user carries ``load`` and ``last_assigned_at``."""
    latest = OwnerAssignment.objects.filter(to_owner=OuterRef("pk")).order_by("-at", "-pk")
    return (
        User.objects.filter(role=Role.COUNSELLOR, agency=agency, is_active=True)
        .annotate(
            load=Count(
                "owned_cases",
                filter=~Q(owned_cases__profile__account_state=AccountState.CLOSED),
                distinct=True,
            ),
            last_assigned_at=Subquery(latest.values("at")[:1]),
        )
        .order_by("load", F("last_assigned_at").asc(nulls_first=True), "pk")
    )


def counsellors_of(user: User) -> QuerySet[User]:
    return counsellor_loads(user.agency_id)


def case_file_or_unsaved(profile: JobseekerProfile) -> CaseFile:
    """The person's case, or an unsaved one when there is none yet (for reading: no write)."""
    return CaseFile.objects.filter(profile=profile).first() or CaseFile(profile=profile)


def case_detail(case_file: CaseFile) -> CaseFile:
    """A case with its profilings, plans (with measures) and interventions loaded."""
    return (
        CaseFile.objects.select_related("profile__user", "profile__agency", "owner")
        .prefetch_related(
            Prefetch(
                "profilings",
                queryset=ProfilingResult.objects.select_related("author", "overridden_by"),
            ),
            Prefetch(
                "plans",
                queryset=Plan.objects.prefetch_related(
                    Prefetch(
                        "measures",
                        queryset=PlanMeasure.objects.select_related("measure_type", "responsible"),
                    )
                ),
            ),
            Prefetch("interventions", queryset=Intervention.objects.select_related("author")),
            Prefetch("referrals", queryset=_with_partner_online(case_referrals())),
        )
        .get(pk=case_file.pk)
    )


def plans_for(user: User | AnonymousUser) -> QuerySet[Plan]:
    return Plan.objects.filter(case_file__in=case_files_for(user)).select_related(
        "case_file__profile__user", "case_file__profile__agency", "created_by"
    )


def measures_for(user: User | AnonymousUser) -> QuerySet[PlanMeasure]:
    return PlanMeasure.objects.filter(plan__in=plans_for(user)).select_related(
        "plan__case_file__profile", "measure_type"
    )


def interventions_for(user: User | AnonymousUser) -> QuerySet[Intervention]:
    return Intervention.objects.filter(case_file__in=case_files_for(user)).select_related(
        "case_file__profile", "author"
    )


def profilings_for(user: User | AnonymousUser) -> QuerySet[ProfilingResult]:
    return ProfilingResult.objects.filter(case_file__in=case_files_for(user)).select_related(
        "case_file"
    )


def plan_with_measures(plan: Plan) -> Plan:
    return (
        Plan.objects.select_related(
            "case_file__profile__user", "case_file__profile__agency", "created_by"
        )
        .prefetch_related(
            Prefetch(
                "measures",
                queryset=PlanMeasure.objects.select_related("measure_type", "responsible"),
            ),
            "transitions__by",
        )
        .get(pk=plan.pk)
    )


def plan_for_jobseeker(profile: JobseekerProfile) -> Plan | None:
    """The plan the person sees in "my dossier": their latest one given to them (drafts stay with
    the counsellor), with its measures; None without one."""
    plan = (
        Plan.objects.filter(case_file__profile=profile)
        .exclude(status=PlanStatus.DRAFT)
        .order_by("-created_at", "-pk")
        .first()
    )
    return plan_with_measures(plan) if plan else None


def plan_of_user(user: User | AnonymousUser) -> Plan | None:
    profile = jobseeker_selectors.profile_of(user)
    return plan_for_jobseeker(profile) if profile else None


def active_factors() -> QuerySet[ProfilingFactor]:
    return ProfilingFactor.objects.filter(active=True).prefetch_related("options")


def all_factors() -> QuerySet[ProfilingFactor]:
    return ProfilingFactor.objects.prefetch_related("options")


def thresholds() -> QuerySet[LevelThreshold]:
    return LevelThreshold.objects.order_by("min_score")


def measure_catalogue() -> QuerySet[MeasureType]:
    return MeasureType.objects.filter(active=True)


def training_catalogue() -> QuerySet[MeasureType]:
    """The measures in use that teach at least one competence, with those competences."""
    return measure_catalogue().filter(skills__isnull=False).distinct().prefetch_related("skills")


def measures_teaching_by_label() -> dict[str, list[MeasureType]]:
    """The measures in use that teach each competence, keyed by the competence's label in the
    active language (the key mediation's explanations name competences by). Two queries."""
    measures: dict[str, list[MeasureType]] = {}
    for measure in training_catalogue():
        for skill in measure.skills.all():
            measures.setdefault(skill.label(), []).append(measure)
    return measures


def agency_staff_for(plan: Plan) -> QuerySet[User]:
    """Who can be made responsible for a measure: the staff of the person's agency."""
    return User.objects.filter(
        role__in=Role.agency_roles(), is_active=True, agency_id=plan.case_file.profile.agency_id
    ).order_by("last_name", "first_name")


# --- Mediation groups and referrals ---------------------------------------------------------------


def groups_for(user: User | AnonymousUser) -> QuerySet[MediationGroup]:
    """Mediation groups of the user's agency (counsellors and agency admin)."""
    if not user.is_authenticated or user.role not in Role.agency_roles():
        return MediationGroup.objects.none()
    return (
        MediationGroup.objects.filter(agency=user.agency_id)
        .annotate(
            member_count=Count("members", distinct=True),
            session_count=Count("sessions", distinct=True),
        )
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


def group_detail(group: MediationGroup) -> MediationGroup:
    return (
        MediationGroup.objects.select_related("agency")
        .prefetch_related(
            Prefetch(
                "members", queryset=JobseekerProfile.objects.select_related("user", "case_file")
            ),
            Prefetch(
                "sessions",
                queryset=GroupSession.objects.prefetch_related("invited_companies").annotate(
                    present=Count("attendances", filter=Q(attendances__attended=True))
                ),
            ),
        )
        .get(pk=group.pk)
    )


def group_candidates(
    user: User, *, group: MediationGroup, occupation: str = "", level: str = "", limit: int = 50
) -> QuerySet[JobseekerProfile]:
    """People of the agency not yet in ``group`` whose experience or wished occupations match
    ``occupation`` (a COR name or code, as people picked it, or an ESCO label or code) and, if
    given, whose employability level is ``level``."""
    profiles = case_profiles_for(user).exclude(pk__in=group.members.values("pk"))
    if occupation:
        occupations = search_esco_occupations(occupation, language=None, limit=200)
        ids = list(occupations.values_list("pk", flat=True))
        cor_ids = list(search_cor_occupations(occupation, limit=200).values_list("pk", flat=True))
        profiles = profiles.filter(
            Q(experience__occupation__in=ids)
            | Q(wished_occupations__in=ids)
            | Q(experience__cor_occupation__in=cor_ids)
            | Q(occupation_wishes__cor_occupation__in=cor_ids)
        )
    if level:
        profiles = profiles.filter(case_file__level=level)
    return (
        profiles.distinct()
        .select_related("user", "case_file")
        .order_by("user__last_name", "pk")[:limit]
    )


def sessions_for(user: User | AnonymousUser) -> QuerySet[GroupSession]:
    return GroupSession.objects.filter(group__in=groups_for(user)).select_related("group")


def session_detail(session: GroupSession) -> GroupSession:
    return (
        GroupSession.objects.select_related("group")
        .prefetch_related(
            "invited_companies",
            "attendances",
            Prefetch(
                "proposals",
                queryset=Proposal.objects.select_related("vacancy__company", "profile__user"),
            ),
            Prefetch("group__members", queryset=JobseekerProfile.objects.select_related("user")),
        )
        .get(pk=session.pk)
    )


def proposals_of_members(user: User, session: GroupSession) -> QuerySet[Proposal]:
    """Proposals of the group's members the user may see, made since the session's day."""
    return (
        mediation_selectors.proposals_visible_to(user)
        .filter(
            profile__in=session.group.members.all(),
            created_at__date__gte=timezone.localtime(session.starts_at).date(),
        )
        .order_by("-created_at")
    )


def companies_to_invite(user: User) -> QuerySet[Company]:
    return employer_selectors.companies_visible_to(user).filter(status=Company.Status.VERIFIED)


def partner_organisations() -> QuerySet[Organisation]:
    """Member organisations of the partner network (approved), to refer clients to."""
    return (
        Organisation.objects.filter(status=Organisation.Status.APPROVED)
        .select_related("county")
        .order_by(RomanianOrder("name"))
    )


def referrals_for(user: User | AnonymousUser) -> QuerySet[Referral]:
    return Referral.objects.filter(case_file__in=case_files_for(user)).select_related(
        "organisation", "referred_by", "case_file"
    )


def _with_partner_online(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """``partner_online``: the organisation has an active account representing it now, so it
    answers the referral in PULS (casework.permissions.partner_answers_online)."""
    online = Representative.objects.active().filter(
        organisation=OuterRef("organisation_id"), user__is_active=True
    )
    return referrals.annotate(partner_online=Exists(online))


def case_referrals() -> QuerySet[Referral]:
    """Referrals as the person's page lists them: who sent them, who answered and closed them."""
    return Referral.objects.select_related(
        "organisation", "referred_by", "answered_by", "closed_by"
    )


def referrals_received_by(user: User | AnonymousUser) -> QuerySet[Referral]:
    """The referrals sent to the organisation ``user`` represents now (none for anyone else)."""
    if not user.is_authenticated or user.role != Role.NETWORK_MEMBER:
        return Referral.objects.none()
    representative = network_selectors.current_representation(user)
    if representative is None:
        return Referral.objects.none()
    return (
        Referral.objects.filter(organisation_id=representative.organisation_id)
        .select_related("case_file__profile__user", "referred_by", "organisation")
        .order_by("-referred_at", "-pk")
    )


def received_referral_detail(referral: Referral) -> Referral:
    """What the organisation needs to serve the person: who they are, the contact they gave, the
    counsellor who referred them and the agency, and the referral's history."""
    return (
        Referral.objects.select_related(
            "organisation",
            "case_file__profile__user",
            "case_file__profile__agency",
            "referred_by",
            "answered_by",
            "closed_by",
        )
        .prefetch_related(Prefetch("transitions", queryset=_transitions_with_authors()))
        .get(pk=referral.pk)
    )


def _transitions_with_authors() -> QuerySet[ReferralTransition]:
    return ReferralTransition.objects.select_related("by").order_by("at", "pk")
