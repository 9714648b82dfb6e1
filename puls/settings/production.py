"""Production: PostgreSQL, Redis, workers and beat; HTTPS only (passes `check --deploy`)."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
PULS_CNP_ENCRYPTION_KEYS = env.list("PULS_CNP_ENCRYPTION_KEYS")
PULS_CNP_HMAC_KEY = env("PULS_CNP_HMAC_KEY")

# X-Forwarded-Proto says "https" only when a proxy we run set it; gunicorn is reachable through
# that proxy alone (docker-compose.yml), and without one the header is not trusted at all.
if ALLAUTH_TRUSTED_PROXY_COUNT:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")  # noqa: F405
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

# psycopg's connection pool (Django 5.2), one per process: DB_POOL_MAX_SIZE connections at most,
# each kept open for the next request. 0 turns it off (behind PgBouncer, or for the Celery
# workers, which fork: CONN_MAX_AGE applies then).
DB_POOL_MAX_SIZE = env.int("DB_POOL_MAX_SIZE", default=4)
if DB_POOL_MAX_SIZE and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405  (the pool keeps the connections)
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {  # noqa: F405
        "min_size": env.int("DB_POOL_MIN_SIZE", default=1),
        "max_size": DB_POOL_MAX_SIZE,
        # Seconds a request waits for a free connection before it fails (503, try again).
        "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
        # A connection is replaced after this many seconds, and closed after being idle as long.
        "max_lifetime": env.float("DB_POOL_MAX_LIFETIME", default=1800.0),
        "max_idle": env.float("DB_POOL_MAX_IDLE", default=300.0),
    }

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
