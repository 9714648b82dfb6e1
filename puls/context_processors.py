"""Values every template needs: the demo flag, the navigation of the signed-in role and the number
of their unread notifications (counted only when the header shows it)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from puls.accounts.navigation import navigation_for
from puls.notifications.selectors import unread_count


def portal(request: HttpRequest) -> dict[str, Any]:
    return {
        "staff_mfa_required": settings.PULS_STAFF_MFA_REQUIRED,
        "nav_items": navigation_for(request.user, current_path=request.path)
        if hasattr(request, "user")
        else [],
        # A callable: the template calls it once, in the header, and only for a signed-in user.
        "unread_notifications": lambda: unread_count(getattr(request, "user", None)),
    }
