"""Builds the demo: one account per role and sample data, so a newcomer can look around.

Every builder is idempotent: it looks up what it would create and creates only what is missing.
"""

from importlib import import_module
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from puls.accounts.models import Role, User
from puls.reference.models import Agency

DEMO_PASSWORD = "demo-puls-2026"  # noqa: S105 (printed on purpose: local demo accounts only)
DEMO_COUNTY = "CJ"

DEMO_USERS = [
    # (e-mail, role, first name, last name, staff of the demo agency)
    ("persoana@demo.puls.ro", Role.JOBSEEKER, "Maria", "Ionescu", False),
    ("angajator@demo.puls.ro", Role.EMPLOYER, "Andrei", "Pop", False),
    ("consilier@demo.puls.ro", Role.COUNSELLOR, "Elena", "Mureșan", True),
    ("admin.agentie@demo.puls.ro", Role.AGENCY_ADMIN, "Ioan", "Crișan", True),
    ("analist@demo.puls.ro", Role.NATIONAL_ANALYST, "Radu", "Stoica", False),
    ("retea@demo.puls.ro", Role.NETWORK_MEMBER, "Diana", "Vlad", False),
]
DEMO_SUPERUSER = "admin@demo.puls.ro"
# Each domain app builds its own sample data in `<app>/management/demo.py`; order matters (vacancies first).
DEMO_APPS = [
    "employers",
    "jobseekers",
    "mediation",
    "network",
    "casework",
    "news",
    "helpdesk",
    "stafftraining",
    "reports",
]


DEMO_CONTACT_NOTE = "(date de demonstrație)"


@transaction.atomic
def demo_agency_contacts_ensure() -> int:
    """Give every agency without contact details plausible ones, marked as demo; return how many.

    The real addresses, phones and e-mails are entered by ANOFM in the admin; an agency that has
    any of them is left alone.
    """
    filled = 0
    agencies = Agency.objects.select_related("county").filter(address="", phone="", email="")
    for number, agency in enumerate(agencies.order_by("county_id"), start=1):
        agency.address = f"Str. Exemplului nr. {number}, {agency.county.name} {DEMO_CONTACT_NOTE}"
        agency.phone = f"+40 700 000 {number:03d}"
        agency.email = f"contact.{agency.county_id.lower()}@demo.puls.ro"
        agency.full_clean()
        agency.save(update_fields=["address", "phone", "email"])
        filled += 1
    return filled


@transaction.atomic
def demo_users_ensure() -> list[tuple[User, bool]]:
    """Create the demo accounts (verified e-mail, shared password); return (user, created) pairs."""
    agency = Agency.objects.get(county_id=DEMO_COUNTY)
    results = []
    for email, role, first_name, last_name, is_agency_staff in DEMO_USERS:
        results.append(
            _user_ensure(
                email=email,
                role=role,
                first_name=first_name,
                last_name=last_name,
                agency=agency if is_agency_staff else None,
            )
        )
    results.append(
        _user_ensure(
            email=DEMO_SUPERUSER,
            role=Role.NATIONAL_ANALYST,
            first_name="Admin",
            last_name="PULS",
            agency=None,
            is_superuser=True,
            is_staff=True,
        )
    )
    return results


def _user_ensure(
    *, email: str, role: str, first_name: str, last_name: str, agency: Agency | None, **flags: Any
) -> tuple[User, bool]:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "role": role,
            "first_name": first_name,
            "last_name": last_name,
            "agency": agency,
            **flags,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user, created


def demo_data_ensure() -> list[str]:
    """Run every domain app's demo builder; return the lines they report."""
    lines = []
    for app in DEMO_APPS:
        lines.extend(import_module(f"{app}.management.demo").demo_data_ensure())
    return lines
