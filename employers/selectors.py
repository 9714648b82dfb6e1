"""Reads of the employers app, each narrowed to what the asking user may see or act on.

Other apps use ``published_vacancies()`` (the public offer) and ``vacancies_visible_to(user)``;
the public detail page of a vacancy is the URL ``employers:job_detail`` (pk).
"""

import datetime
from decimal import Decimal
from typing import Any, Literal, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, Exists, F, Model, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import get_language

from puls.accounts.models import Role, User
from puls.collation import RomanianOrder
from puls.reference import selectors as reference_selectors
from puls.reference import text
from puls.reference.models import CorOccupation, County, EscoOccupation, OccupationSkill, Skill

from .models import (
    SEARCH_CONFIG,
    ApplicationStatus,
    Company,
    CompanyAccessRequest,
    CompanyDocument,
    CompanyMembership,
    EmployerContact,
    SatisfactionResponse,
    SubsidyApplication,
    SubsidyDocumentRequirement,
    SubsidyProgramme,
    TradeRegisterImport,
    Vacancy,
    VacancyLanguage,
    VacancySkill,
    VacancyStatus,
)

# --- Scopes ---------------------------------------------------------------------------------------


_M = TypeVar("_M", bound=Model)


def _scope(
    user: User | AnonymousUser, *, company_path: str, for_action: bool
) -> Q | Literal[False] | None:
    """A Q over a model whose company is reached by ``company_path`` (``""`` for Company itself),
    or None when the user may see everything, or False when nothing."""
    prefix = f"{company_path}__" if company_path else ""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return None
    if user.role == Role.EMPLOYER:
        return Q(**{f"{prefix}memberships__user": user})
    staff_roles = {Role.COUNSELLOR} if for_action else Role.agency_roles()
    if user.role in staff_roles and user.agency_id:
        return Q(**{f"{prefix}county__agency": user.agency_id})
    if user.role == Role.NATIONAL_ANALYST and not for_action:
        return None
    return False


def _narrow(queryset: QuerySet[_M], scope: Q | Literal[False] | None) -> QuerySet[_M]:
    if scope is False:
        return queryset.none()
    if scope is None:
        return queryset
    return queryset.filter(scope)


def is_staff_reader(user: User | AnonymousUser) -> bool:
    """Staff who may read employers' data (their agency's, or all for national roles)."""
    return user.is_authenticated and (
        user.is_superuser or user.role in Role.agency_roles() | {Role.NATIONAL_ANALYST}
    )


# --- Companies ------------------------------------------------------------------------------------


def companies_visible_to(user: User | AnonymousUser) -> QuerySet[Company]:
    """Companies the user represents, or those of the staff member's agency (all for national
    roles)."""
    return _narrow(
        Company.objects.select_related("county"), _scope(user, company_path="", for_action=False)
    ).distinct()


def companies_actionable_by(user: User | AnonymousUser) -> QuerySet[Company]:
    """Companies a counsellor may verify (their agency's; superusers: all)."""
    if user.is_authenticated and user.role == Role.EMPLOYER and not user.is_superuser:
        return Company.objects.none()
    return _narrow(
        Company.objects.select_related("county"), _scope(user, company_path="", for_action=True)
    )


def companies_of(user: User) -> QuerySet[Company]:
    """The companies the user represents, with whether they administer each."""
    return (
        Company.objects.filter(memberships__user=user)
        .select_related("county")
        .annotate(
            user_is_admin=Exists(
                CompanyMembership.objects.filter(company=OuterRef("pk"), user=user, is_admin=True)
            )
        )
        .order_by(RomanianOrder("name"))
    )


def membership_of(user: User, company: Company) -> CompanyMembership | None:
    return CompanyMembership.objects.filter(user=user, company=company).first()


def company_members(company: Company) -> QuerySet[CompanyMembership]:
    return company.memberships.select_related("user").order_by("-is_admin", "joined_at")


def open_access_requests(company: Company) -> QuerySet[CompanyAccessRequest]:
    return CompanyAccessRequest.objects.filter(
        company=company, decided_at__isnull=True
    ).select_related("user")


def companies_to_verify(user: User | AnonymousUser) -> QuerySet[Company]:
    return (
        companies_actionable_by(user).filter(status=Company.Status.PENDING).order_by("created_at")
    )


def trade_register_imports_visible_to(user: User | AnonymousUser) -> QuerySet[TradeRegisterImport]:
    """Imports of the agency administrator's agency; superusers: all, national ones included."""
    imports = TradeRegisterImport.objects.select_related("by", "agency")
    if not user.is_authenticated:
        return imports.none()
    if user.is_superuser:
        return imports
    if user.role == Role.AGENCY_ADMIN and user.agency_id:
        return imports.filter(agency_id=user.agency_id)
    return imports.none()


