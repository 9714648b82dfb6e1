"""The local demo (`make run`): SQLite, eager tasks, e-mail on the console, no MFA for staff."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
PULS_STAFF_MFA_REQUIRED = env.bool("PULS_STAFF_MFA_REQUIRED", default=False)
