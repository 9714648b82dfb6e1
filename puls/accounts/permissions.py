"""Who may do what, in one place: the role decorators every view uses, and the registry of named
permissions that views, templates (``{% can %}``) and tests ask.

Convention (README, "Permissions"): a view's role decorator is its outermost decorator, above
``require_POST``/``require_GET``, so a refused role gets the login page or 403 whatever the method,
and only those let in learn which methods the page accepts.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from puls.accounts.models import Role, User


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


# --- The role decorators (superusers pass every one) ----------------------------------------------

STAFF_ROLES = (Role.COUNSELLOR, Role.AGENCY_ADMIN, Role.NATIONAL_ANALYST)

signed_in_required = role_required(*Role.values)
jobseeker_required = role_required(Role.JOBSEEKER)
employer_required = role_required(Role.EMPLOYER)
self_registered_required = role_required(Role.JOBSEEKER, Role.EMPLOYER)
counsellor_required = role_required(Role.COUNSELLOR)
agency_admin_required = role_required(Role.AGENCY_ADMIN)
analyst_required = role_required(Role.NATIONAL_ANALYST)
agency_staff_required = role_required(Role.COUNSELLOR, Role.AGENCY_ADMIN)
indicators_required = role_required(Role.AGENCY_ADMIN, Role.NATIONAL_ANALYST)
training_admin_required = role_required(Role.AGENCY_ADMIN, Role.NATIONAL_ANALYST)
staff_required = role_required(*STAFF_ROLES)
employer_or_staff_required = role_required(Role.EMPLOYER, *STAFF_ROLES)
mediation_party_required = role_required(Role.JOBSEEKER, Role.EMPLOYER, *STAFF_ROLES)
superuser_required = role_required()  # no role is enough: only superusers pass


# --- Named permissions ----------------------------------------------------------------------------


def has_role(user: Any, *roles: str) -> bool:
    """The role rule of the decorators above, for permission rules: superusers have every role."""
    return user.is_superuser or user.role in roles


_RULES = {}


def permission(name: str) -> Callable[[Callable[..., bool]], Callable[..., bool]]:
    """Register ``rule(user, obj=None) -> bool`` as the permission ``name`` ("app:action").

    Each app declares its rules in its ``permissions.py`` (imported at start-up by
    AccountsConfig.ready); a rule is only ever asked for signed-in users.
    """

    def register(rule: Callable[..., bool]) -> Callable[..., bool]:
        if name in _RULES:
            raise ImproperlyConfigured(f"The permission {name!r} is declared twice.")
        _RULES[name] = rule
        return rule

    return register


def can(user: Any, name: str, obj: Any = None) -> bool:
    """Whether ``user`` has the permission ``name`` (on ``obj`` when the rule needs one)."""
    try:
        rule = _RULES[name]
    except KeyError:
        raise ImproperlyConfigured(f"No permission is named {name!r}.") from None
    if user is None or not user.is_authenticated:
        return False
    return bool(rule(user, obj))


def permission_names() -> list[str]:
    return sorted(_RULES)
