"""Named permissions of mediation (asked by views and by ``{% can %}`` in templates)."""

from puls.accounts.models import Role
from puls.accounts.permissions import has_role, permission


@permission("mediation:propose")
def can_propose(user, obj=None):
    """Counsellors match people and vacancies and propose them (the views are counsellor-only)."""
    return has_role(user, Role.COUNSELLOR)


@permission("mediation:withdraw")
def can_withdraw(user, proposal):
    """An open proposal is withdrawn by national staff or by a counsellor of its agency."""
    return proposal.is_open and (
        user.has_national_scope
        or (user.role == Role.COUNSELLOR and proposal.agency_id == user.agency_id)
    )
