"""Test settings: fast hashers, in-memory e-mail, eager tasks unless CELERY_BROKER_URL is given."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# In-memory; the real-worker tests give their worker process a backend of their own.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
PRIVATE_ROOT = env.path("PRIVATE_ROOT", default=tempfile.mkdtemp(prefix="puls-private-"))
STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_ROOT)  # noqa: F405
MEDIA_ROOT = tempfile.mkdtemp(prefix="puls-media-")
# Rate limits are tested on purpose where they matter; elsewhere they would make tests flaky.
ACCOUNT_RATE_LIMITS = False
PULS_STAFF_MFA_REQUIRED = True
# Tests run tasks in-process; the one real-worker test (tests/core/test_celery_worker.py) switches
# to the broker given in CELERY_BROKER_URL and starts a worker of its own.
CELERY_TASK_ALWAYS_EAGER = True
