"""How long a signed-in session may last: staff sessions end when idle and after a day's work."""

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

from .models import User

# Session keys: when this session signed in and when it last made a request (epoch seconds).
SIGNED_IN_AT = "puls_signed_in_at"
SEEN_AT = "puls_seen_at"


def session_limits(user: User) -> tuple[int | None, int | None]:
    """(idle, absolute) limits in seconds for this user's sessions; None where there is none.

    Staff and superusers hold everyone's data: their sessions end after PULS_STAFF_SESSION_IDLE_
    MINUTES without a request and PULS_STAFF_SESSION_MAX_HOURS after signing in. Public users'
    sessions last as the session cookie does (SESSION_COOKIE_AGE, or the browser session when
    they did not tick "Remember me").
    """
    if user.is_spo_staff or user.is_superuser:
        return (
            settings.PULS_STAFF_SESSION_IDLE_MINUTES * 60,
            settings.PULS_STAFF_SESSION_MAX_HOURS * 3600,
        )
    return None, None


def session_start(session: SessionBase, *, now: float) -> None:
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now