# --- Prospecting ----------------------------------------------------------------------------------


def employer_contacts_visible_to(user: User | AnonymousUser) -> QuerySet[EmployerContact]:
    """Contacts with the companies of the staff member's agency (all for national roles); never
    the employer's: prospecting notes are the agency's."""
    contacts = EmployerContact.objects.select_related("company", "counsellor", "agency")
    if not is_staff_reader(user):
        return contacts.none()
    return _narrow(contacts, _scope(user, company_path="company", for_action=False))


def employer_contacts_actionable_by(user: User | AnonymousUser) -> QuerySet[EmployerContact]:
    """Contacts a counsellor may mark followed up: their agency's (superusers: all)."""
    contacts = EmployerContact.objects.select_related("company")
    if user.is_authenticated and user.role == Role.EMPLOYER and not user.is_superuser:
        return contacts.none()
    return _narrow(contacts, _scope(user, company_path="company", for_action=True))


def follow_ups_of(
    user: User, *, today: datetime.date | None = None, days_ahead: int = 7
) -> QuerySet[EmployerContact]:
    """The counsellor's follow-ups not done yet, due by ``days_ahead`` days from today, the most
    overdue first."""
    today = today or timezone.localdate()
    return (
        EmployerContact.objects.filter(
            counsellor=user,
            follow_up_done_at__isnull=True,
            follow_up_on__isnull=False,
            follow_up_on__lte=today + datetime.timedelta(days=days_ahead),
        )
        .select_related("company")
        .order_by("follow_up_on", "pk")
    )


# --- Vacancies ------------------------------------------------------------------------------------


def _vacancy_list_queryset() -> QuerySet[Vacancy]:
    return Vacancy.objects.select_related("company", "county", "cor_occupation")


def published_vacancies() -> QuerySet[Vacancy]:
    """Vacancies anyone may see: published and still valid."""
    return _vacancy_list_queryset().filter(
        status=VacancyStatus.PUBLISHED, valid_until__gte=timezone.localdate()
    )


def vacancies_visible_to(user: User | AnonymousUser) -> QuerySet[Vacancy]:
    """The vacancies of the user's companies (employers), of the agency (staff), all (national
    roles); for anyone else the published ones."""
    scope = _scope(user, company_path="company", for_action=False)
    if scope is False:
        return published_vacancies()
    return _narrow(_vacancy_list_queryset(), scope).distinct()


def vacancies_actionable_by(user: User | AnonymousUser) -> QuerySet[Vacancy]:
    """Vacancies a counsellor may publish or return (their agency's; superusers: all)."""
    if user.is_authenticated and user.role == Role.EMPLOYER and not user.is_superuser:
        return Vacancy.objects.none()
    return _narrow(_vacancy_list_queryset(), _scope(user, company_path="company", for_action=True))


def vacancies_of_companies_of(user: User) -> QuerySet[Vacancy]:
    """Vacancies an employer user may manage (their companies', all statuses)."""
    return _vacancy_list_queryset().filter(company__memberships__user=user)


def vacancies_to_publish(user: User | AnonymousUser) -> QuerySet[Vacancy]:
    return (
        vacancies_actionable_by(user)
        .filter(status=VacancyStatus.SUBMITTED)
        .order_by("communicated_at")
    )


def vacancy_with_details(queryset: QuerySet[Vacancy], pk: int) -> Vacancy:
    """One vacancy of ``queryset`` with its skills, languages and status history loaded."""
    return (
        queryset.select_related("esco_occupation", "company__county")
        .prefetch_related(
            Prefetch("vacancy_skills", queryset=VacancySkill.objects.select_related("skill")),
            Prefetch("languages", queryset=VacancyLanguage.objects.all()),
            "transitions__by",
            "communications",
            "fill_reports",
        )
        .get(pk=pk)
    )


# A broad search counts this many matches at most ("over 1,000"), its pages reach that far and its
# relevance ranks the newest of them: counting or ranking every match read every matching row.
JOB_SEARCH_COUNT_LIMIT = 1000


