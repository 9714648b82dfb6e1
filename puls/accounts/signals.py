"""Session bookkeeping on authentication events (connected in AccountsConfig.ready)."""

import time

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .sessions import session_start


@receiver(authenticator_added)
def enrolment_counts_as_second_factor(sender, request, user, authenticator, **kwargs):
    """Enrolling a TOTP authenticator means typing a valid code from it, in this session.

    allauth records the step only at sign-in and re-authentication; without this a counsellor who
    has just enrolled would be asked for a second code on the next staff page. allauth's public
    API has no recorder, so the internal one keeps the record in allauth's own format.
    """
    if authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


@receiver(user_logged_in)
def session_timestamps(sender, request, user, **kwargs):
    """The session's time limits count from the sign-in (puls.accounts.sessions)."""
    if request is not None:
        session_start(request.session, now=time.time())
