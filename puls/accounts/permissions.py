"""Role checks shared by every app: views say which roles may enter, nothing else."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from puls.accounts.models import User


def has_second_factor(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def session_passed_second_factor(request: HttpRequest) -> bool:
    """Did this session (not merely this account) complete an authenticator step?

    allauth records every authentication step of the session: the TOTP or recovery-code step at
    sign-in, a re-authentication with the authenticator, or (puls.accounts.signals) the code
    typed to enrol one.
    """
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def second_factor_pending(request: HttpRequest) -> str | None:
    """What a staff session still owes before staff pages, the admin or private documents.

    The one rule of the second factor: staff (and superusers) who have an authenticator must have
    used it in this session, and must have one wherever `PULS_STAFF_MFA_REQUIRED` (everywhere but
    the local demo). Returns "verify", "enrol", or None when the session may pass.
    """
    user = request.user
    if not user.is_authenticated or not (user.is_spo_staff or user.is_superuser):
        return None  # signing in at all is the caller's check
    enrolled = has_second_factor(user)
    if enrolled and not session_passed_second_factor(request):
        return "verify"
    if not enrolled and settings.PULS_STAFF_MFA_REQUIRED:
        return "enrol"
    return None


def second_factor_redirect(request: HttpRequest) -> HttpResponse | None:
    """The response that sends a session to its pending second-factor step, or None."""
    pending = second_factor_pending(request)
    if pending == "verify":
        messages.warning(request, _("Confirm with the code of your authenticator app to go on."))
        return redirect_to_login(
            request.get_full_path(), "mfa_reauthenticate", redirect_field_name=REDIRECT_FIELD_NAME
        )
    if pending == "enrol":
        messages.warning(
            request,
            _("Staff accounts must set up two-factor authentication before using staff pages."),
        )
        return redirect("mfa_activate_totp")
    return None


def role_required(
    *roles: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Let in signed-in users of the given roles; staff only after their second factor.

    Superusers pass every role check: they administer the whole platform.
    """
    allowed = set(roles)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (user.is_superuser or user.role in allowed):
                raise PermissionDenied
            pending = second_factor_redirect(request)
            if pending:
                return pending
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
