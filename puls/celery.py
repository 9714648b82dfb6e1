"""The Celery app: tasks are discovered in every installed app's ``tasks`` module.

Conventions: tasks take primary keys, are idempotent (they record what they did and check it first)
and are acknowledged late, so a task interrupted by a dying worker runs again. The workers connect
as a database role of their own, whose statement timeout is the longer CELERY_STATEMENT_TIMEOUT_MS
(`manage.py statement_timeouts`).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puls.settings.local")

app = Celery("puls")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
