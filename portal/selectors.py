"""Reads of the role home pages, each combining several apps' selectors."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from casework import selectors as casework_selectors
from casework.models import MeasureType, PlanStatus
from employers import selectors as employer_selectors
from employers.models import Vacancy
from jobseekers import selectors as jobseeker_selectors
from jobseekers.models import DossierDocument, JobseekerProfile, ReviewStatus
from mediation import selectors as mediation_selectors
from mediation.models import Proposal, ProposalStatus
from puls.accounts.models import User
from puls.reference.models import County

DECIDED_STATUSES = (ProposalStatus.HIRED, ProposalStatus.REJECTED, ProposalStatus.DECLINED)


def counsellor_home(user: User, *, today: datetime.date | None = None) -> dict[str, Any]:
    """Everything the counsellor's home page shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    calendar = (
        jobseeker_selectors.agency_calendar(user.agency, first_day=today, days=1, counsellor=user)
        if user.agency is not None
        else []
    )
    proposals = mediation_selectors.proposals_visible_to(user)
    documents = DossierDocument.objects.filter(
        profile__in=jobseeker_selectors.profiles_visible_to(user),
        review_status=ReviewStatus.PENDING,
    )
    return {
        "today": today,
        "appointments": [slot for slot in calendar if slot.held],
        "overdue": list(casework_selectors.overdue_measures_of(user, today=today)[:20]),
        "without_plan": list(casework_selectors.clients_without_plan(user, today=today)[:20]),
        "employer_follow_ups": list(employer_selectors.follow_ups_of(user, today=today)[:20]),
        "review_counts": {
            "documents": documents.count(),
            "vacancies": employer_selectors.vacancies_to_publish(user).count(),
            "companies": employer_selectors.companies_to_verify(user).count(),
            "company_documents": employer_selectors.documents_to_review(user).count(),
        },
        "outcomes": list(
            proposals.filter(status__in=DECIDED_STATUSES).order_by(
                "-decided_at", "-answered_at", "-pk"
            )[:8]
        ),
    }


# --- "Jobs that fit me" ---------------------------------------------------------------------------

# How many of the engine's best vacancies the page pages through (the schedule filter narrows them).
MATCHES_SHOWN = 100


@dataclass
class JobMatch:
    vacancy: Vacancy
    score: int
    explanation: dict
    # Each essential competence the person lacks, with the training measures that teach it.
    missing: list[tuple[str, list[MeasureType]]]
    proposal: Proposal | None
    saved: bool
    interested: bool


@dataclass
class JobseekerTodo:
    """What needs the person's answer, on top of their home page ("De făcut")."""

    proposals: list[Proposal]
    plan: Any
    next_appointment: Any
    documents_to_replace: list[DossierDocument]

    def __bool__(self) -> bool:
        return bool(
            self.proposals or self.plan or self.next_appointment or self.documents_to_replace
        )


def jobseeker_todo(profile: JobseekerProfile, *, upcoming: list) -> JobseekerTodo:
    """Proposals awaiting an answer, the plan awaiting acknowledgement, the next appointment
    (from ``upcoming``, already read) and documents the agency asked to be uploaded again."""
    plan = casework_selectors.plan_for_jobseeker(profile)
    return JobseekerTodo(
        proposals=list(
            mediation_selectors.proposals_for_jobseeker(profile).filter(
                status=ProposalStatus.PROPOSED
            )[:10]
        ),
        plan=plan if plan is not None and plan.status == PlanStatus.ISSUED else None,
        next_appointment=upcoming[0] if upcoming else None,
        documents_to_replace=list(
            DossierDocument.objects.filter(profile=profile, review_status=ReviewStatus.REJECTED)
            .select_related("document")
            .order_by("-pk")[:10]
        ),
    )


def matches_unavailable_because(profile: JobseekerProfile) -> str | None:
    """Why "Jobs that fit me" has nothing to rank: "no_consent", "no_skills", or None."""
    if not profile.matching_consented:
        return "no_consent"
    if not profile.skills.exists():
        return "no_skills"
    return None


def jobseeker_matches(
    profile: JobseekerProfile, *, county: County | None = None, schedule: str = ""
) -> list[JobMatch]:
    """The open published vacancies that fit ``profile``, best first, as mediation's engine ranks
    and explains them for staff (``ranked_vacancies``: the same order, scores and explanation),
    each with the training measures that teach a missing competence and whether the person
    already saved it or told their counsellor of their interest. Nothing without the person's
    consent to matching. A fixed number of queries, whatever the number of rows."""
    if not profile.matching_consented:
        return []
    rows = mediation_selectors.ranked_vacancies(
        profile=profile,
        user=profile.user,
        county=county.pk if county is not None else None,
        limit=MATCHES_SHOWN,
    )
    if schedule:
        rows = [row for row in rows if row.vacancy.schedule == schedule]
    ids = [row.vacancy.pk for row in rows]
    saved, interested = jobseeker_selectors.job_marks_of(profile, ids)
    teaching = casework_selectors.measures_teaching_by_label() if rows else {}
    return [
        JobMatch(
            vacancy=row.vacancy,
            score=row.score,
            explanation=row.explanation,
            missing=[(label, teaching.get(label, [])) for label in row.explanation["missing"]],
            proposal=row.proposal,
            saved=row.vacancy.pk in saved,
            interested=row.vacancy.pk in interested,
        )
        for row in rows
    ]
