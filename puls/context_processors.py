"""Values every template needs: the demo flag and the navigation of the signed-in role."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from puls.accounts.navigation import navigation_for


def portal(request: HttpRequest) -> dict[str, Any]:
    return {
        "staff_mfa_required": settings.PULS_STAFF_MFA_REQUIRED,
        "nav_items": navigation_for(request.user, current_path=request.path)
        if hasattr(request, "user")
        else [],
    }
