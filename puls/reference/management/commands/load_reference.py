"""`manage.py load_reference`: loads COR, ISCO-08 and ESCO, or an ESCO label package."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from puls.reference.services import ReferenceDataError, esco_labels_load, reference_data_load


class Command(BaseCommand):
    help = (
        "Loads the ISCO-08 groups, COR occupations and the ESCO occupations, skills, skill groups, "
        "occupation skills and skill hierarchy from the shipped data (or --data-dir). With "
        "--esco-dir and --language, loads instead the labels of an official ESCO CSV package in "
        "that language (occupations_<lang>.csv, skills_<lang>.csv, skillGroups_<lang>.csv). "
        "Running it again writes only what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            help="A folder laid out like puls/reference/data (default: "
            "settings.REFERENCE_DATA_DIR).",
        )
        parser.add_argument(
            "--esco-dir", type=Path, help="A folder of an unzipped ESCO CSV package in --language."
        )
        parser.add_argument("--language", help="The language of --esco-dir, e.g. ro.")

    def handle(self, *args, data_dir=None, esco_dir=None, language=None, **options):
        if bool(esco_dir) != bool(language):
            raise CommandError("--esco-dir and --language go together.")
        if esco_dir and data_dir:
            raise CommandError("Give either --data-dir or --esco-dir, not both.")
        started = time.monotonic()
        try:
            if esco_dir:
                report = esco_labels_load(esco_dir=esco_dir, language=language)
            else:
                report = reference_data_load(data_dir=data_dir)
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        for table in report.tables:
            line = (
                f"{table.table}: {table.created} created, {table.updated} updated, "
                f"{table.unchanged} unchanged"
            )
            if table.deleted:
                line += f", {table.deleted} deleted"
            if table.skipped:
                line += f", {table.skipped} skipped (unknown URI)"
            self.stdout.write(line)
        elapsed = time.monotonic() - started
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Reference data loaded in {elapsed:.1f} s."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Nothing changed ({elapsed:.1f} s)."))
