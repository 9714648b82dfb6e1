"""Settings shared by every environment; everything that varies is read from the environment."""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="local-only-insecure-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# The portal's public address, for links in e-mails (no trailing slash).
PULS_SITE_URL = env("PULS_SITE_URL", default="http://127.0.0.1:8000")
# CNP encryption at rest (puls.encryption): Fernet keys, the first encrypts, all decrypt (rotation);
# and a separate key for the keyed hash that keeps CNPs unique and searchable. These defaults are
# public local-only values; production.py requires both from the environment.
PULS_CNP_ENCRYPTION_KEYS = env.list(
    "PULS_CNP_ENCRYPTION_KEYS", default=["bG9jYWwtb25seS1jbnAta2V5LWRvLW5vdC11c2UtISE="]
)
PULS_CNP_HMAC_KEY = env("PULS_CNP_HMAC_KEY", default="local-only-cnp-hmac-key-do-not-use")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "puls.accounts.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "puls.accounts",
    "puls.reference",
    "puls.documents",
    "puls.audit",
    "puls.notifications",
    "puls.backup",
    "puls.demo",
    "employers",
    "jobseekers",
    "mediation",
    "network",
    "casework",
    "news",
    "helpdesk",
    "stafftraining",
    "reports",
    "portal",
]

MIDDLEWARE = [
    "puls.request_id.RequestIdMiddleware",
    "puls.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "puls.middleware.PreferredLanguageMiddleware",
    "puls.middleware.RefuseNulBytesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "puls.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "puls.middleware.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "puls.database_unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "puls.urls"
WSGI_APPLICATION = "puls.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "puls.context_processors.portal",
            ],
            # Dates, money and numbers written one way everywhere (puls/formatting.py).
            "builtins": ["puls.templatetags.puls_format", "puls.templatetags.puls_forms"],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
