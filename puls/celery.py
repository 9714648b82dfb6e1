"""The Celery app: tasks are discovered in every installed app's ``tasks`` module.

Conventions: tasks take primary keys, are idempotent (they record what they did and check it first)
and are acknowledged late, so a task interrupted by a dying worker runs again.
"""

import os
from typing import Any

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puls.settings.local")

app = Celery("puls")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def lift_statement_timeout(**kwargs: Any) -> None:
    """Tasks may run longer statements than web requests (CELERY_STATEMENT_TIMEOUT_MS)."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql" and not app.conf.task_always_eager:
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(settings.CELERY_STATEMENT_TIMEOUT_MS)}")
