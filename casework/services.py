"""Writes of case management: ownership, profiling, plans and their measures, interventions."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Company
from jobseekers.models import JobseekerProfile
from mediation.models import Proposal
from network import selectors as network_selectors
from network.models import Organisation
from puls.accounts.models import Role, User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.formatting import date_long
from puls.notifications.models import NotificationKind
from puls.notifications.services import Text, email_queue, site_url, users_notify
from puls.reference.choices import EmployabilityLevel
from puls.reference.models import Agency
from puls.workflow import transition, transition_begin, transition_check

from . import permissions, selectors
from .models import (
    Attendance,
    CaseFile,
    DigestDelivery,
    GroupSession,
    Intervention,
    LevelThreshold,
    MeasureStatus,
    MeasureType,
    MediationGroup,
    OwnerAssignment,
    Plan,
    PlanMeasure,
    PlanStatus,
    ProfilingFactor,
    ProfilingOption,
    ProfilingResult,
    Referral,
    ReferralStatus,
)


class CaseworkError(ValidationError):
    """A refused action, with the message the person sees."""


# --- Case files and owners ------------------------------------------------------------------------


def case_file_ensure(*, profile: JobseekerProfile) -> CaseFile:
    case_file, _created = CaseFile.objects.get_or_create(profile=profile)
    return case_file


def _check_counsellor_of(owner: User, agency_id: int | None) -> None:
    if owner.role != Role.COUNSELLOR or owner.agency_id != agency_id or not owner.is_active:
        raise CaseworkError(
            _("The case owner must be an active counsellor of the person's agency.")
        )


@transaction.atomic
def case_owner_assign(
    *, case_file: CaseFile, owner: User, by: User, reason: str = "", ip: str | None = None
) -> CaseFile:
    """Give the case to ``owner`` (a counsellor of the person's agency), keeping the history."""
    case_file = CaseFile.objects.select_for_update().select_related("profile").get(pk=case_file.pk)
    _check_counsellor_of(owner, case_file.profile.agency_id)
    if case_file.owner_id == owner.pk:
        raise CaseworkError(_("This counsellor already owns the case."))
    OwnerAssignment.objects.create(
        case_file=case_file, from_owner_id=case_file.owner_id, to_owner=owner, by=by, reason=reason
    )
    case_file.owner = owner
    case_file.save(update_fields=["owner"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=case_file, ip=ip)
    return case_file


def _next_owner(loads: dict[User, list[Any]]) -> User:
    """The counsellor the rule picks from ``loads`` (user → [load, last assigned at])."""
    never = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return min(loads, key=lambda user: (loads[user][0], loads[user][1] or never, user.pk))


@transaction.atomic
def caseload_balance(
    *, agency: Agency | None, by: User, profiles: Iterable[JobseekerProfile], ip: str | None = None
) -> int:
    """Give each of ``profiles`` without an owner to the counsellor the balancing rule picks
    (``selectors.counsellor_loads``), one at a time (so loads even out). Returns the number assigned."""
    if agency is None:  # a superuser, who belongs to no agency
        raise CaseworkError(_("Cases are shared out within one agency, by its administrator."))
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # one balancing at a time
    loads = {
        user: [user.load, user.last_assigned_at]  # type: ignore[attr-defined]
        for user in selectors.counsellor_loads(agency)
    }
    if not loads:
        raise CaseworkError(_("The agency has no active counsellor to assign cases to."))
    assigned = 0
    for profile in profiles:
        if profile.agency_id != agency.pk:
            continue
        case_file = case_file_ensure(profile=profile)
        if case_file.owner_id:
            continue
        owner = _next_owner(loads)
        case_owner_assign(
            case_file=case_file,
            owner=owner,
            by=by,
            reason=_("Balancing of the caseload"),
            ip=ip,
        )
        loads[owner] = [loads[owner][0] + 1, timezone.now()]
        assigned += 1
    return assigned


@transaction.atomic
def case_owner_assign_on_registration(*, profile: JobseekerProfile) -> CaseFile | None:
    """Give a newly registered person a counsellor of their agency by the balancing rule
    (``selectors.counsellor_loads``). The agency's row is locked first, so two registrations at the same
    moment see each other's assignment and do not both go to the same least-loaded counsellor.
    Returns None (the person waits for the agency administrator) when the agency has no active
    counsellor; the administrator can reassign at any time."""
    Agency.objects.select_for_update().filter(pk=profile.agency_id).first()
    owner = selectors.counsellor_loads(profile.agency).first()
    if owner is None:
        return None
    case_file = case_file_ensure(profile=profile)
    if case_file.owner_id:
        return case_file
    OwnerAssignment.objects.create(
        case_file=case_file,
        to_owner=owner,
        by=None,
        reason=_("Assigned on registration (balancing of the caseload)"),
    )
    case_file.owner = owner
    case_file.save(update_fields=["owner"])
    audit_record(actor=None, action=AuditEntry.Action.UPDATE, target=case_file)
    return case_file


# --- Profiling ------------------------------------------------------------------------------------


def level_for_score(score: Decimal) -> str:
    """The level whose threshold is the highest one not above ``score`` (thresholds are data)."""
    threshold = LevelThreshold.objects.filter(min_score__lte=score).order_by("-min_score").first()
    return threshold.level if threshold else EmployabilityLevel.EASY


def profiling_evaluate(
    answers: dict[ProfilingFactor, ProfilingOption],
) -> tuple[Decimal, str, list[dict[str, Any]]]:
    """Score a questionnaire: ``answers`` maps each active factor to the chosen option.

    Returns (score, level, rows); every row says how much its factor contributed."""
    factors = list(ProfilingFactor.objects.filter(active=True).prefetch_related("options"))
    rows, score = [], Decimal(0)
    for factor in factors:
        option = answers.get(factor)
        if option is None or option.factor_id != factor.pk:
            raise CaseworkError(
                _("Answer every question of the questionnaire (missing: %(question)s).")
                % {"question": factor.display_label}
            )
        contribution = factor.weight * option.points
        score += contribution
        rows.append(
            {
                "code": factor.code,
                "question": factor.label,
                "answer": option.label,
                # the snapshot keeps both languages, as the questionnaire had them then
                "question_en": factor.label_en,
                "answer_en": option.label_en,
                "points": option.points,
                "weight": str(factor.weight),
                "contribution": str(contribution),
            }
        )
    return score, level_for_score(score), rows


@transaction.atomic
def profiling_record(
    *,
    case_file: CaseFile,
    answers: dict[ProfilingFactor, ProfilingOption],
    by: User,
    ip: str | None = None,
    prefill: dict[int, Any] | None = None,
) -> ProfilingResult:
    """Profile the person: keep the answers with today's weights and set the current level.
    ``prefill`` ({factor pk: casework.prefill.Prefill}, what the form proposed from the file) is
    kept with each answer: its source, and whether the counsellor confirmed or corrected it."""
    score, level, rows = profiling_evaluate(answers)
    proposed_by_code = {
        factor.code: (prefill or {}).get(factor.pk) for factor in answers if prefill
    }
    for row in rows:
        proposed = proposed_by_code.get(row["code"])
        if proposed is not None:
            row["prefilled"] = {
                "answer": proposed.option.label,
                "source": proposed.source,
                "confirmed": proposed.option.label == row["answer"],
            }
    result = ProfilingResult(
        case_file=case_file, answers=rows, score=score, computed_level=level, author=by
    )
    result.full_clean(exclude=["case_file", "author"])
    result.save()
    CaseFile.objects.filter(pk=case_file.pk).update(level=level)
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=result, ip=ip)
    return result


@transaction.atomic
def profiling_override(
    *, result: ProfilingResult, level: str, reason: str, by: User, ip: str | None = None
) -> ProfilingResult:
    """The counsellor sets another level than the computed one; a written reason is required.
    Only the latest profiling of a case may be overridden (it decides the current level)."""
    reason = (reason or "").strip()
    if not reason:
        raise CaseworkError({"reason": _("Write the reason for overriding the level.")})
    if level not in EmployabilityLevel.values:
        raise CaseworkError({"level": _("Choose one of the four levels.")})
    latest = result.case_file.profilings.order_by("-created_at", "-pk").first()
    if latest is None or latest.pk != result.pk:
        raise CaseworkError(_("Only the latest profiling can be overridden."))
    result.override_level, result.override_reason = level, reason
    result.overridden_by, result.overridden_at = by, timezone.now()
    result.full_clean(exclude=["case_file", "author", "overridden_by"])
    result.save()
    CaseFile.objects.filter(pk=result.case_file_id).update(level=level)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=result, ip=ip)
    return result


