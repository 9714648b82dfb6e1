"""A GIN index on the vacancies' full-text vector, on PostgreSQL only (SQLite has no GIN and
searches by substring instead)."""

from django.db import migrations

INDEX_NAME = "vacancy_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON employers_vacancy USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("employers", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
