"""Role checks shared by every app: views say which roles may enter, nothing else."""

from functools import wraps

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def has_second_factor(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def needs_mfa_enrolment(user):
    """Staff (and superusers) must have a TOTP authenticator before they reach staff pages."""
    if not settings.PULS_STAFF_MFA_REQUIRED:
        return False
    return (user.is_spo_staff or user.is_superuser) and not has_second_factor(user)


def role_required(*roles):
    """Let in signed-in users of the given roles; send staff without a second factor to enrol.

    Superusers pass every role check: they administer the whole platform.
    """
    allowed = set(roles)

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (user.is_superuser or user.role in allowed):
                raise PermissionDenied
            if needs_mfa_enrolment(user):
                messages.warning(
                    request,
                    _(
                        "Staff accounts must set up two-factor authentication "
                        "before using staff pages."
                    ),
                )
                return redirect("mfa_activate_totp")
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = allowed
        return wrapped

    return decorator
