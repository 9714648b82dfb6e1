"""Queueing a Celery task without letting a broker fault reach the person who asked for it.

A queue message is only ever an optimisation: the work it stands for is recorded in the database
(an outbox row, a pending report run), and a periodic task finds it again if the message is lost.
So a broker that is down or frozen costs a delay, never an error page for work already saved.
"""

import logging
import time
from typing import Any

from celery import Task
from django.conf import settings
from django.db import transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a publish raises when the broker is unreachable, refuses, or does not answer in time.
BROKER_ERRORS = (KombuError, RedisError, OSError)

# After a failed publish this process stops trying for PULS_BROKER_PAUSE_SECONDS, so a request
# that queues several messages, and the requests right after it, pay for one timeout, not many.
_broker_paused_until = 0.0


def enqueue(task: Task, *args: Any, countdown: float | None = None) -> bool:
    """Send ``task(*args)`` to the broker now (to run ``countdown`` seconds later, if given); on a
    broker fault log it and return False."""
    global _broker_paused_until
    options: dict[str, Any] = {} if countdown is None else {"countdown": countdown}
    if task.app.conf.task_always_eager:
        # No broker: the task runs here and now, and its own errors must show (tests, the demo).
        task.apply_async(args, **options)
        return True
    if time.monotonic() < _broker_paused_until:
        logger.warning("Not queueing %s%r: the broker failed moments ago", task.name, args)
        return False
    try:
        task.apply_async(args, **options)
    except BROKER_ERRORS:
        _broker_paused_until = time.monotonic() + settings.PULS_BROKER_PAUSE_SECONDS
        logger.exception(
            "Could not queue %s%r: the broker is unavailable; the work is recorded and its "
            "periodic task will pick it up",
            task.name,
            args,
        )
        return False
    return True


def enqueue_on_commit(task: Task, *args: Any, countdown: float | None = None) -> None:
    """Queue ``task(*args)`` once the current transaction commits (never for a rolled-back one)."""
    transaction.on_commit(lambda: enqueue(task, *args, countdown=countdown))
