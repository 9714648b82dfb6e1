"""Named permissions of the reports app (asked by views and by ``{% can %}`` in templates)."""

from puls.accounts.models import Role
from puls.accounts.permissions import has_role, permission


@permission("reports:indicators")
def can_read_indicators(user, obj=None):
    """Indicators, forecasts and generated reports: agency administrators and national analysts."""
    return has_role(user, Role.AGENCY_ADMIN, Role.NATIONAL_ANALYST)
