"""Named permissions of the employers app (asked by views and by ``{% can %}`` in templates)."""

from puls.accounts.models import Role
from puls.accounts.permissions import has_role, permission


@permission("employers:decide")
def can_decide(user, obj=None):
    """Counsellors verify companies, publish offers, review documents and decide subsidies; agency
    administrators and analysts see the same queue without acting."""
    return has_role(user, Role.COUNSELLOR)
