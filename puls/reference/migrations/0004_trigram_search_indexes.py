"""Trigram GIN indexes on the search keys, so that substring search stays fast on PostgreSQL.

SQLite has no such index; there the operations do nothing (the tables are small enough to scan).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("reference_coroccupation_search_trgm", "reference_coroccupation"),
    ("reference_escooccupationlabel_search_trgm", "reference_escooccupationlabel"),
    ("reference_skilllabel_search_trgm", "reference_skilllabel"),
]


class CreateTrigramExtension(TrigramExtension):
    """pg_trgm on PostgreSQL, nothing elsewhere. Unapplying keeps the extension: other apps may
    use it, and Django's own reverse queries pg_extension even on SQLite."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_key gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("reference", "0003_esco_cor_isco")]

    operations = [
        CreateTrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