# SQLite by default so that the demo needs nothing; PostgreSQL in CI and production.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
# A pooled connection the server dropped (restart, failover, idle timeout) is replaced when a
# request starts, instead of failing that request: one 500 per pooled connection without it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A runaway query must not hold a web worker: PostgreSQL cancels a web request's statement after
# WEB_STATEMENT_TIMEOUT_MS, a Celery task's after CELERY_STATEMENT_TIMEOUT_MS. Both are set on
# the database roles the web and the workers connect as (`manage.py statement_timeouts`), so
# that they hold through a connection pool or PgBouncer, which drop libpq startup options.
WEB_STATEMENT_TIMEOUT_MS = env.int("WEB_STATEMENT_TIMEOUT_MS", default=5000)
CELERY_STATEMENT_TIMEOUT_MS = env.int("CELERY_STATEMENT_TIMEOUT_MS", default=600_000)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Redis as the cache: a stopped or frozen Redis must cost a second, not a login (puls/cache.py
# answers as an empty cache and logs the fault).
CACHE_SOCKET_TIMEOUT_SECONDS = env.float("CACHE_SOCKET_TIMEOUT_SECONDS", default=1.0)
PULS_CACHE_PAUSE_SECONDS = env.float("PULS_CACHE_PAUSE_SECONDS", default=10.0)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "puls.cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_connect_timeout=CACHE_SOCKET_TIMEOUT_SECONDS,
        socket_timeout=CACHE_SOCKET_TIMEOUT_SECONDS,
    )

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[PULS] "
# Failed logins are counted per account (key: the e-mail) and, more loosely, per client IP: five
# wrong passwords lock that account for five minutes, not everyone who shares the IP (an office,
# or every visitor when the proxy's address is mistaken for theirs, see ALLAUTH_TRUSTED_PROXY_COUNT).
PULS_LOGIN_FAILED_PER_ACCOUNT = env("PULS_LOGIN_FAILED_PER_ACCOUNT", default="5/5m")
PULS_LOGIN_FAILED_PER_IP = env("PULS_LOGIN_FAILED_PER_IP", default="20/5m")
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"{PULS_LOGIN_FAILED_PER_IP}/ip,{PULS_LOGIN_FAILED_PER_ACCOUNT}/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
    # PULS's own forms that could tell whether a CNP or a CUI is registered (puls.throttle).
    "puls_jobseeker_register": "5/h/user,20/h/ip",
    "puls_company_claim": "5/h/user,20/h/ip",
    # The newsletter form of visitors, which e-mails a confirmation link to the address given.
    "puls_newsletter_subscribe": "10/h/ip",
    # Help-desk requests and replies of visitors without an account (helpdesk.views).
    "puls_helpdesk_anonymous": "10/h/ip",
}
# How many reverse proxies in front of gunicorn append to X-Forwarded-For: allauth takes the client
# IP from that header only then (1 behind the compose file's proxy). 0 means REMOTE_ADDR, so a
# client cannot pick its own IP for the rate limits by sending the header.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_ADAPTER = "puls.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "puls.accounts.forms.SignupForm"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "PULS"
# --- Sessions ---------------------------------------------------------------------------------
# Public users: the login form asks "Remember me"; ticked, the session lasts PULS_SESSION_DAYS,
# unticked, it ends with the browser. Staff sessions also end after PULS_STAFF_SESSION_IDLE_MINUTES
# without a request and PULS_STAFF_SESSION_MAX_HOURS after signing in (puls.accounts.sessions).
ACCOUNT_SESSION_REMEMBER = None
SESSION_COOKIE_AGE = env.int("PULS_SESSION_DAYS", default=14) * 24 * 3600
PULS_STAFF_SESSION_IDLE_MINUTES = env.int("PULS_STAFF_SESSION_IDLE_MINUTES", default=30)
PULS_STAFF_SESSION_MAX_HOURS = env.int("PULS_STAFF_SESSION_MAX_HOURS", default=12)
# Exports of personal data and closing an account ask for the password (or an authenticator code)
# again unless the session confirmed it within this many seconds.
ACCOUNT_REAUTHENTICATION_TIMEOUT = env.int("PULS_REAUTHENTICATION_SECONDS", default=300)
# Staff must enrol a second factor before they reach staff pages; only the local demo turns it off.
PULS_STAFF_MFA_REQUIRED = env.bool("PULS_STAFF_MFA_REQUIRED", default=True)

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "ro"
LANGUAGES = [("ro", _("Romanian")), ("en", _("English"))]
# Our catalogue, then our corrections of allauth's and of Django's Romanian (validators, month and
# weekday names in lower case); all win over app catalogues.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "locale" / "allauth",
    BASE_DIR / "locale" / "django",
]
TIME_ZONE = "Europe/Bucharest"
# Output formats per language: English in the British form, never the US one (puls/formats).
FORMAT_MODULE_PATH = ["puls.formats"]
USE_I18N = True
USE_TZ = True

