"""Rate limits of PULS's own forms, counted the way allauth counts its own (the cache, per account
and per client address, rates in settings.ACCOUNT_RATE_LIMITS under the ``puls_*`` actions)."""

from http import HTTPStatus

from allauth.core import ratelimit
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def throttled(request: HttpRequest, *, action: str) -> HttpResponse | None:
    """Count one attempt of ``action``; return None while under the limit, else the 429 page."""
    if ratelimit.consume(request, action=action, user=request.user):
        return None
    return render(request, "throttled.html", status=HTTPStatus.TOO_MANY_REQUESTS)
