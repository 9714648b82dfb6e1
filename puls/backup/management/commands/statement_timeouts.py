"""`manage.py statement_timeouts --web ROLE --worker ROLE`: the statement timeouts of the web and
of the Celery workers, set on the PostgreSQL roles they connect as, in this database.

    ALTER ROLE <web> IN DATABASE <db> SET statement_timeout = '<WEB_STATEMENT_TIMEOUT_MS>ms';
    ALTER ROLE <worker> IN DATABASE <db> SET statement_timeout = '<CELERY_STATEMENT_TIMEOUT_MS>ms';

Every new session of that role in this database starts with its timeout, whatever opened it: a
direct connection, psycopg's pool or PgBouncer (which drop libpq startup options such as
``options=-c statement_timeout=…``, and whose transaction mode would carry a ``SET`` over to
another client). Run as a role allowed to alter those roles (their owner, a CREATEROLE role or
a superuser); sessions opened before keep their old value until they reconnect.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = (
        "Sets statement_timeout on the database roles of the web (WEB_STATEMENT_TIMEOUT_MS) and "
        "of the Celery workers (CELERY_STATEMENT_TIMEOUT_MS) in this database; --show lists "
        "what the roles have."
    )

    def add_arguments(self, parser):
        parser.add_argument("--web", metavar="ROLE", help="the role in the web's DATABASE_URL")
        parser.add_argument(
            "--worker", metavar="ROLE", help="the role in the Celery workers' DATABASE_URL"
        )
        parser.add_argument("--show", action="store_true", help="only list the roles' settings")

    def handle(self, *args, web, worker, show, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Statement timeouts are set on PostgreSQL roles only.")
        if not show and not (web or worker):
            raise CommandError("Name the web's role (--web), the workers' (--worker) or both.")
        database = connection.settings_dict["NAME"]
        with connection.cursor() as cursor:
            if not show:
                for role, milliseconds in (
                    (web, settings.WEB_STATEMENT_TIMEOUT_MS),
                    (worker, settings.CELERY_STATEMENT_TIMEOUT_MS),
                ):
                    if not role:
                        continue
                    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
                    if cursor.fetchone() is None:
                        raise CommandError(f"There is no database role {role!r}.")
                    cursor.execute(
                        f"ALTER ROLE {connection.ops.quote_name(role)} IN DATABASE "
                        f"{connection.ops.quote_name(database)} "
                        f"SET statement_timeout = '{int(milliseconds)}ms'"
                    )
            cursor.execute(
                "SELECT r.rolname, s.setconfig FROM pg_db_role_setting s "
                "JOIN pg_roles r ON r.oid = s.setrole "
                "JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = %s "
                "ORDER BY r.rolname",
                [database],
            )
            rows = cursor.fetchall()
        for role, config in rows:
            timeouts = [item for item in config if item.startswith("statement_timeout=")]
            if timeouts:
                self.stdout.write(f"{role} in {database}: {', '.join(timeouts)}")
        if not any(
            item.startswith("statement_timeout=") for _role, config in rows for item in config
        ):
            self.stdout.write(f"No role has a statement_timeout in {database}.")
