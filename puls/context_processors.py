"""Values every template needs: the demo flag and the navigation of the signed-in role."""

from django.conf import settings


def portal(request):
    return {"staff_mfa_required": settings.PULS_STAFF_MFA_REQUIRED}
