"""Reads of the role home pages, each combining several apps' selectors."""

import datetime
from typing import Any

from django.utils import timezone

from casework import selectors as casework_selectors
from employers import selectors as employer_selectors
from jobseekers import selectors as jobseeker_selectors
from jobseekers.models import DossierDocument, ReviewStatus
from mediation import selectors as mediation_selectors
from mediation.models import ProposalStatus
from puls.accounts.models import User

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
