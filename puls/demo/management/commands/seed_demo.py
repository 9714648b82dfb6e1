"""`manage.py seed_demo`: demo accounts and sample data for the local portal (idempotent)."""

from django.core.management.base import BaseCommand

from puls.demo import services


class Command(BaseCommand):
    help = "Create one demo account per role and sample data. Safe to run again."

    def handle(self, *args, **options):
        users = services.demo_users_ensure()
        created = sum(1 for _user, was_created in users if was_created)
        self.stdout.write(f"Demo accounts ({created} new), password: {services.DEMO_PASSWORD}")
        for user, _created in users:
            label = "superuser" if user.is_superuser else user.role
            self.stdout.write(f"  {label:<18} {user.email}")
        filled = services.demo_agency_contacts_ensure()
        self.stdout.write(f"Agency contact details (demo): {filled} filled")
        for line in services.demo_data_ensure():
            self.stdout.write(line)
