"""Named permissions of staff training (asked by views and by ``{% can %}`` in templates)."""

from puls.accounts.models import Role
from puls.accounts.permissions import has_role, permission


@permission("stafftraining:manage_programmes")
def can_manage_programmes(user, obj=None):
    """The national catalogue of programmes is kept by the national team."""
    return has_role(user, Role.NATIONAL_ANALYST)


@permission("stafftraining:manage_sessions")
def can_manage_sessions(user, obj=None):
    """Agency administrators run their agency's sessions; the national team the national ones."""
    return has_role(user, Role.AGENCY_ADMIN, Role.NATIONAL_ANALYST)


@permission("stafftraining:be_trained")
def can_be_trained(user, obj=None):
    """Every civil servant of the service may be enrolled and sees their own trainings."""
    return user.is_superuser or user.role in Role.staff_roles()
