"""A request id for every request: taken from the proxy's X-Request-ID header when it is a sane
token, made up otherwise, echoed in the response and added to every log record (and to Sentry
events) written while the request runs, so one line in a log leads to all the others."""

import contextvars
import logging
import re
import uuid

import sentry_sdk

HEADER = "X-Request-ID"
_SANE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_current = contextvars.ContextVar("request_id", default="-")


def current_request_id():
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if _SANE.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _current.set(request_id)
        sentry_sdk.set_tag("request_id", request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record ("-" outside a request: tasks, commands)."""

    def filter(self, record):
        record.request_id = _current.get()
        return True
