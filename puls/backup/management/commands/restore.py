"""Check a backup archive and restore the database and private documents from it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from puls.backup import archive


class Command(BaseCommand):
    help = (
        "Restore the database and the private documents (PRIVATE_ROOT) from an archive made by "
        "`manage.py backup`. Every member is checked against the manifest's checksums first; "
        "nothing is changed if one differs. Refuses a database that holds tables or a private "
        "folder that holds files unless --force. Stop the web, worker and beat processes first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database and private folder that are not empty",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="only check the archive against its manifest; change nothing",
        )

    def handle(self, *args, **options):
        try:
            restored = archive.backup_restore(
                path=options["archive"], force=options["force"], check_only=options["check"]
            )
        except archive.BackupError as error:
            raise CommandError(str(error)) from error
        done = "is intact" if options["check"] else "was restored"
        self.stdout.write(
            self.style.SUCCESS(
                f"The archive of {restored.created_at} ({restored.vendor} database, "
                f"{restored.files} private files, {restored.bytes:,} bytes) {done}."
            )
        )
        if restored.unapplied_migrations:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(restored.unapplied_migrations)} migrations of this version are not "
                    "applied to the restored database: run `manage.py migrate`."
                )
            )
