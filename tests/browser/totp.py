"""TOTP codes as the user's authenticator app would show them."""

import time


def totp_now(secret):
    """The code an authenticator app shows for this secret now.

    A person reads a code that stays valid while they type it. Near the end of a period the code
    would expire before a loaded CI machine submits it (allauth allows no clock drift), so this
    waits for the next period instead.
    """
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def totp_code(user):
    """The current code of the user's TOTP authenticator (its secret may be stored encrypted)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return totp_now(decrypt(authenticator.data["secret"]))
