"""The main navigation of each role: one list per role, read by the `portal` context processor.

Kept short; the rest of a role's pages are linked from its dashboard
(templates/partials/staff_links.html). A menu wider than the screen wraps onto another line
(static/css/puls.css) instead of pushing the account menu off it.
"""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Role, User

MY_DOCUMENTS = ("documents:list", _("My documents"))
APPOINTMENTS = ("jobseekers:staff_calendar", _("Appointments"))
WORK_QUEUE = ("employers:staff_queue", _("Work queue"))
NETWORK = ("network:overview", _("Partner network"))
INDICATORS = ("reports:dashboard", _("Indicators and reports"))
QUESTIONNAIRES = ("reports:questionnaires", _("Questionnaires"))
NEWS = ("news:manage", _("Announcements"))
HELP_DESK = ("helpdesk:queue", _("Help desk"))
MY_TRAININGS = ("stafftraining:mine", _("My trainings"))
STAFF_TRAINING = ("stafftraining:session_list", _("Staff training"))

NAVIGATION: dict[str, list[tuple[str, str | Promise]]] = {
    Role.JOBSEEKER: [
        ("jobseekers:dashboard", _("My dashboard")),
        ("jobseekers:matches", _("Jobs that fit me")),
        MY_DOCUMENTS,
        QUESTIONNAIRES,
    ],
    Role.EMPLOYER: [("employers:dashboard", _("My company")), MY_DOCUMENTS, QUESTIONNAIRES],
    Role.COUNSELLOR: [
        ("casework:caseload", _("My caseload")),
        ("mediation:dashboard", _("Mediation")),
        ("casework:group_list", _("Mediation groups")),
        APPOINTMENTS,
        WORK_QUEUE,
        HELP_DESK,
        MY_TRAININGS,
    ],
    Role.AGENCY_ADMIN: [
        ("accounts:agency_dashboard", _("Agency administration")),
        ("casework:assignments", _("Case owners")),
        INDICATORS,
        APPOINTMENTS,
        WORK_QUEUE,
        NETWORK,
        HELP_DESK,
        STAFF_TRAINING,
    ],
    Role.NATIONAL_ANALYST: [
        INDICATORS,
        ("accounts:national_dashboard", _("National overview")),
        ("casework:factors", _("Profiling weights")),
        WORK_QUEUE,
        NEWS,
        HELP_DESK,
        STAFF_TRAINING,
    ],
    Role.NETWORK_MEMBER: [("network:dashboard", _("Partner network")), MY_DOCUMENTS],
}
SUPERUSER_NAVIGATION = [
    ("admin:index", _("Administration")),
    ("notifications:outbox", _("E-mail outbox")),
    ("accounts:national_dashboard", _("National overview")),
    INDICATORS,
    ("employers:programme_list", _("Subsidy programmes")),
    NETWORK,
    HELP_DESK,
]


def navigation_for(user: User | AnonymousUser, *, current_path: str) -> list[dict[str, Any]]:
    """The navigation items of the user's role: url, label, and whether it is the current page."""
    if not user.is_authenticated:
        return []
    entries = SUPERUSER_NAVIGATION if user.is_superuser else NAVIGATION[user.role]
    items = []
    for url_name, label in entries:
        url = reverse(url_name)
        items.append({"url": url, "label": label, "current": current_path == url})
    return items
