"""Named permissions of the employers app (asked by views and by ``{% can %}`` in templates)."""

from puls.accounts.models import Role
from puls.accounts.permissions import has_role, permission


@permission("employers:decide")
def can_decide(user, obj=None):
    """Counsellors verify companies, publish offers, review documents and decide subsidies; agency
    administrators and analysts see the same queue without acting."""
    return has_role(user, Role.COUNSELLOR)


@permission("employers:import_trade_register")
def can_import_trade_register(user, obj=None):
    """Agency administrators import their county's trade-register statuses; superusers the
    national file (the command does too)."""
    return has_role(user, Role.AGENCY_ADMIN)


@permission("employers:prospect")
def can_prospect(user, obj=None):
    """Counsellors log their contacts with the agency's employers (prospecting)."""
    return has_role(user, Role.COUNSELLOR)
