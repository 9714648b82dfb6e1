"""Named permissions of the help desk (asked by views and by ``{% can %}`` in templates).

The national team is ANOFM's national analysts and the superusers (``User.has_national_scope``):
they answer technical problems and suggestions, manage the list of improvement proposals and
edit the frequently asked questions. The role decorator of their pages is ``analyst_required``
(superusers pass every role check)."""

from puls.accounts.models import Role
from puls.accounts.permissions import has_role, permission

from . import selectors


@permission("helpdesk:national_team")
def is_national_team(user, obj=None):
    return selectors.is_national_team(user)


@permission("helpdesk:answer")
def can_answer(user, obj=None):
    """The help-desk queue: agency staff (their agency's requests) and the national team."""
    return has_role(user, Role.COUNSELLOR, Role.AGENCY_ADMIN, Role.NATIONAL_ANALYST)
