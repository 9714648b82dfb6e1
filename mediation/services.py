"""Writes of the mediation app: the proposal lifecycle and learning the weights from outcomes.

proposed → declined (by the person, with a reason)
proposed → sent (the person accepts: the employer now sees it, the person gets the PDF letter)
sent → interview → rejected (a reason from RejectionReason) | hired
sent → rejected | hired
proposed | sent | interview → withdrawn (by the agency, with a reason)

Each transition checks its source states, logs who/when/from/to/why, audits, and e-mails the
other parties after commit. Declined, rejected and hired proposals become Outcome rows, which
``weights_learn`` fits the signal weights to.
"""

import datetime
import logging
from collections.abc import Iterable
from typing import NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employers import services as employer_services
from employers.models import CompanyMembership, Vacancy, VacancyStatus
from jobseekers.models import AccountState, JobseekerProfile
from puls.accounts.models import Role, User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.formatting import date_long, weekday_datetime
from puls.notifications.models import NotificationKind
from puls.notifications.services import Text, users_notify
from puls.workflow import transition, transition_begin, transition_check

from . import facts, index, learning, selectors
from .models import (
    Outcome,
    Proposal,
    ProposalStatus,
    RejectionReason,
    WeightSet,
)
from .scoring import DEFAULT_WEIGHTS, explain, score

logger = logging.getLogger(__name__)

MIN_OUTCOMES = 200


class ProposalRefused(ValidationError):
    """A proposal or a transition refused by a rule of the workflow."""


def _refuse(message: str, code: str = "refused") -> NoReturn:
    raise ProposalRefused(message, code=code)


def _employer_users(vacancy: Vacancy) -> list[User]:
    return [
        membership.user
        for membership in CompanyMembership.objects.filter(
            company_id=vacancy.company_id
        ).select_related("user")
    ]


def _locked(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("vacancy__company", "profile__user", "proposed_by")
        .get(pk=proposal.pk)
    )


def _record_outcome(proposal: Proposal, kind: str, reason: str = "") -> None:
    Outcome.objects.update_or_create(
        proposal=proposal,
        defaults={
            "kind": kind,
            "reason": reason,
            "signals": proposal.signals,
            "recorded_at": timezone.now(),
        },
    )


def vacancy_is_open(vacancy: Vacancy) -> bool:
    return (
        vacancy.status in Vacancy.OPEN_STATUSES
        and vacancy.open_posts > 0
        and (vacancy.valid_until is None or vacancy.valid_until >= timezone.localdate())
    )


# --- Proposing ------------------------------------------------------------------------------------


def _check_may_propose(*, vacancy: Vacancy, profile: JobseekerProfile, by: User) -> None:
    if not (by.is_superuser or by.role in {Role.COUNSELLOR, Role.NATIONAL_ANALYST}):
        raise PermissionDenied(_("Only counsellors propose candidates."))
    if not by.has_national_scope and profile.agency_id != by.agency_id:
        _refuse(
            _(
                "This person is registered with another agency: only that agency, or staff "
                "with a national role, can propose them."
            ),
            code="other_agency",
        )
    if not by.has_national_scope and not (
        vacancy.status == VacancyStatus.PUBLISHED
        or vacancy.company.county.agency.pk == by.agency_id
    ):
        _refuse(
            _("This vacancy is not published and belongs to another agency."), code="other_agency"
        )
    if not vacancy_is_open(vacancy):
        _refuse(_("This vacancy is closed: it no longer takes proposals."), code="closed")
    if profile.account_state != AccountState.ACTIVE or not profile.share_with_employers:
        _refuse(
            _(
                "This person has not agreed to share their profile with employers: they "
                "cannot be proposed."
            ),
            code="no_consent",
        )
    if Proposal.objects.filter(vacancy=vacancy, profile=profile).exists():
        _refuse(_("This person was already proposed for this vacancy."), code="duplicate")