def job_search(
    *,
    query: str = "",
    county: County | None = None,
    cor_code: str = "",
    pay_at_least: Decimal | None = None,
    schedule: str = "",
    order: str = "relevance",
) -> QuerySet[Vacancy]:
    """Published vacancies matching a search: full text on PostgreSQL (title, occupation, skills,
    description, locality), a substring match elsewhere; filters; by relevance or newest first."""
    vacancies = published_vacancies()
    if county:
        vacancies = vacancies.filter(county=county)
    if cor_code:
        vacancies = vacancies.filter(cor_occupation__code__startswith=cor_code)
    if pay_at_least is not None:
        vacancies = vacancies.filter(pay_max__gte=Decimal(pay_at_least))
    if schedule:
        vacancies = vacancies.filter(schedule=schedule)
    query = (query or "").strip()
    if query and connection.vendor == "postgresql":
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        vacancies = vacancies.filter(search_vector=search_query)
        if order == "relevance":
            # Rank the newest JOB_SEARCH_COUNT_LIMIT + 1 matches only: the pages reach that far
            # anyway, and ranking every match of a broad query (17,000 rows for "experiență" at
            # national scale) read and sorted every matching row. The stored vector itself: a
            # field name alone would make Django rank to_tsvector(search_vector::text).
            newest = vacancies.order_by("-published_at", "-pk").values("pk")
            return (
                vacancies.filter(pk__in=newest[: JOB_SEARCH_COUNT_LIMIT + 1])
                .annotate(rank=SearchRank(F("search_vector"), search_query))
                .order_by("-rank", "-published_at", "-pk")
            )
    elif query:
        for word in query.split():
            vacancies = vacancies.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(cor_occupation__search_key__contains=text.search_key(word))
                | Q(locality__icontains=word)
            )
    return vacancies.order_by("-published_at", "-pk")


def feed_vacancies() -> QuerySet[Vacancy]:
    """Published vacancies for the JSON/CSV feed, with what each row shows loaded."""
    return (
        published_vacancies()
        .select_related("esco_occupation")
        .prefetch_related(
            Prefetch("vacancy_skills", queryset=VacancySkill.objects.select_related("skill")),
            "languages",
        )
        .order_by("-published_at", "-pk")
    )


def esco_occupations_for(cor_occupation: CorOccupation | None) -> list[EscoOccupation]:
    """ESCO occupations of the COR occupation's ISCO-08 group, the closest by name first."""
    if cor_occupation is None:
        return []
    return reference_selectors.esco_occupations_for_cor(cor_occupation)


def essential_skills_of(esco_occupation: EscoOccupation | None) -> QuerySet[Skill]:
    if esco_occupation is None:
        return Skill.objects.none()
    return reference_selectors.essential_skills_for(esco_occupation, language=get_language())


# How many of the proposed skills start marked essential: the most specific ones. Marking all of
# an occupation's essential skills (19 for a bricklayer) made every one a must and sank good
# candidates who lacked one generic skill.
PRESELECTED_ESSENTIAL = 5


def proposed_skills_of(esco_occupation: EscoOccupation | None) -> QuerySet[Skill]:
    """The occupation's essential skills, the most specific first: those the fewest ESCO
    occupations share (``occupations_sharing``), then by label. "Use a trowel" before "work in a
    team"."""
    if esco_occupation is None:
        return Skill.objects.none()
    sharing = (
        OccupationSkill.objects.filter(skill=OuterRef("pk"))
        .values("skill")
        .annotate(n=Count("occupation", distinct=True))
        .values("n")
    )
    return (
        essential_skills_of(esco_occupation)
        .annotate(occupations_sharing=Subquery(sharing))
        .order_by(F("occupations_sharing").asc(nulls_first=True), "display_label", "pk")
    )


def skills_matching(query: str, *, limit: int = 20) -> QuerySet[Skill]:
    """Skills with a label containing every word of ``query``."""
    return reference_selectors.search_skills(query, language=get_language(), limit=limit)


# --- Documents ------------------------------------------------------------------------------------


def company_documents_rule(user: User) -> Q | None:
    """Access rule for puls.documents: representatives read their companies' documents, agency
    staff those of their agency's companies."""
    if not user.is_authenticated:
        return None
    scope = _scope(user, company_path="company", for_action=False)
    if scope is False or user.role == Role.NATIONAL_ANALYST:
        return None
    attachments = (
        CompanyDocument.objects.all() if scope is None else CompanyDocument.objects.filter(scope)
    )
    return Q(pk__in=attachments.values("document_id"))


def company_documents_visible_to(user: User | AnonymousUser) -> QuerySet[CompanyDocument]:
    scope = _scope(user, company_path="company", for_action=False)
    if user.is_authenticated and user.role == Role.NATIONAL_ANALYST:
        scope = False
    return _narrow(
        CompanyDocument.objects.select_related(
            "company", "document", "vacancy", "application__programme", "reviewed_by", "requirement"
        ),
        scope,
    )