# --- Plans ----------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, case_file: CaseFile, goal: str, by: User, ip: str | None = None) -> Plan:
    if case_file.plans.filter(status__in=Plan.OPEN_STATUSES).exists():
        raise CaseworkError(_("This person already has an open plan."))
    plan = Plan(case_file=case_file, goal=goal, created_by=by)
    plan.full_clean(exclude=["case_file", "created_by"])
    plan.save()
    transition_begin(plan, by=by)
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=plan, ip=ip)
    return plan


@transaction.atomic
def plan_measure_add(
    *,
    plan: Plan,
    measure_type: MeasureType,
    responsible: User | None,
    deadline: datetime.date | None,
    by: User,
    details: str = "",
    ip: str | None = None,
) -> PlanMeasure:
    """Add a measure; it needs a responsible person of the agency and a deadline not in the past.
    A plan the person already acknowledged goes back to them for a new acknowledgement."""
    _require_open_plan(plan)
    if responsible is None or deadline is None:
        raise CaseworkError(_("A measure needs a responsible person and a deadline."))
    if deadline < timezone.localdate():
        raise CaseworkError({"deadline": _("The deadline cannot be in the past.")})
    agency_id = plan.case_file.profile.agency_id
    if responsible.role not in Role.agency_roles() or responsible.agency_id != agency_id:
        raise CaseworkError(
            {"responsible": _("The responsible person must work for the person's agency.")}
        )
    if not measure_type.active:
        raise CaseworkError({"measure_type": _("This measure is no longer in the catalogue.")})
    measure = PlanMeasure(
        plan=plan,
        measure_type=measure_type,
        responsible=responsible,
        deadline=deadline,
        details=details,
    )
    measure.full_clean(exclude=["plan", "measure_type", "responsible"])
    measure.save()
    transition_begin(measure, by=by)
    if plan.status == PlanStatus.ACKNOWLEDGED:
        plan.acknowledged_at = None
        transition(
            plan,
            to=PlanStatus.ISSUED,
            by=by,
            reason="measure added",
            update_fields=["acknowledged_at"],
        )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=plan, ip=ip)
    return measure


