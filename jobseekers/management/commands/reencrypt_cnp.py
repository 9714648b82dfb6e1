"""Rewrite every stored CNP with the newest key (key rotation) and refresh its keyed hash."""

from django.core.management.base import BaseCommand
from django.db import transaction

from jobseekers.models import JobseekerProfile
from puls.encryption import keyed_hash

BATCH = 1000


class Command(BaseCommand):
    help = (
        "Re-encrypt every CNP with the first key of PULS_CNP_ENCRYPTION_KEYS and recompute its "
        "keyed hash with PULS_CNP_HMAC_KEY. Run it after putting a new key first; once it has "
        "finished, the old keys can be removed."
    )

    def handle(self, *args, **options):
        profiles = JobseekerProfile.objects.filter(cnp__isnull=False).only("pk", "cnp", "cnp_hash")
        last_pk, done = 0, 0
        while True:
            # Each batch is read (decrypted with whichever key fits) and written back (encrypted
            # with the first key) in its own transaction: an interrupted run can simply be repeated.
            with transaction.atomic():
                batch = list(
                    profiles.filter(pk__gt=last_pk).order_by("pk").select_for_update()[:BATCH]
                )
                if not batch:
                    break
                for profile in batch:
                    profile.cnp_hash = keyed_hash(profile.cnp)
                JobseekerProfile.objects.bulk_update(batch, ["cnp", "cnp_hash"])
            last_pk, done = batch[-1].pk, done + len(batch)
        self.stdout.write(self.style.SUCCESS(f"{done} CNPs re-encrypted with the newest key."))