# --- Files --------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Uploaded personal documents live here; no URL serves this folder (see puls/documents).
PRIVATE_ROOT = env.path("PRIVATE_ROOT", default=BASE_DIR / "var" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "puls.documents.storage.PrivateStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# `manage.py backup` writes its archives here unless told otherwise (see README, Backup).
BACKUP_ROOT = env.path("BACKUP_ROOT", default=BASE_DIR / "var" / "backups")
PULS_DOCUMENT_MAX_BYTES = env.int("PULS_DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- E-mail -------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="PULS <no-reply@puls.anofm.ro>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail server that accepts the connection but never answers must not hold a worker for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# The outbox (puls/notifications): a failed e-mail or deferred task waits 1, 2, 4 ... minutes
# between attempts, at most PULS_OUTBOX_MAX_BACKOFF_SECONDS, and is marked failed (staff see it and
# may send it again) when an attempt fails PULS_OUTBOX_RETRY_HOURS after it was queued.
PULS_OUTBOX_RETRY_HOURS = env.int("PULS_OUTBOX_RETRY_HOURS", default=48)
PULS_OUTBOX_FIRST_BACKOFF_SECONDS = env.int("PULS_OUTBOX_FIRST_BACKOFF_SECONDS", default=60)
PULS_OUTBOX_MAX_BACKOFF_SECONDS = env.int("PULS_OUTBOX_MAX_BACKOFF_SECONDS", default=2 * 3600)
# How long one worker holds a row it is delivering; longer than EMAIL_TIMEOUT and than the
# longest fan-out. A worker that dies mid-delivery leaves the row due again after this.
PULS_OUTBOX_LEASE_SECONDS = env.int("PULS_OUTBOX_LEASE_SECONDS", default=600)
PULS_OUTBOX_SWEEP_BATCH = env.int("PULS_OUTBOX_SWEEP_BATCH", default=500)
# Newsletter e-mails queued per task (news.services.newsletter_batch_send).
PULS_NEWSLETTER_BATCH_SIZE = env.int("PULS_NEWSLETTER_BATCH_SIZE", default=200)
PULS_OUTBOX_SWEEP_FAILURE_LIMIT = env.int("PULS_OUTBOX_SWEEP_FAILURE_LIMIT", default=5)
# A deferred task that ran is deleted by the sweep this many days later (its row holds only a
# task name and ids; it is kept a while to answer "did it run?"). Failed ones stay for staff.
PULS_DEFERRED_TASK_RETENTION_DAYS = env.int("PULS_DEFERRED_TASK_RETENTION_DAYS", default=7)

# --- Celery -------------------------------------------------------------------------------------
# With no broker, tasks run eagerly in the web process: the demo needs nothing else.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
# Publishing is bounded: a stopped or frozen broker costs a web request at most about 3 s, then
# puls.tasks.enqueue logs it and the periodic task that owns the work picks it up later.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=1.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    "socket_timeout": env.float("CELERY_BROKER_SOCKET_TIMEOUT", default=1.0),
    # Connecting (kombu's failover options): one retry, not a loop until the broker comes back.
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
PULS_BROKER_PAUSE_SECONDS = env.float("PULS_BROKER_PAUSE_SECONDS", default=10.0)
# Workers keep reconnecting to a broker that went away (they are not web requests).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A task that raised is acknowledged, not redelivered: its failure is recorded in its row (a
# report run, an e-mail) and beat recovers what must still happen; redelivering would loop on a
# task that fails every time.
CELERY_TASK_ACKS_ON_FAILURE_OR_TIMEOUT = True
# With acks_late, Redis gives an unacknowledged message to another worker after this many seconds
# (Celery's default is an hour: a report whose worker was killed waited that long). It must stay
# above the longest task run and the longest countdown/ETA a task is queued with, or a task still
# running would be delivered twice: the longest build (every county's forecasts) takes about a
# minute, retry back-off is capped at 10 minutes. Report runs are also recovered by their
# heartbeat (REPORT_HEARTBEAT_TIMEOUT below), whichever comes first.
CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = env.int(
    "CELERY_VISIBILITY_TIMEOUT", default=30 * 60
)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# One queue per kind of work, each with its own workers (docker-compose.yml), so that a long
# report build or a matching refit never delays an e-mail. Anything unrouted goes to "celery".
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "puls.notifications.tasks.*": {"queue": "email"},
    # A deferred task is any kind of work (a report build, a confirmation): not the e-mail queue.
    "puls.notifications.tasks.run_deferred_task": {"queue": "celery"},
    "casework.tasks.send_weekly_digests": {"queue": "email"},
    "casework.tasks.send_digest": {"queue": "email"},
    "employers.tasks.send_communication_confirmation": {"queue": "email"},
    "jobseekers.tasks.send_appointment_reminders": {"queue": "email"},
    "jobseekers.tasks.send_saved_search_alerts": {"queue": "email"},
    "network.tasks.send_meeting_notice": {"queue": "email"},
    "network.tasks.notify_thread_followers": {"queue": "email"},
    "reports.tasks.*": {"queue": "reports"},
    # The reaper finds builds whose worker died: it must not wait behind them.
    "reports.tasks.recover_report_runs": {"queue": "celery"},
    "mediation.tasks.*": {"queue": "matching"},
}
# Periodic tasks, next to their names.
CELERY_BEAT_SCHEDULE = {
    "notifications-sweep-outbox": {
        "task": "puls.notifications.tasks.sweep_outbox",
        "schedule": crontab(minute="*"),
    },
    "notifications-daily-digests": {
        "task": "puls.notifications.tasks.send_notification_digests",
        "schedule": crontab(hour=17, minute=0),
    },
    "employers-expire-vacancies": {
        "task": "employers.tasks.expire_vacancies",
        "schedule": crontab(hour=0, minute=30),
    },
    "network-event-reminders": {
        "task": "network.tasks.send_event_reminders",
        "schedule": crontab(minute=5),
    },
    "jobseekers-appointment-reminders": {
        "task": "jobseekers.tasks.send_appointment_reminders",
        "schedule": crontab(hour=9, minute=0),
    },
    # Daily and weekly alerts alike: the due rule (jobseekers.selectors.alert_checked_before)
    # lets a weekly search through once in seven days.
    "jobseekers-saved-search-alerts": {
        "task": "jobseekers.tasks.send_saved_search_alerts",
        "schedule": crontab(hour=7, minute=0),
    },
    "mediation-learn-weights": {
        "task": "mediation.tasks.learn_weights",
        "schedule": crontab(day_of_week="mon", hour=3, minute=0),
    },
    "mediation-refresh-index": {
        "task": "mediation.tasks.refresh_matching_index",
        "schedule": crontab(minute="*/10"),
    },
    "casework-weekly-digests": {
        "task": "casework.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    "reports-recover-runs": {
        "task": "reports.tasks.recover_report_runs",
        "schedule": crontab(minute="*"),
    },
    "reports-refresh-indicator-snapshots": {
        "task": "reports.tasks.refresh_indicator_snapshots",
        "schedule": crontab(minute="*/15"),
    },
    "reports-monthly-statistics-and-national-pack": {
        "task": "reports.tasks.monthly_statistics_and_national_pack",
        "schedule": crontab(day_of_month=1, hour=2, minute=0),
    },
    "retention-periods": {
        "task": "puls.audit.tasks.apply_retention_periods",
        "schedule": crontab(hour=3, minute=30),
    },
    "jobseekers-inactivity-rule": {
        "task": "jobseekers.tasks.apply_inactivity_rule",
        "schedule": crontab(hour=4, minute=0),
    },
    "jobseekers-materialise-slots": {
        "task": "jobseekers.tasks.materialise_slots",
        "schedule": crontab(hour=2, minute=0),
    },
}

# --- Security headers (tightened further in production) -----------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features the portal never uses are switched off for it and anything it could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Every record carries the request id (puls/request_id.py). LOG_FORMAT=json (production's
# default) writes one JSON object per line for the log collector; "text" is for people.
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "puls.request_id.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Report runs (reports.services.report_runs_recover) ----------------------------------------
# A running report whose build recorded no progress for this many seconds is taken for dead (its
# worker was killed or lost the database) and queued again; a waiting one not started this long
# after it was queued (its message was lost) too. After this many queueings it fails, with a
# message the person who ordered it sees.
REPORT_HEARTBEAT_TIMEOUT = env.int("REPORT_HEARTBEAT_TIMEOUT", default=5 * 60)
REPORT_REQUEUE_AFTER = env.int("REPORT_REQUEUE_AFTER", default=10 * 60)
REPORT_MAX_ATTEMPTS = env.int("REPORT_MAX_ATTEMPTS", default=3)
# The dashboard's snapshots are recounted at most this often per scope after the events that move
# them (reports.services.indicators_moved), and every 15 minutes by beat in any case.
REPORTS_SNAPSHOT_DEBOUNCE_SECONDS = env.int("REPORTS_SNAPSHOT_DEBOUNCE_SECONDS", default=180)

# --- Error reporting ----------------------------------------------------------------------------
# Sentry (or a compatible service such as GlitchTip) only when a DSN is given. No personal data
# is sent (send_default_pii=False): no user e-mail, cookies, or request bodies.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=None),
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )

