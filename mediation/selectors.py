"""Reads of the mediation app, each narrowed to what the asking user may see.

Other apps include ``proposals_for_company(company)`` (the employer dashboard) and
``proposals_for_jobseeker(profile)`` ("my dossier") through the partials in
templates/mediation/partials/.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from employers import selectors as employer_selectors
from employers.models import Company, Vacancy
from jobseekers import selectors as jobseeker_selectors
from jobseekers.models import AccountState, JobseekerProfile
from puls.accounts.models import Role, User
from puls.reference.labels import concept_label
from puls.reference.models import Agency, Skill

from . import facts, index
from .models import Proposal, ProposalStatus, WeightSet
from .scoring import DEFAULT_WEIGHTS, explain, score

SHOWN = 50


def active_weight_set() -> WeightSet | None:
    return WeightSet.objects.filter(is_active=True).first()


def weights_in_use(weight_set: WeightSet | None = None) -> dict[str, float]:
    weight_set = weight_set or active_weight_set()
    return weight_set.weights if weight_set else DEFAULT_WEIGHTS


def weight_sets() -> QuerySet[WeightSet]:
    return WeightSet.objects.order_by("-version")


# --- Proposals ------------------------------------------------------------------------------------


def _proposal_queryset() -> QuerySet[Proposal]:
    return Proposal.objects.select_related(
        "vacancy__company",
        "vacancy__county",
        "profile__user",
        "profile__county",
        "agency",
        "proposed_by",
    )


def proposals_visible_to(user: User | AnonymousUser) -> QuerySet[Proposal]:
    """The person's own proposals; those sent to the employer's companies; the agency's (made by
    it, or for its companies' vacancies) for its staff; all for national roles."""
    proposals = _proposal_queryset()
    if not user.is_authenticated:
        return proposals.none()
    if user.has_national_scope:
        return proposals
    if user.role == Role.JOBSEEKER:
        return proposals.filter(profile__user=user)
    if user.role == Role.EMPLOYER:
        return proposals.filter(
            vacancy__company__memberships__user=user, status__in=Proposal.EMPLOYER_STATUSES
        ).distinct()
    if user.role in Role.agency_roles():
        # The company's agency sees another agency's proposals only once the person accepted.
        return proposals.filter(
            Q(agency_id=user.agency_id)
            | Q(
                vacancy__company__county__agency=user.agency_id,
                status__in=Proposal.EMPLOYER_STATUSES,
            )
        )
    return proposals.none()


def proposals_for_company(company: Company) -> QuerySet[Proposal]:
    """What the employer sees: proposals the person accepted, newest first."""
    return (
        _proposal_queryset()
        .filter(vacancy__company=company, status__in=Proposal.EMPLOYER_STATUSES)
        .order_by("-sent_at", "-pk")
    )


def proposals_for_jobseeker(profile: JobseekerProfile) -> QuerySet[Proposal]:
    return _proposal_queryset().filter(profile=profile).order_by("-created_at", "-pk")


def proposal_detail(queryset: QuerySet[Proposal], pk: int) -> Proposal:
    return queryset.prefetch_related("transitions__by").get(pk=pk)


def shared_profile(profile: JobseekerProfile) -> dict[str, Any]:
    """The part of a dossier an employer may see once the person accepted a proposal: their
    name, competences, experience, education, languages and licences; never the CNP or contact
    details."""
    profile = jobseeker_selectors.dossier_detail(profile)
    return {
        "name": profile.display_name,
        "locality": profile.locality,
        "county": profile.county,
        "skills": list(profile.skills.all()),
        "experience": list(profile.experience.all()),
        "education": list(profile.education.all()),
        "languages": list(profile.languages.all()),
        "driving_licences": list(profile.driving_licences.all()),
    }


def counsellor_dashboard(user: User) -> dict[str, Any]:
    proposals = proposals_visible_to(user)
    counts = dict(proposals.values_list("status").annotate(n=Count("pk")).order_by())
    return {
        "recent_proposals": proposals.order_by("-created_at", "-pk")[:10],
        "status_counts": [(label, counts.get(value, 0)) for value, label in ProposalStatus.choices],
        "weight_set": active_weight_set(),
    }


# --- What staff may match -----------------------------------------------------------------------


def vacancies_for_matching(user: User) -> QuerySet[Vacancy]:
    """Vacancies a staff member may look for candidates for: those they see (their agency's, or
    all for national roles) plus every published one."""
    visible = employer_selectors.vacancies_visible_to(user)
    return Vacancy.objects.select_related("company", "county", "cor_occupation").filter(
        Q(pk__in=visible.values("pk"))
        | Q(pk__in=employer_selectors.published_vacancies().values("pk"))
    )


def open_vacancies_of_agency(user: User) -> QuerySet[Vacancy]:
    """The agency's vacancies still looking for people (all for national roles)."""
    vacancies = employer_selectors.vacancies_visible_to(user).filter(
        pk__in=facts.open_vacancies().values("pk")
    )
    return vacancies.annotate(proposal_count=Count("proposals")).order_by("valid_until", "pk")


def profiles_for_matching(user: User) -> QuerySet[JobseekerProfile]:
    return jobseeker_selectors.profiles_visible_to(user)


# --- Ranked lists ---------------------------------------------------------------------------------


@dataclass
class CandidateRow:
    profile: JobseekerProfile
    score: int
    explanation: dict
    proposal: Proposal | None
    same_agency: bool


@dataclass
class VacancyRow:
    vacancy: Vacancy
    score: int
    explanation: dict
    proposal: Proposal | None