def company_documents_reviewable_by(user: User | AnonymousUser) -> QuerySet[CompanyDocument]:
    if user.is_authenticated and user.role == Role.EMPLOYER and not user.is_superuser:
        return CompanyDocument.objects.none()
    return _narrow(
        CompanyDocument.objects.select_related(
            "company", "document", "vacancy", "application__programme"
        ),
        _scope(user, company_path="company", for_action=True),
    )


def documents_to_review(user: User | AnonymousUser) -> QuerySet[CompanyDocument]:
    return (
        company_documents_reviewable_by(user)
        .filter(review=CompanyDocument.Review.PENDING)
        .order_by("uploaded_at")
    )


# --- Subsidies ------------------------------------------------------------------------------------


def open_programmes() -> QuerySet[SubsidyProgramme]:
    """The programmes an employer may apply to today, with their terms (``terms_today``) and
    checklists prefetched."""
    return SubsidyProgramme.objects.accepting_applications(timezone.localdate()).prefetch_related(
        "requirements", "amounts"
    )


def subsidy_applications_visible_to(user: User | AnonymousUser) -> QuerySet[SubsidyApplication]:
    return _narrow(
        SubsidyApplication.objects.select_related("company", "programme"),
        _scope(user, company_path="company", for_action=False),
    ).distinct()


def subsidy_applications_actionable_by(user: User | AnonymousUser) -> QuerySet[SubsidyApplication]:
    if user.is_authenticated and user.role == Role.EMPLOYER and not user.is_superuser:
        return SubsidyApplication.objects.none()
    return _narrow(
        SubsidyApplication.objects.select_related("company", "programme"),
        _scope(user, company_path="company", for_action=True),
    )


def applications_to_decide(user: User | AnonymousUser) -> QuerySet[SubsidyApplication]:
    return (
        subsidy_applications_actionable_by(user)
        .filter(status=ApplicationStatus.SUBMITTED)
        .order_by("submitted_at")
    )


def checklist_of(
    application: SubsidyApplication,
) -> list[tuple[SubsidyDocumentRequirement, CompanyDocument | None]]:
    """Each required document of the programme with the latest attachment for it (or None)."""
    attachments: dict[int, CompanyDocument] = {}
    for attachment in application.documents.exclude(
        review=CompanyDocument.Review.REPLACED
    ).select_related("document", "requirement"):
        if attachment.requirement_id:
            attachments.setdefault(attachment.requirement_id, attachment)
    return [
        (requirement, attachments.get(requirement.pk))
        for requirement in application.programme.requirements.all()
    ]


# --- Dashboards -----------------------------------------------------------------------------------


def employer_dashboard(user: User) -> dict[str, Any]:
    """What an employer user's dashboard shows, in a fixed number of queries."""
    companies = list(companies_of(user))
    vacancies = vacancies_of_companies_of(user)
    counts = dict(vacancies.values_list("status").annotate(n=Count("pk")).order_by())
    today = timezone.localdate()
    return {
        "companies": companies,
        "status_counts": [
            (status, label, counts.get(status, 0)) for status, label in VacancyStatus.choices
        ],
        "recent_vacancies": list(vacancies.order_by("-created_at", "-pk")[:10]),
        "expiring": list(
            vacancies.filter(
                status=VacancyStatus.PUBLISHED,
                valid_until__gte=today,
                valid_until__lte=today + datetime.timedelta(days=14),
            ).order_by("valid_until")[:10]
        ),
        "documents_to_act": list(
            CompanyDocument.objects.filter(
                company__memberships__user=user, review=CompanyDocument.Review.REJECTED
            )
            .select_related("vacancy", "application__programme")
            .order_by("-reviewed_at")[:10]
        ),
        "applications": list(
            SubsidyApplication.objects.filter(company__memberships__user=user)
            .select_related("programme", "company")
            .order_by("-created_at")[:10]
        ),
        "questionnaires": list(
            vacancies.filter(status__in=Vacancy.CLOSED_STATUSES)
            .exclude(Exists(SatisfactionResponse.objects.filter(vacancy=OuterRef("pk"))))
            .order_by("-closed_at")[:5]
        ),
        "notifications": list(user.emails.order_by("-created_at")[:5]),
    }


def staff_queue(user: User) -> dict[str, Any]:
    return {
        "companies": list(companies_to_verify(user)[:50]),
        "vacancies": list(vacancies_to_publish(user)[:50]),
        "documents": list(documents_to_review(user)[:50]),
        "applications": list(applications_to_decide(user)[:50]),
    }