# --- Appointments -----------------------------------------------------------------------------
# Jobseekers may cancel or move a booking until this many hours before it.
PULS_APPOINTMENT_CHANGE_DEADLINE_HOURS = env.int(
    "PULS_APPOINTMENT_CHANGE_DEADLINE_HOURS", default=24
)
# Bookable slots are generated this many weeks ahead from the counsellors' weekly availability.
PULS_APPOINTMENT_WEEKS_AHEAD = env.int("PULS_APPOINTMENT_WEEKS_AHEAD", default=6)

# --- The public body's own pages (accessibility statement, privacy notice, contact) -----------
# ANOFM's contact details, shown in the footer pages; an empty value is left out of the page.
# The agencies' addresses, phones and e-mails are data on `Agency`, kept in the admin.
PULS_OPERATOR = {
    "address": env(
        "PULS_OPERATOR_ADDRESS", default="Str. Avalanșei nr. 20-22, sector 4, București"
    ),
    "phone": env("PULS_OPERATOR_PHONE", default=""),
    "email": env("PULS_OPERATOR_EMAIL", default=""),
    "website": env("PULS_OPERATOR_WEBSITE", default="https://www.anofm.ro"),
    # The data protection officer (GDPR art. 37-39) and the accessibility contact (OUG 112/2018).
    "dpo_email": env("PULS_DPO_EMAIL", default=""),
    "accessibility_email": env("PULS_ACCESSIBILITY_EMAIL", default=""),
}
# The day the accessibility statement was drawn up or last reviewed (ISO date).
PULS_ACCESSIBILITY_STATEMENT_DATE = env("PULS_ACCESSIBILITY_STATEMENT_DATE", default="2026-12-01")

