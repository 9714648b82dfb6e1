"""Demo data of the news: a national announcement and one of the demo agency's county.

Idempotent: each announcement is looked up by its title first; a second call creates nothing.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from puls.accounts.models import User

from .. import services
from ..models import Announcement, Audience

ANALYST_EMAIL = "analist@demo.puls.ro"
AGENCY_ADMIN_EMAIL = "admin.agentie@demo.puls.ro"

NATIONAL_TITLE = "Bursa generală a locurilor de muncă, în toate județele"
NATIONAL_BODY = (
    "Agențiile județene pentru ocuparea forței de muncă organizează bursa generală a locurilor "
    "de muncă. Angajatorii își prezintă ofertele, iar persoanele în căutarea unui loc de muncă "
    "pot discuta direct cu ei.\n\n"
    "Aduceți un CV actualizat. Lista angajatorilor participanți se publică pe PULS cu o "
    "săptămână înainte."
)
NATIONAL_TITLE_EN = "The general job fair, in every county"
NATIONAL_BODY_EN = (
    "The county employment agencies organise the general job fair. Employers present their "
    "offers, and jobseekers can talk to them directly.\n\n"
    "Bring an up-to-date CV. The list of participating employers is published on PULS a week "
    "before."
)
COUNTY_TITLE = "Subvenții pentru angajatorii care încadrează absolvenți"
COUNTY_BODY = (
    "Angajatorii care încadrează absolvenți pot primi lunar o subvenție pe durata a 12 luni, "
    "cu obligația de a menține raporturile de muncă cel puțin 18 luni.\n\n"
    "Depuneți cererea și documentele din contul de angajator, la „Subvenții”. Consilierii "
    "agenției vă ajută la completare."
)
COUNTY_TITLE_EN = "Subsidies for employers who hire graduates"
COUNTY_BODY_EN = (
    "Employers who hire graduates can receive a monthly subsidy for 12 months, and must keep the "
    "employment relationships for at least 18 months.\n\n"
    "Submit the application and the documents from your employer account, under “Subsidies”. "
    "The agency's counsellors help you fill them in."
)


def demo_data_ensure():
    """Create the news demo data if missing; return the lines to print."""
    lines = []
    analyst = User.objects.get(email=ANALYST_EMAIL)
    admin = User.objects.get(email=AGENCY_ADMIN_EMAIL)
    with transaction.atomic():
        for title, body, title_en, body_en, audience, county, by, days_ago in [
            (
                NATIONAL_TITLE,
                NATIONAL_BODY,
                NATIONAL_TITLE_EN,
                NATIONAL_BODY_EN,
                Audience.EVERYONE,
                None,
                analyst,
                3,
            ),
            (
                COUNTY_TITLE,
                COUNTY_BODY,
                COUNTY_TITLE_EN,
                COUNTY_BODY_EN,
                Audience.EMPLOYERS,
                admin.agency.county,
                admin,
                1,
            ),
        ]:
            if Announcement.objects.filter(title=title).exists():
                continue
            announcement = services.announcement_create(
                data={
                    "title": title,
                    "title_en": title_en,
                    "body": body,
                    "body_en": body_en,
                    "audience": audience,
                    "county": county,
                    "publish_on": timezone.localdate() - timedelta(days=days_ago),
                },
                by=by,
            )
            services.announcement_publish(announcement=announcement, by=by)
            lines.append(f"News: published “{title}”")
    return lines
