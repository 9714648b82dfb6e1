# The PULS image: one image for web (gunicorn + whitenoise), Celery worker and beat.
# postgresql-client: pg_dump and pg_restore for `manage.py backup` / `restore` (Debian bookworm's
# PostgreSQL 15, the major version of the `db` service in docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=puls.settings.production
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz-subset0 fonts-dejavu-core gettext postgresql-client \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 puls
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost PULS_CNP_ENCRYPTION_KEYS=build-only \
    PULS_CNP_HMAC_KEY=build-only python manage.py collectstatic --no-input \
    && mkdir -p /app/var/private /app/var/backups && chown -R puls /app/var
USER puls
EXPOSE 8000
CMD ["gunicorn", "puls.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30"]