# --- Retention of personal data -------------------------------------------------------------
# How long each kind of record is kept, with the reason; applied every night by
# puls.audit.tasks.apply_retention_periods. The seeds and docs/domain.md set no period for these
# records, so the defaults are this project's choice, to be confirmed by ANOFM's data protection
# officer: they are settings so that the confirmed figure needs no release.
PULS_RETENTION = {
    "sent_email": {
        "days": env.int("PULS_RETENTION_SENT_EMAIL_DAYS", default=365),
        "basis": (
            "GDPR art. 5(1)(e) storage limitation: an e-mail row only proves that a notice left "
            "(delivery questions, complaints); the legal records themselves (the vacancy "
            "communication of Law 76/2002, decisions, minutes) are kept in their own tables."
        ),
    },
    "audit": {
        "days": env.int("PULS_RETENTION_AUDIT_DAYS", default=3 * 365),
        "basis": (
            "GDPR art. 5(1)(e) storage limitation, balanced against art. 5(2) accountability and "
            "art. 32 security of processing: who read or changed personal data must stay "
            "answerable to the person (art. 15) for a reasonable time, not for ever."
        ),
    },
}
# A jobseeker account nobody signed in to for this many days gets a notice e-mail; if nobody
# signs in within the grace period after it, the account is anonymised like a closed one
# (GDPR art. 5(1)(e); the statistics SPO reports under Law 76/2002 keep their counts).
PULS_INACTIVITY_NOTICE_DAYS = env.int("PULS_INACTIVITY_NOTICE_DAYS", default=3 * 365)
PULS_INACTIVITY_GRACE_DAYS = env.int("PULS_INACTIVITY_GRACE_DAYS", default=30)

# --- Case management ------------------------------------------------------------------------
# An individual mediation plan is due this many days after registration (Law 76/2002, art. 60).
CASEWORK_PLAN_DUE_DAYS = env.int("CASEWORK_PLAN_DUE_DAYS", default=30)

# --- Paths of the shipped reference data --------------------------------------------------------
REFERENCE_DATA_DIR = BASE_DIR / "puls" / "reference" / "data"