@transaction.atomic
def proposal_create(
    *,
    vacancy: Vacancy,
    profile: JobseekerProfile,
    by: User,
    message: str = "",
    ip: str | None = None,
) -> Proposal:
    """Propose ``profile`` for ``vacancy``, with the score and explanation of this moment."""
    vacancy = (
        Vacancy.objects.select_for_update(of=("self",))
        .select_related("company__county__agency")
        .get(pk=vacancy.pk)
    )
    profile = JobseekerProfile.objects.select_related("user").get(pk=profile.pk)
    _check_may_propose(vacancy=vacancy, profile=profile, by=by)
    weight_set = selectors.active_weight_set()
    weights = selectors.weights_in_use(weight_set)
    context = index.get_index().context
    person = facts.people_facts([profile.pk])[profile.pk]
    vacancy_facts = facts.vacancies_facts([vacancy.pk])[vacancy.pk]
    match = score(person, vacancy_facts, context, weights)
    labels = selectors._skill_labels([match])
    proposal = Proposal(
        vacancy=vacancy,
        profile=profile,
        score=match.score,
        signals=match.signals,
        explanation=explain(match, labels),
        weight_set=weight_set,
        message=message.strip(),
        proposed_by=by,
        agency_id=profile.agency_id,
    )
    proposal.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError:
        _refuse(_("This person was already proposed for this vacancy."), code="duplicate")
    transition_begin(proposal, by=by)
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=proposal, ip=ip)
    users_notify(
        users=[profile.user],
        subject=lambda: _("A job proposal for you: %(title)s") % {"title": vacancy.title},
        message=lambda: (
            _(
                "Your counsellor proposes you for the vacancy “%(title)s” at %(company)s. "
                "Accept or decline it in your dossier."
            )
            % {"title": vacancy.title, "company": vacancy.company.name}
        ),
        link=reverse("mediation:proposal_detail", args=[proposal.pk]),
        kind=NotificationKind.PROPOSAL,
    )
    return proposal


def proposals_create(
    *,
    vacancy: Vacancy,
    profiles: Iterable[JobseekerProfile],
    by: User,
    message: str = "",
    ip: str | None = None,
) -> tuple[list[Proposal], list[tuple[JobseekerProfile, str]]]:
    """Propose several people; returns (proposals made, [(profile, error message)])."""
    made, refused = [], []
    for profile in profiles:
        try:
            made.append(
                proposal_create(vacancy=vacancy, profile=profile, by=by, message=message, ip=ip)
            )
        except (ValidationError, PermissionDenied) as error:
            refused.append((profile, " ".join(getattr(error, "messages", [str(error)]))))
    return made, refused


# --- The person answers ---------------------------------------------------------------------------


def _require_person(proposal: Proposal, by: User) -> None:
    if proposal.profile.user_id != by.pk:
        raise PermissionDenied(_("Only the person proposed can answer this proposal."))


@transaction.atomic
def proposal_accept(*, proposal: Proposal, by: User, ip: str | None = None) -> Proposal:
    """The person accepts: the proposal goes to the employer, with the person's shared profile,
    and the person receives the PDF letter to take to the employer."""
    proposal = _locked(proposal)
    _require_person(proposal, by)
    transition_check(proposal, to=ProposalStatus.SENT)
    if not vacancy_is_open(proposal.vacancy):
        _refuse(_("This vacancy has closed in the meantime."), code="closed")
    now = timezone.now()
    proposal.answered_at = proposal.sent_at = now
    proposal.registration_number = employer_services.registration_number_take(
        agency=proposal.agency, year=timezone.localdate(now).year
    )
    transition(
        proposal,
        to=ProposalStatus.SENT,
        by=by,
        reason=_("Accepted by the person."),
        update_fields=["answered_at", "sent_at", "registration_number"],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=proposal, ip=ip)
    from .pdf import proposal_letter_pdf

    letter = proposal_letter_pdf(proposal)
    vacancy = proposal.vacancy
    link = reverse("mediation:proposal_detail", args=[proposal.pk])
    users_notify(
        users=[proposal.profile.user],
        subject=lambda: _("Your proposal letter: %(title)s") % {"title": vacancy.title},
        message=lambda: (
            _(
                "You accepted the proposal for “%(title)s”. The employer has been told. "
                "Take the attached letter with you to the employer."
            )
            % {"title": vacancy.title}
        ),
        link=link,
        attachments=[(f"{proposal.registration_number}.pdf", letter, "application/pdf")],
    )
    users_notify(
        users=_employer_users(vacancy),
        subject=lambda: (
            _("A candidate proposed by the agency: %(title)s") % {"title": vacancy.title}
        ),
        message=lambda: (
            _(
                "The employment agency proposes a candidate for your vacancy “%(title)s”. "
                "See their profile and answer in PULS."
            )
            % {"title": vacancy.title}
        ),
        link=link,
        kind=NotificationKind.PROPOSAL,
    )
    users_notify(
        users=[proposal.proposed_by],
        subject=lambda: _("Proposal accepted: %(title)s") % {"title": vacancy.title},
        message=lambda: (
            _("The person accepted proposal #%(pk)s; it was sent to the employer.")
            % {"pk": proposal.pk}
        ),
        link=link,
    )
    return proposal