@transaction.atomic
def plan_issue(*, plan: Plan, by: User, ip: str | None = None) -> Plan:
    """Give the plan to the person for acknowledgement (it needs at least one measure)."""
    if not plan.measures.exists():
        raise CaseworkError(_("Add at least one measure before giving the plan to the person."))
    # an acknowledged plan is issued again only by adding a measure (plan_measure_add)
    transition_check(plan, to=PlanStatus.ISSUED, sources={PlanStatus.DRAFT})
    plan.issued_at = timezone.now()
    transition(plan, to=PlanStatus.ISSUED, by=by, update_fields=["issued_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=plan, ip=ip)
    person = plan.case_file.profile.user
    users_notify(
        users=[person],
        subject=lambda: _("Your individual mediation plan"),
        message=lambda: _(
            "Your counsellor has drawn up your individual mediation plan. Please "
            "read it and confirm that you have taken note of it."
        ),
        link=reverse("casework:my_plan"),
        kind=NotificationKind.PLAN,
    )
    return plan


@transaction.atomic
def plan_acknowledge(*, plan: Plan, by: User, ip: str | None = None) -> Plan:
    """The person confirms online that they have read their plan."""
    if plan.case_file.profile.user_id != by.pk:
        raise CaseworkError(_("Only the person can acknowledge their plan."))
    plan.acknowledged_at = timezone.now()
    transition(plan, to=PlanStatus.ACKNOWLEDGED, by=by, update_fields=["acknowledged_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=plan, ip=ip)
    return plan


@transaction.atomic
def plan_close(*, plan: Plan, by: User, reason: str, ip: str | None = None) -> Plan:
    reason = (reason or "").strip()
    if not reason:
        raise CaseworkError({"reason": _("Write why the plan is closed.")})
    plan.closed_at = timezone.now()
    transition(plan, to=PlanStatus.CLOSED, by=by, reason=reason, update_fields=["closed_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=plan, ip=ip)
    return plan


def _require_open_plan(plan: Plan) -> None:
    if plan.status == PlanStatus.CLOSED:
        raise CaseworkError(_("A closed plan cannot be changed."))


@transaction.atomic
def measure_start(*, measure: PlanMeasure, by: User, ip: str | None = None) -> PlanMeasure:
    _require_open_plan(measure.plan)
    transition(measure, to=MeasureStatus.IN_PROGRESS, by=by)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=measure.plan, ip=ip)
    return measure


@transaction.atomic
def measure_complete(
    *,
    measure: PlanMeasure,
    by: User,
    outcome: str,
    completed_on: datetime.date | None = None,
    ip: str | None = None,
) -> PlanMeasure:
    outcome = (outcome or "").strip()
    if not outcome:
        raise CaseworkError({"outcome": _("Write the outcome of the measure.")})
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise CaseworkError({"completed_on": _("The date cannot be in the future.")})
    _require_open_plan(measure.plan)
    measure.outcome, measure.completed_on = outcome, completed_on
    transition(measure, to=MeasureStatus.DONE, by=by, update_fields=["outcome", "completed_on"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=measure.plan, ip=ip)
    return measure


@transaction.atomic
def measure_cancel(
    *, measure: PlanMeasure, by: User, reason: str, ip: str | None = None
) -> PlanMeasure:
    reason = (reason or "").strip()
    if not reason:
        raise CaseworkError({"outcome": _("Write why the measure is cancelled.")})
    _require_open_plan(measure.plan)
    measure.outcome = reason
    transition(measure, to=MeasureStatus.CANCELLED, by=by, update_fields=["outcome"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=measure.plan, ip=ip)
    return measure


# --- Interventions --------------------------------------------------------------------------------


@transaction.atomic
def intervention_record(
    *,
    case_file: CaseFile,
    by: User,
    happened_on: datetime.date,
    channel: str,
    kind: str,
    note: str,
    sensitive: bool = False,
    ip: str | None = None,
) -> Intervention:
    intervention = Intervention(
        case_file=case_file,
        author=by,
        happened_on=happened_on,
        channel=channel,
        kind=kind,
        note=note,
        sensitive=sensitive,
    )
    intervention.full_clean(exclude=["case_file", "author"])
    intervention.save()
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=intervention, ip=ip)
    return intervention


# --- Weekly digest --------------------------------------------------------------------------------


def week_start_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def digest_send(*, counsellor_id: int, today: datetime.date | None = None) -> bool:
    """Send the counsellor this week's digest of overdue actions and clients without a plan,
    once: the delivery row is written in the same transaction, under a row lock, so a retry or a
    second worker finds it and sends nothing. Returns True when it sent."""
    today = today or timezone.localdate()
    week = week_start_of(today)
    with transaction.atomic():
        counsellor = User.objects.select_for_update().get(pk=counsellor_id)
        if DigestDelivery.objects.filter(counsellor=counsellor, week_start=week).exists():
            return False
        overdue = list(selectors.overdue_measures_of(counsellor, today=today)[:50])
        without_plan = list(selectors.clients_without_plan(counsellor, today=today)[:50])
        DigestDelivery.objects.create(
            counsellor=counsellor, week_start=week, overdue_count=len(overdue)
        )
        context = {
            "counsellor": counsellor,
            "overdue": overdue,
            "without_plan": without_plan,
            "week": week,
            "link": site_url(reverse("casework:caseload")),
        }
        email_queue(
            to=[counsellor.email],
            recipient_user=counsellor,
            subject=lambda: _("PULS: your caseload this week"),
            body=lambda: render_to_string("casework/emails/digest.txt", context),
        )
    return True


def digest_recipients() -> QuerySet[User, int]:
    """Counsellors who own at least one case."""
    return (
        User.objects.filter(role=Role.COUNSELLOR, is_active=True)
        .filter(Q(owned_cases__isnull=False))
        .distinct()
        .values_list("pk", flat=True)
    )


# --- Profiling data (national analyst) ------------------------------------------------------------


@transaction.atomic
def profiling_weights_update(
    *,
    weights: dict[ProfilingFactor, Decimal],
    points: dict[ProfilingOption, int],
    thresholds: dict[str, Decimal],
    by: User,
    ip: str | None = None,
) -> None:
    """Save new factor weights ({factor: Decimal}), answer points ({option: int}) and level
    thresholds ({level: Decimal}). Thresholds must start at 0 and rise from easy to very hard.
    Past profilings keep the weights they were computed with."""
    # A level left without a threshold makes the list shorter than the levels: refused below.
    order = [value for value in map(thresholds.get, EmployabilityLevel.values) if value is not None]
    if (
        len(order) < len(EmployabilityLevel.values)
        or order[0] != 0
        or not all(a < b for a, b in zip(order, order[1:], strict=False))
    ):
        raise CaseworkError(
            _(
                "The thresholds must start at 0 and rise strictly from “easily "
                "employable” to “very hard to employ”."
            )
        )
    for factor, weight in weights.items():
        factor.weight = weight
        factor.full_clean()
        factor.save(update_fields=["weight"])
    for option, value in points.items():
        option.points = value
        option.full_clean()
        option.save(update_fields=["points"])
    for level, min_score in thresholds.items():
        LevelThreshold.objects.update_or_create(level=level, defaults={"min_score": min_score})
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=None, ip=ip)


# --- Mediation groups -----------------------------------------------------------------------------


@transaction.atomic
def group_create(
    *, agency: Agency, name: str, description: str, by: User, ip: str | None = None
) -> MediationGroup:
    group = MediationGroup(agency=agency, name=name, description=description, created_by=by)
    group.full_clean(exclude=["agency", "created_by"])
    group.save()
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=group, ip=ip)
    return group


@transaction.atomic
def group_members_add(
    *, group: MediationGroup, profiles: Iterable[JobseekerProfile], by: User, ip: str | None = None
) -> int:
    """Add people of the group's agency; others are left out. Returns how many were added."""
    allowed = [profile for profile in profiles if profile.agency_id == group.agency_id]
    before = group.members.count()
    group.members.add(*allowed)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=group, ip=ip)
    return group.members.count() - before


@transaction.atomic
def session_plan(
    *,
    group: MediationGroup,
    kind: str,
    starts_at: datetime.datetime,
    place: str,
    companies: Iterable[Company],
    by: User,
    notes: str = "",
    ip: str | None = None,
) -> GroupSession:
    if kind == GroupSession.Kind.EMPLOYER_MEETING and not companies:
        raise CaseworkError(
            {"invited_companies": _("Invite at least one employer to a meeting with employers.")}
        )
    session = GroupSession(group=group, kind=kind, starts_at=starts_at, place=place, notes=notes)
    session.full_clean(exclude=["group"])
    session.save()
    session.invited_companies.set(companies)
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=session, ip=ip)
    return session


@transaction.atomic
def session_record(
    *,
    session: GroupSession,
    attended_ids: Iterable[int],
    proposals: Iterable[Proposal],
    by: User,
    ip: str | None = None,
) -> GroupSession:
    """Record who came (among the group's members) and the proposals the session led to.
    Attendance can be recorded only once the session has started."""
    if session.starts_at > timezone.now():
        raise CaseworkError(_("Attendance can be recorded once the session has taken place."))
    members = list(session.group.members.all())
    for profile in members:
        Attendance.objects.update_or_create(
            session=session, profile=profile, defaults={"attended": profile.pk in attended_ids}
        )
    member_ids = {profile.pk for profile in members}
    session.proposals.set([p for p in proposals if p.profile_id in member_ids])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=session, ip=ip)
    return session


# --- Referrals ------------------------------------------------------------------------------------
# sent → accepted | declined (the organisation) | withdrawn (the counsellor);
# accepted → completed | not taken up (the organisation reports the outcome).
# An organisation nobody represents in PULS cannot answer: the counsellor records the outcome of
# its open referrals (referral_close). casework.permissions holds who may do each.


def _notify_organisation(referral: Referral, *, subject: Text, message: Text) -> None:
    users_notify(
        users=network_selectors.organisation_members(referral.organisation),
        subject=subject,
        message=message,
        link=reverse("casework:received_referral_detail", args=[referral.pk]),
        kind=NotificationKind.REFERRAL,
    )


def _notify_counsellor(referral: Referral, *, subject: Text, message: Text) -> None:
    users_notify(
        users=[referral.referred_by],
        subject=subject,
        message=message,
        link=reverse("casework:case_detail", args=[referral.case_file.profile_id]) + "#referrals",
        kind=NotificationKind.REFERRAL,
    )


def _require_receiving_member(referral: Referral, by: User) -> None:
    if not permissions.is_receiving_member(by, referral):
        raise PermissionDenied(
            _("Only the representatives of the organisation it was sent to answer a referral.")
        )


@transaction.atomic
def referral_create(
    *,
    case_file: CaseFile,
    organisation: Organisation,
    purpose: str,
    by: User,
    note: str = "",
    contact: str = "",
    ip: str | None = None,
) -> Referral:
    """Refer the person to a member organisation; its representatives are told (without the
    person's name: they read it on the referral's page, which is audited)."""
    if organisation.status != Organisation.Status.APPROVED:
        raise CaseworkError({"organisation": _("Choose a member organisation of the network.")})
    referral = Referral(
        case_file=case_file,
        organisation=organisation,
        purpose=purpose,
        note=(note or "").strip(),
        contact=(contact or "").strip(),
        referred_by=by,
    )
    referral.full_clean(exclude=["case_file", "organisation", "referred_by"])
    referral.save()
    transition_begin(referral, by=by)
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=referral, ip=ip)
    agency = case_file.profile.agency
    _notify_organisation(
        referral,
        subject=lambda: _("A person referred to your organisation"),
        message=lambda: (
            _(
                "%(agency)s referred a person to %(organisation)s (%(purpose)s). Read the "
                "referral in PULS and accept or decline it."
            )
            % {
                "agency": agency.name,
                "organisation": organisation.name,
                "purpose": referral.get_purpose_display(),
            }
        ),
    )
    return referral