def _skill_labels(matches: Iterable[Any]) -> dict[int, str]:
    ids: set[int] = set()
    for match in matches:
        ids.update(match.matched_essential, match.missing_essential, match.matched_optional)
        ids.update(match.implied)
        for asked, held in match.related_essential:
            ids.update((asked, held))
    # Labels that know their language: a page marks the English ones lang="en".
    return {
        skill.pk: concept_label(skill)
        for skill in Skill.objects.filter(pk__in=ids).only("pk", "uri", "preferred_labels")
    }


def _best_explained(
    matches: dict[int, Any], limit: int, proposals: QuerySet[Proposal], key: str
) -> list[tuple[int, Any, Any, Proposal | None]]:
    """The ``limit`` best of ``matches`` (by score, then by id, so ties keep one order), each as
    (id, match, explanation, the proposal already made for it): ``proposals`` are those of the
    other side, ``key`` the field holding the id. Two queries, whatever ``limit``."""
    made = {getattr(p, key): p for p in proposals.filter(**{f"{key}__in": list(matches)})}
    labels = _skill_labels(matches.values())
    ordered = sorted(matches.items(), key=lambda item: (-item[1].score, item[0]))[:limit]
    return [(pk, match, explain(match, labels), made.get(pk)) for pk, match in ordered]


def _agency_county(user: User) -> str | None:
    return user.agency.county_id if user.agency else None


def ranked_candidates(
    *,
    vacancy: Vacancy,
    user: User,
    national: bool = False,
    county: str | None = None,
    vulnerable: bool | None = None,
    level: str | None = None,
    limit: int = SHOWN,
) -> list[CandidateRow]:
    """The best candidates for ``vacancy``: retrieved from the index, then re-scored from fresh
    rows and re-checked against the hard filters. A fixed number of queries, whatever ``limit``.

    Staff of an agency see the people of their agency unless ``national``; people of other
    agencies are then shown without their name (``same_agency`` False): only their agency can
    propose them, unless the user has a national role. ``level`` (an employability level of
    casework's profiling) keeps only the people currently at that level."""
    snapshot = index.get_index()
    vacancy_facts = facts.vacancies_facts([vacancy.pk])[vacancy.pk]
    weight_set = active_weight_set()
    weights = weights_in_use(weight_set)
    agency_county = None if (national or user.has_national_scope) else _agency_county(user)
    hits = snapshot.top_candidates(
        vacancy_facts,
        limit=limit * 2,
        weights=weights,
        county=county or None,
        agency_county=agency_county,
        vulnerable=vulnerable or None,
        level=level or None,
    )
    ids = [profile_id for profile_id, _match in hits]
    fresh = facts.people_facts(ids)
    current = JobseekerProfile.objects.filter(
        pk__in=ids, account_state=AccountState.ACTIVE, share_with_employers=True
    )
    if level:  # the level may have changed since the snapshot: re-check it on the fresh row
        current = current.filter(case_file__level=level)
    profiles = {
        profile.pk: profile for profile in current.select_related("user", "county", "agency")
    }
    matches = {
        pk: score(person, vacancy_facts, snapshot.context, weights)
        for pk, person in fresh.items()
        if pk in profiles
    }
    best = _best_explained(matches, limit, Proposal.objects.filter(vacancy=vacancy), "profile_id")
    return [
        CandidateRow(
            profile=profiles[pk],
            score=match.score,
            explanation=explanation,
            proposal=proposal,
            same_agency=user.has_national_scope or profiles[pk].agency_id == user.agency_id,
        )
        for pk, match, explanation, proposal in best
    ]


def ranked_vacancies(
    *, profile: JobseekerProfile, user: User, county: str | None = None, limit: int = SHOWN
) -> list[VacancyRow]:
    """The best open vacancies for ``profile`` (published ones anywhere, and the agency's
    submitted ones), re-scored from fresh rows."""
    snapshot = index.get_index()
    person = facts.people_facts([profile.pk]).get(profile.pk)
    if person is None:
        return []
    weights = weights_in_use()
    hits = snapshot.top_vacancies(
        person,
        limit=limit * 2,
        weights=weights,
        county=county or None,
        agency_county=_agency_county(user),
    )
    ids = [vacancy_id for vacancy_id, _match in hits]
    fresh = facts.vacancies_facts(ids)
    today = timezone.localdate()
    vacancies = {
        vacancy.pk: vacancy
        for vacancy in vacancies_for_matching(user)
        .filter(
            pk__in=ids,
            status__in=Vacancy.OPEN_STATUSES,
            open_posts__gt=0,
        )
        .exclude(valid_until__lt=today)
    }
    matches = {
        pk: score(person, vacancy, snapshot.context, weights)
        for pk, vacancy in fresh.items()
        if pk in vacancies
    }
    best = _best_explained(matches, limit, Proposal.objects.filter(profile=profile), "vacancy_id")
    return [
        VacancyRow(vacancy=vacancies[pk], score=match.score, explanation=why, proposal=proposal)
        for pk, match, why, proposal in best
    ]


# --- Statistics -----------------------------------------------------------------------------------


def mediated_on_competences(
    *,
    agency: Agency | None = None,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> int:
    """How many people had at least one competence-based proposal (any outcome), optionally of
    one agency and with a proposal made in [since, until) (aware datetimes)."""
    proposals = Proposal.objects.all()
    if agency is not None:
        proposals = proposals.filter(agency=agency)
    if since is not None:
        proposals = proposals.filter(created_at__gte=since)
    if until is not None:
        proposals = proposals.filter(created_at__lt=until)
    return proposals.values("profile_id").distinct().count()