@transaction.atomic
def proposal_decline(
    *, proposal: Proposal, by: User, reason: str, ip: str | None = None
) -> Proposal:
    proposal = _locked(proposal)
    _require_person(proposal, by)
    transition_check(proposal, to=ProposalStatus.DECLINED)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tell your counsellor why you decline.")})
    proposal.answered_at = timezone.now()
    proposal.decline_reason = reason
    transition(
        proposal,
        to=ProposalStatus.DECLINED,
        by=by,
        reason=reason,
        update_fields=["answered_at", "decline_reason"],
    )
    _record_outcome(proposal, Outcome.Kind.DECLINED)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=proposal, ip=ip)
    users_notify(
        users=[proposal.proposed_by],
        subject=lambda: _("Proposal declined: %(title)s") % {"title": proposal.vacancy.title},
        message=lambda: (
            _("The person declined proposal #%(pk)s. Reason: %(reason)s")
            % {"pk": proposal.pk, "reason": reason}
        ),
        link=reverse("mediation:proposal_detail", args=[proposal.pk]),
    )
    return proposal


# --- The employer answers -------------------------------------------------------------------------


def _require_employer(proposal: Proposal, by: User) -> None:
    if not (
        by.is_superuser
        or CompanyMembership.objects.filter(
            company_id=proposal.vacancy.company_id, user=by
        ).exists()
    ):
        raise PermissionDenied(_("You do not represent this company."))


def _employer_notice(
    proposal: Proposal, *, subject: Text, message: Text, kind: str = NotificationKind.OTHER
) -> None:
    link = reverse("mediation:proposal_detail", args=[proposal.pk])
    users_notify(
        users=[proposal.profile.user, proposal.proposed_by],
        subject=subject,
        message=message,
        link=link,
        kind=kind,
    )


@transaction.atomic
def proposal_invite(
    *,
    proposal: Proposal,
    by: User,
    interview_at: datetime.datetime | None = None,
    ip: str | None = None,
) -> Proposal:
    proposal = _locked(proposal)
    _require_employer(proposal, by)
    transition_check(proposal, to=ProposalStatus.INTERVIEW)
    if interview_at is not None and interview_at < timezone.now():
        raise ValidationError({"interview_at": _("The interview cannot be in the past.")})
    proposal.interview_at = interview_at
    transition(proposal, to=ProposalStatus.INTERVIEW, by=by, update_fields=["interview_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=proposal, ip=ip)

    def when() -> str:  # in each recipient's language
        if interview_at:
            return weekday_datetime(interview_at)
        return _("a date the employer will tell you")

    _employer_notice(
        proposal,
        subject=lambda: _("Interview invitation: %(title)s") % {"title": proposal.vacancy.title},
        message=lambda: (
            _("%(company)s invites the candidate of proposal #%(pk)s to an interview on %(when)s.")
            % {"company": proposal.vacancy.company.name, "pk": proposal.pk, "when": when()}
        ),
        kind=NotificationKind.INTERVIEW,
    )
    return proposal


@transaction.atomic
def proposal_reject(
    *, proposal: Proposal, by: User, reason: str, note: str = "", ip: str | None = None
) -> Proposal:
    proposal = _locked(proposal)
    _require_employer(proposal, by)
    transition_check(proposal, to=ProposalStatus.REJECTED)
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    proposal.decided_at = timezone.now()
    proposal.rejection_reason = reason
    proposal.rejection_note = note.strip()
    transition(
        proposal,
        to=ProposalStatus.REJECTED,
        by=by,
        reason=f"{RejectionReason(reason).label}. {note}".strip(),
        update_fields=["decided_at", "rejection_reason", "rejection_note"],
    )
    _record_outcome(proposal, Outcome.Kind.REJECTED, reason)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=proposal, ip=ip)
    _employer_notice(
        proposal,
        subject=lambda: _("Not selected: %(title)s") % {"title": proposal.vacancy.title},
        message=lambda: (
            _("The employer did not select the candidate of proposal #%(pk)s. Reason: %(reason)s")
            % {"pk": proposal.pk, "reason": RejectionReason(reason).label}
        ),
    )
    return proposal


@transaction.atomic
def proposal_hire(
    *, proposal: Proposal, by: User, hired_on: datetime.date | None = None, ip: str | None = None
) -> Proposal:
    """The employer hires the person: the placement is recorded, the filled post is reported
    through the employers app (which decrements the open posts and fills the vacancy at zero)."""
    proposal = _locked(proposal)
    _require_employer(proposal, by)
    transition_check(proposal, to=ProposalStatus.HIRED)
    hired_on = hired_on or timezone.localdate()
    report = employer_services.vacancy_fill_report(
        vacancy=proposal.vacancy, by=by, posts_filled=1, filled_on=hired_on, through_puls=True
    )
    proposal.decided_at = timezone.now()
    proposal.hired_on = hired_on
    proposal.fill_report = report
    transition(
        proposal,
        to=ProposalStatus.HIRED,
        by=by,
        update_fields=["decided_at", "hired_on", "fill_report"],
    )
    _record_outcome(proposal, Outcome.Kind.HIRED)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=proposal, ip=ip)
    _employer_notice(
        proposal,
        subject=lambda: _("Hired: %(title)s") % {"title": proposal.vacancy.title},
        message=lambda: (
            _("%(company)s hired the candidate of proposal #%(pk)s from %(day)s. Congratulations!")
            % {
                "company": proposal.vacancy.company.name,
                "pk": proposal.pk,
                "day": date_long(hired_on),
            }
        ),
    )
    return proposal


