"""Who writes the news: agency administrators for their county's readers, and the national team
(national analysts and superusers) for the whole country or any county. Everyone reads."""

from puls.accounts.models import Role
from puls.accounts.permissions import permission, role_required

EDITOR_ROLES = (Role.AGENCY_ADMIN, Role.NATIONAL_ANALYST)

news_editor_required = role_required(*EDITOR_ROLES)


@permission("news:edit")
def can_edit_news(user, obj=None):
    return user.is_superuser or user.role in EDITOR_ROLES
