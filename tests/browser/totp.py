"""TOTP codes as the user's authenticator app would show them."""

import time


def totp_now(secret):
    """The code an authenticator app shows for this secret now."""
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def totp_code(user):
    """The current code of the user's TOTP authenticator (its secret may be stored encrypted)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return totp_now(decrypt(authenticator.data["secret"]))