@transaction.atomic
def proposal_withdraw(
    *, proposal: Proposal, by: User, reason: str, ip: str | None = None
) -> Proposal:
    proposal = _locked(proposal)
    if not (
        by.has_national_scope or (by.role == Role.COUNSELLOR and proposal.agency_id == by.agency_id)
    ):
        raise PermissionDenied(_("Only the agency that made the proposal can withdraw it."))
    transition_check(proposal, to=ProposalStatus.WITHDRAWN)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the proposal is withdrawn.")})
    was_sent = proposal.status != ProposalStatus.PROPOSED
    transition(proposal, to=ProposalStatus.WITHDRAWN, by=by, reason=reason)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=proposal, ip=ip)
    users = [proposal.profile.user] + (_employer_users(proposal.vacancy) if was_sent else [])
    users_notify(
        users=users,
        subject=lambda: _("Proposal withdrawn: %(title)s") % {"title": proposal.vacancy.title},
        message=lambda: (
            _("The agency withdrew proposal #%(pk)s. Reason: %(reason)s")
            % {"pk": proposal.pk, "reason": reason}
        ),
        link=reverse("mediation:proposal_detail", args=[proposal.pk]),
    )
    return proposal


# --- Learning -------------------------------------------------------------------------------------


def weight_set_default() -> WeightSet:
    """Version 1, the documented defaults, recorded (and active) if no weights exist yet."""
    weight_set, _created = WeightSet.objects.get_or_create(
        version=1,
        defaults={
            "weights": DEFAULT_WEIGHTS,
            "method": "defaults (mediation.scoring.DEFAULT_WEIGHTS)",
            "is_active": not WeightSet.objects.filter(is_active=True).exists(),
            "note": "Set by hand from the mediation brief.",
        },
    )
    return weight_set


@transaction.atomic
def weights_learn(*, min_outcomes: int = MIN_OUTCOMES) -> WeightSet | None:
    """Re-estimate the weights from the outcomes; record the new version; activate it only when
    its held-out log-loss beats the weights in use. Returns the new WeightSet, or None when there
    are not enough outcomes (or no new ones since the last fit)."""
    weight_set_default()
    outcomes = list(Outcome.objects.order_by("recorded_at", "pk").values_list("signals", "kind"))
    if len(outcomes) < min_outcomes:
        return None
    # weight_set_default() above made sure there is one.
    latest = WeightSet.objects.select_for_update().latest("version")
    if (
        latest.training_outcomes + latest.validation_outcomes == len(outcomes)
        and latest.version > 1
    ):
        return None
    current = WeightSet.objects.select_for_update().filter(is_active=True).first()
    current_weights = current.weights if current else DEFAULT_WEIGHTS
    rows = [signals for signals, _kind in outcomes]
    labels = [1 if kind == Outcome.Kind.HIRED else 0 for _signals, kind in outcomes]
    result = learning.fit_weights(rows, labels, current_weights=current_weights)
    better = result.better
    if better and current:
        current.is_active = False
        current.save(update_fields=["is_active"])
    note = (
        "Activated: lower held-out log-loss than the weights in use."
        if better
        else "Kept the weights in use: the new fit was not better on held-out outcomes."
    )
    weight_set = WeightSet.objects.create(
        version=latest.version + 1,
        weights=result.weights or current_weights,
        method=f"logistic regression (Newton, L2={learning.L2}), newest "
        f"{int(learning.HOLDOUT_SHARE * 100)}% held out",
        training_outcomes=result.train_size,
        validation_outcomes=result.test_size,
        validation_log_loss=result.new.log_loss if result.new else None,
        validation_auc=result.new.auc if result.new else None,
        previous_log_loss=result.current.log_loss if result.current else None,
        is_active=better,
        note=note,
    )
    logger.info("Weights v%s fitted on %s outcomes: %s", weight_set.version, len(outcomes), note)
    return weight_set
