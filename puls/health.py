"""Health endpoints for the container orchestrator: /sanatate/ (liveness: the process answers)
and /sanatate/pregatit/ (readiness: the database and the broker answer; the state of this
process's matching index is reported too, registered by mediation's AppConfig).

Served by a middleware placed first (after the request id), before the host check, the HTTPS redirect and sessions: a
probe from inside the container (plain HTTP, Host: localhost) must not be redirected or refused,
and a readiness probe must not need the database for anything but its own check.
"""

import logging
import time

from django.conf import settings
from django.db import connections
from django.http import JsonResponse

logger = logging.getLogger(__name__)

LIVENESS_PATH = "/sanatate/"
READINESS_PATH = "/sanatate/pregatit/"
BROKER_TIMEOUT_SECONDS = 2


def _database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _broker():
    if not settings.CELERY_BROKER_URL:
        return "not configured"  # tasks run eagerly in the web process
    from puls.celery import app

    with app.connection_for_write(settings.CELERY_BROKER_URL) as connection:
        connection.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    return "ok"


# name -> callable returning a state (None for "ok") or raising for "failed". Apps above puls add
# theirs from AppConfig.ready (mediation: "matching_index").
CHECKS = {"database": _database, "broker": _broker}


def readiness():
    """(all passed, {check: "ok" | "not configured" | "failed", ...}); failures are logged, never
    shown: their messages may name hosts."""
    results = {}
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            results[name] = check() or "ok"
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = "failed"
        logger.debug("Readiness check %s took %.3f s", name, time.monotonic() - started)
    return all(result != "failed" for result in results.values()), results


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVENESS_PATH:
            return JsonResponse({"status": "ok"})
        if request.path == READINESS_PATH:
            ready, checks = readiness()
            return JsonResponse(
                {"status": "ok" if ready else "unavailable", "checks": checks},
                status=200 if ready else 503,
            )
        return self.get_response(request)
