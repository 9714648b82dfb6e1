"""Named permissions of the jobseekers app (asked by views and by ``{% can %}`` in templates)."""

from puls.accounts.models import Role
from puls.accounts.permissions import has_role, permission


@permission("jobseekers:agency_files")
def can_open_agency_files(user, obj=None):
    """The agency's staff pages: people's files, calendar, availability, account closures."""
    return has_role(user, Role.COUNSELLOR, Role.AGENCY_ADMIN)


@permission("jobseekers:act_on_jobs")
def can_act_on_jobs(user, obj=None):
    """Save a vacancy, say "I am interested", save a job search with its alerts."""
    return has_role(user, Role.JOBSEEKER)
