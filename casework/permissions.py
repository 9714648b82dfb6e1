"""Named permissions of case management (asked by views and by ``{% can %}`` in templates)."""

from puls.accounts.models import Role
from puls.accounts.permissions import has_role, permission


@permission("casework:counsel")
def can_counsel(user, obj=None):
    """Profiling, overriding a level and drawing up or issuing a plan are the counsellor's."""
    return has_role(user, Role.COUNSELLOR)


@permission("casework:assign_owners")
def can_assign_owners(user, obj=None):
    """The agency administrator chooses each person's case owner."""
    return has_role(user, Role.AGENCY_ADMIN)
