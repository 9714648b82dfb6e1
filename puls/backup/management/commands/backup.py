"""Write one archive of the database and the private documents (puls/backup/archive.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from puls.backup import archive


class Command(BaseCommand):
    help = (
        "Back up the database and the private documents (PRIVATE_ROOT) into one archive with a "
        "manifest of SHA-256 checksums. Writes BACKUP_ROOT/puls-<UTC time>.tar unless --output "
        "is given; exits non-zero on any failure, leaving no partial archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="where to write the archive")

    def handle(self, *args, **options):
        path = options["output"] or archive.default_archive_path()
        try:
            manifest = archive.backup_create(path=path)
        except archive.BackupError as error:
            raise CommandError(str(error)) from error
        files = [name for name in manifest["members"] if name.startswith(archive.PRIVATE_PREFIX)]
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {manifest['database']['vendor']} database and {len(files)} "
                f"private files to {path} ({path.stat().st_size:,} bytes)."
            )
        )