@transaction.atomic
def referral_accept(*, referral: Referral, by: User, ip: str | None = None) -> Referral:
    """The organisation takes the person on; the referring counsellor is told."""
    _require_receiving_member(referral, by)
    referral.answered_by, referral.answered_at = by, timezone.now()
    transition(
        referral,
        to=ReferralStatus.ACCEPTED,
        by=by,
        update_fields=["answered_by", "answered_at"],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=referral, ip=ip)
    organisation = referral.organisation
    _notify_counsellor(
        referral,
        subject=lambda: (
            _("%(organisation)s accepted your referral") % {"organisation": organisation.name}
        ),
        message=lambda: (
            _(
                "%(organisation)s accepted the referral you sent on %(date)s and will report "
                "its outcome. See it on the person's page."
            )
            % {"organisation": organisation.name, "date": date_long(referral.referred_at)}
        ),
    )
    return referral


@transaction.atomic
def referral_decline(
    *, referral: Referral, reason: str, by: User, ip: str | None = None
) -> Referral:
    """The organisation cannot take the person on, and says why; the counsellor is told."""
    _require_receiving_member(referral, by)
    transition_check(referral, to=ReferralStatus.DECLINED)
    reason = (reason or "").strip()
    if not reason:
        raise CaseworkError({"reason": _("Write why your organisation declines the referral.")})
    referral.decline_reason = reason
    referral.answered_by, referral.answered_at = by, timezone.now()
    referral.full_clean(exclude=["case_file", "organisation", "referred_by", "answered_by"])
    transition(
        referral,
        to=ReferralStatus.DECLINED,
        by=by,
        reason=reason,
        update_fields=["decline_reason", "answered_by", "answered_at"],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=referral, ip=ip)
    organisation = referral.organisation
    _notify_counsellor(
        referral,
        subject=lambda: (
            _("%(organisation)s declined your referral") % {"organisation": organisation.name}
        ),
        message=lambda: (
            _(
                "%(organisation)s declined the referral you sent on %(date)s. Its reason is "
                "on the person's page."
            )
            % {"organisation": organisation.name, "date": date_long(referral.referred_at)}
        ),
    )
    return referral


