"""A database that timed out or dropped the connection gets a "try again" page (503), never a
bare 500; a submitted form comes back with what the person typed so that one click resends it."""

import logging
import re
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.text import capfirst

logger = logging.getLogger(__name__)

# Never echoed back: secrets, one-time codes and the old CSRF token (the page carries a new one).
_SECRET_FIELD = re.compile(r"password|passwd|secret|token|otp|^code$", re.IGNORECASE)
RETRY_AFTER_SECONDS = 30


def _kept_fields(request: HttpRequest) -> list[tuple[str, str, str]]:
    """(name, label, value) of every submitted value that may be shown again, in order."""
    if request.method != "POST":
        return []
    return [
        (name, capfirst(name.replace("_", " ")), value)
        for name, values in request.POST.lists()
        if not _SECRET_FIELD.search(name)
        for value in values
    ]


class DatabaseUnavailableMiddleware:
    """Turns a statement timeout (psycopg's QueryCanceled, which Django raises as
    OperationalError) or a lost connection into the 503 page.

    The page is rendered without context processors, as the 500 page is: they would query the
    database that has just failed. The exception is logged (Sentry reports error logs), since a
    handled exception no longer reaches Django's own error reporting.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "Database unavailable for %s %s", request.method, request.path, exc_info=exception
        )
        context = {
            "fields": _kept_fields(request),
            "had_files": bool(request.method == "POST" and request.FILES),
            "action": request.get_full_path(),
            "csrf_token": get_token(request),
            "submitted": request.method == "POST",
        }
        response = HttpResponse(render_to_string("503.html", context), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
