"""Public search in Romanian without diacritics: the unaccent extension, a text search
configuration `puls_ro` (PostgreSQL's Romanian stemmer over the words without their diacritics),
the stored vectors rebuilt in it, and partial indexes for the search's filters. SQLite searches
by substring and skips the PostgreSQL-only steps."""

from django.conf import settings
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations, models

CREATE_CONFIGURATION = """
CREATE TEXT SEARCH CONFIGURATION puls_ro (COPY = pg_catalog.romanian);
ALTER TEXT SEARCH CONFIGURATION puls_ro
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, romanian_stem;
"""
DROP_CONFIGURATION = "DROP TEXT SEARCH CONFIGURATION IF EXISTS puls_ro"
# As employers.services.vacancies_search_refresh builds them (written out here, as it was when
# this migration was made): title and COR name A, skills B, locality and description C.
REBUILD_VECTORS = """
UPDATE employers_vacancy v SET search_vector =
    setweight(to_tsvector('puls_ro', COALESCE(v.title, '') || ' ' || COALESCE(c.name, '')), 'A')
    || setweight(to_tsvector('puls_ro', COALESCE((
        SELECT string_agg(COALESCE(s.preferred_labels ->> 'ro', s.preferred_labels ->> 'en'), ' ')
        FROM employers_vacancyskill vs JOIN reference_skill s ON s.id = vs.skill_id
        WHERE vs.vacancy_id = v.id), '')), 'B')
    || setweight(to_tsvector('puls_ro', COALESCE(v.locality, '') || ' ' || COALESCE(v.description, '')), 'C')
FROM reference_coroccupation c
WHERE c.id = v.cor_occupation_id AND v.search_vector IS NOT NULL
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0007_company_transition"),
        ("reference", "0004_trigram_search_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(
            on_postgresql(CREATE_CONFIGURATION), on_postgresql(DROP_CONFIGURATION), elidable=False
        ),
        migrations.RunPython(on_postgresql(REBUILD_VECTORS), migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["county", "-published_at"],
                name="vacancy_published_county",
            ),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["schedule", "-published_at"],
                name="vacancy_published_schedule",
            ),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["pay_max"],
                name="vacancy_published_pay",
            ),
        ),
    ]