def _record_outcome(
    referral: Referral, *, status: str, result: str, by: User, sources: set[str]
) -> None:
    if status not in Referral.ENDED_STATUSES:
        raise CaseworkError({"status": _("Choose how the referral ended.")})
    transition_check(referral, to=status, sources=sources)
    result = (result or "").strip()
    if not result:
        raise CaseworkError({"result": _("Write the outcome of the referral.")})
    referral.result, referral.closed_by, referral.closed_at = result, by, timezone.now()
    referral.full_clean(
        exclude=["case_file", "organisation", "referred_by", "answered_by", "closed_by"]
    )
    transition(
        referral,
        to=status,
        by=by,
        reason=result,
        update_fields=["result", "closed_by", "closed_at"],
    )


@transaction.atomic
def referral_report_outcome(
    *, referral: Referral, status: str, result: str, by: User, ip: str | None = None
) -> Referral:
    """The organisation that accepted the referral reports what came of it: completed or not taken
    up, with the outcome in words; the counsellor is told."""
    _require_receiving_member(referral, by)
    _record_outcome(
        referral, status=status, result=result, by=by, sources={ReferralStatus.ACCEPTED}
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=referral, ip=ip)
    organisation = referral.organisation
    _notify_counsellor(
        referral,
        subject=lambda: (
            _("%(organisation)s reported the outcome of your referral")
            % {"organisation": organisation.name}
        ),
        message=lambda: (
            _(
                "%(organisation)s reported the outcome of the referral you sent on %(date)s: "
                "%(status)s. See it on the person's page."
            )
            % {
                "organisation": organisation.name,
                "date": date_long(referral.referred_at),
                "status": referral.get_status_display(),
            }
        ),
    )
    return referral


