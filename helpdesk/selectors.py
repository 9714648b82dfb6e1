"""Reads of the help desk, narrowed to what the asking user may see: a request of another agency
(or a national one, for agency staff) is not in the queryset, so its page is a 404."""

import datetime
import statistics
from collections import Counter
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from employers.selectors import companies_of
from jobseekers.selectors import profile_of
from puls.accounts.models import Role, User
from puls.reference.models import Agency, County

from .models import Audience, Category, FaqEntry, HelpRequest, Message, Proposal


def is_national_team(user: User | AnonymousUser) -> bool:
    """The national team answers technical problems and suggestions, keeps the list of proposals
    and edits the frequently asked questions: ANOFM's national analysts, and superusers."""
    return user.is_authenticated and user.has_national_scope


def requester_county(user: User | AnonymousUser) -> County | None:
    """The county whose agency answers ``user``: a jobseeker's county of residence, an employer's
    company's county (when all their companies are in one county); None when PULS cannot tell,
    and the form asks."""
    if not user.is_authenticated:
        return None
    if user.role == Role.JOBSEEKER:
        profile = profile_of(user)
        return profile.county if profile else None
    if user.role == Role.EMPLOYER:
        counties = {company.county for company in companies_of(user)}
        return counties.pop() if len(counties) == 1 else None
    return None


def agency_of_county(county: County) -> Agency:
    return Agency.objects.get(county=county)


def requests_handled_by(user: User | AnonymousUser) -> QuerySet[HelpRequest]:
    """The requests ``user`` answers: their agency's for counsellors and agency administrators,
    the national ones for the national team, every one for superusers."""
    requests = HelpRequest.objects.select_related("agency", "county", "requester", "attachment")
    if not user.is_authenticated:
        return requests.none()
    if user.is_superuser:
        return requests
    if user.role == Role.NATIONAL_ANALYST:
        return requests.filter(agency__isnull=True)
    if user.role in Role.agency_roles():
        return requests.filter(agency=user.agency)
    return requests.none()


def queue(
    user: User | AnonymousUser, *, status: str = "", category: str = ""
) -> QuerySet[HelpRequest]:
    """The staff queue: overdue requests first, then those awaiting an answer by due date, then
    answered ones, then closed ones, newest first within each."""
    today = timezone.localdate()
    requests = requests_handled_by(user)
    if status:
        requests = requests.filter(status=status)
    if category:
        requests = requests.filter(category=category)
    return requests.annotate(
        rank=Case(
            When(status=HelpRequest.Status.NEW, due_date__lt=today, then=Value(0)),
            When(status=HelpRequest.Status.NEW, then=Value(1)),
            When(status=HelpRequest.Status.ANSWERED, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    ).order_by("rank", "due_date", "-created_at", "-pk")


def requests_of(user: User | AnonymousUser) -> QuerySet[HelpRequest]:
    """The requests the signed-in user opened, newest first: "My requests"."""
    if not user.is_authenticated:
        return HelpRequest.objects.none()
    return HelpRequest.objects.filter(requester=user).select_related("agency")


def request_with_token(token: str) -> QuerySet[HelpRequest]:
    """The request opened without an account whose private link carries ``token`` (a
    signed-in requester follows theirs in "My requests"; their token is never sent)."""
    return HelpRequest.objects.filter(token=token, requester__isnull=True).select_related(
        "agency", "county"
    )


def thread_of(help_request: HelpRequest) -> QuerySet[Message]:
    return help_request.messages.select_related("author")


def helpdesk_documents_rule(user: User) -> Q | None:
    """Staff read the attachments of the requests they answer (puls.documents.selectors)."""
    if not (user.is_spo_staff or user.is_superuser):
        return None
    return Q(
        pk__in=requests_handled_by(user).filter(attachment__isnull=False).values("attachment_id")
    )


def proposals(*, status: str = "") -> QuerySet[Proposal]:
    """The national list of improvement proposals, newest first."""
    items = Proposal.objects.select_related("help_request")
    if status:
        items = items.filter(status=status)
    return items


def faq_audiences_for(user: User | AnonymousUser) -> list[str]:
    """The audiences whose questions ``user`` sees: every public one, and staff's for staff."""
    audiences = [a for a in Audience.values if a != Audience.STAFF]
    if user.is_authenticated and (user.is_spo_staff or user.is_superuser):
        audiences.append(Audience.STAFF)
    return audiences


def faq_by_audience(user: User | AnonymousUser) -> list[dict[str, Any]]:
    """The frequently asked questions ``user`` may read, grouped by audience in the order of
    Audience, each group in the order staff chose; audiences without questions are left out."""
    audiences = faq_audiences_for(user)
    entries = FaqEntry.objects.filter(audience__in=audiences).order_by("order", "pk")
    groups: dict[str, list[FaqEntry]] = {audience: [] for audience in audiences}
    for entry in entries:
        groups[entry.audience].append(entry)
    return [
        {"audience": audience, "label": Audience(audience).label, "entries": items}
        for audience, items in groups.items()
        if items
    ]


def faq_entries() -> QuerySet[FaqEntry]:
    """Every question, for the national team's editing page."""
    return FaqEntry.objects.select_related("updated_by").order_by("audience", "order", "pk")


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def monthly_counts(
    *, agency: Agency | None, start: datetime.date, end: datetime.date
) -> dict[str, Any]:
    """The indicators dashboard's help-desk section: per month of the period, the requests by
    category, the suggestions by status, and the median hours to a first answer with how many
    requests it is taken over (pages show it from 5, as the satisfaction scores). ``agency`` None
    counts every request (national and of every agency); an agency counts its own requests."""
    months = _months(start, end)
    requests = HelpRequest.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
    if agency is not None:
        requests = requests.filter(agency=agency)
    requested = list(requests.values_list("created_at", "category", "first_response_at"))
    suggestion_rows = Proposal.objects.filter(help_request__in=requests).values_list(
        "help_request__created_at", "status"
    )

    def month_of(moment: datetime.datetime) -> datetime.date:
        return timezone.localtime(moment).date().replace(day=1)

    by_category: Counter[tuple[datetime.date, str]] = Counter(
        (month_of(created), category) for created, category, _first in requested
    )
    by_status: Counter[tuple[datetime.date, str]] = Counter(
        (month_of(created), status) for created, status in suggestion_rows
    )
    waits: dict[datetime.date, list[float]] = {}
    for created, _category, first in requested:
        if first is not None:
            waits.setdefault(month_of(created), []).append((first - created).total_seconds() / 3600)
    rows = []
    for month in months:
        month_waits = waits.get(month, [])
        rows.append(
            {
                "month": month,
                "categories": [by_category[(month, value)] for value in Category.values],
                "statuses": [by_status[(month, value)] for value in Proposal.Status.values],
                "median_hours": round(statistics.median(month_waits), 1) if month_waits else None,
                "answered": len(month_waits),
            }
        )
    return {
        "categories": Category.labels,
        "statuses": Proposal.Status.labels,
        "rows": rows,
    }