@transaction.atomic
def referral_close(
    *, referral: Referral, status: str, result: str, by: User, ip: str | None = None
) -> Referral:
    """The counsellor records the outcome of a referral to an organisation nobody represents in
    PULS (it cannot answer here); where someone does, the organisation reports it."""
    if referral.is_open and permissions.partner_answers_online(referral):
        raise CaseworkError(
            _("The organisation answers this referral in PULS and reports its outcome.")
        )
    _record_outcome(
        referral, status=status, result=result, by=by, sources=set(Referral.OPEN_STATUSES)
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=referral, ip=ip)
    return referral


@transaction.atomic
def referral_withdraw(*, referral: Referral, by: User, ip: str | None = None) -> Referral:
    """The counsellor takes back a referral the organisation has not answered; it is told."""
    referral.closed_by, referral.closed_at = by, timezone.now()
    transition(
        referral, to=ReferralStatus.WITHDRAWN, by=by, update_fields=["closed_by", "closed_at"]
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=referral, ip=ip)
    date = referral.referred_at
    _notify_organisation(
        referral,
        subject=lambda: _("A referral to your organisation was withdrawn"),
        message=lambda: (
            _("The employment agency withdrew the referral it sent you on %(date)s.")
            % {"date": date_long(date)}
        ),
    )
    return referral
