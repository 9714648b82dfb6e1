"""`manage.py generate_scale_data`: a synthetic country at the scale the programme commits to.

275,000 jobseekers, 21,750 employers and 50,000 vacancies by default (``--scale 0.01`` for 1 %),
drawn by mediation.synthetic from the loaded reference data, with registrations and vacancies
spread over the last three years; vacancies with titles and descriptions written from their
occupation, employer and place, and their search vectors filled. Bulk inserts in batches keep
memory flat; statistics are refreshed at the end (ANALYZE, PostgreSQL).
"""

import datetime
import random
import resource
import time
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from stdnum.ro import cui as stdnum_cui

from employers.models import (
    Company,
    CompanyMembership,
    Vacancy,
    VacancyLanguage,
    VacancySkill,
    VacancyStatus,
)
from employers.services import vacancies_search_refresh
from jobseekers.models import (
    PRIVACY_NOTICE_VERSION,
    DrivingLicenceCategory,
    Education,
    Experience,
    JobseekerProfile,
    LanguageSkill,
    SkillAssessment,
    VulnerabilityDeclaration,
)
from mediation import index, synthetic
from puls.accounts.models import Role, User
from puls.reference.models import Agency

EMAIL_DOMAIN = "sintetic.puls.ro"
BATCH = 5000
HISTORY_DAYS = 3 * 365


def insert_rows(model, columns, rows):
    """Insert plain tuples: COPY on PostgreSQL (about ten times faster than bulk_create for
    millions of rows, and no model instances held), executemany elsewhere."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def cnp_control(body):
    total = sum(
        int(digit) * int(weight) for digit, weight in zip(body, "279146358279", strict=True)
    )
    control = total % 11
    return body + ("1" if control == 10 else str(control))


class Command(BaseCommand):
    help = (
        "Generates synthetic jobseekers, employers and vacancies (needs load_reference). "
        "Default: 275,000 / 21,750 / 50,000; --scale or the individual counts for less."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--jobseekers", type=int)
        parser.add_argument("--employers", type=int)
        parser.add_argument("--vacancies", type=int)
        parser.add_argument(
            "--open-share",
            type=float,
            default=0.4,
            help="Share of vacancies still open today (the rest is history).",
        )
        parser.add_argument("--seed", type=int, default=2021)

    def handle(self, *args, scale, jobseekers, employers, vacancies, open_share, seed, **options):
        started = time.monotonic()
        synthetic.lift_statement_timeout()
        if User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists():
            raise CommandError(
                "Synthetic data is already in this database (users @"
                f"{EMAIL_DOMAIN}); use a fresh database."
            )
        counts = {
            "jobseekers": jobseekers if jobseekers is not None else round(275_000 * scale),
            "employers": employers if employers is not None else round(21_750 * scale),
            "vacancies": vacancies if vacancies is not None else round(50_000 * scale),
        }
        try:
            self.generator = synthetic.Generator(seed=seed)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self.rng = random.Random(seed + 1)
        self.writer = synthetic.VacancyWriter(seed=seed + 2)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.agencies = dict(Agency.objects.values_list("county_id", "pk"))
        self.cnps = set()
        self.open_share = open_share
        self.password = "!synthetic"  # an unusable password hash: nobody signs in as them
        for label, method in (
            ("jobseekers", self.make_jobseekers),
            ("employers", self.make_employers),
            ("vacancies", self.make_vacancies),
        ):
            step = time.monotonic()
            made = method(counts[label])
            self.stdout.write(f"{label}: {made} in {time.monotonic() - step:.1f} s")
        if connection.vendor == "postgresql":
            # Without statistics the planner reads these new tables by sequential scans (the
            # vectors' skill subquery too: statistics first, then the vectors, then theirs).
            step = time.monotonic()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write(f"statistics (ANALYZE): {time.monotonic() - step:.1f} s")
            step = time.monotonic()
            made = self.fill_search_vectors()
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(Vacancy._meta.db_table)}")
            self.stdout.write(f"search vectors: {made} in {time.monotonic() - step:.1f} s")
        index.version_bump()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {time.monotonic() - started:.1f} s; peak memory {peak:.0f} MB."
            )
        )

    # --- people ---------------------------------------------------------------------------------

    def _cnp(self, person, birth):
        first = (
            ("1" if self.rng.random() < 0.5 else "2")
            if birth.year < 2000
            else ("5" if self.rng.random() < 0.5 else "6")
        )
        codes = self.generator.cnp_codes.get(person.county) or ["40"]
        while True:
            body = f"{first}{birth:%y%m%d}{self.rng.choice(codes)}{self.rng.randint(1, 999):03d}"
            if body not in self.cnps:
                self.cnps.add(body)
                return cnp_control(body)

    def _registered_at(self):
        days = self.rng.triangular(0, HISTORY_DAYS, 0)
        return self.now - datetime.timedelta(days=days, seconds=self.rng.randint(0, 86_000))

    def make_jobseekers(self, total):
        made = 0
        while made < total:
            size = min(BATCH, total - made)
            with transaction.atomic():
                self._jobseeker_batch(made, size)
            made += size
            if made % 50_000 == 0 or made == total:
                self.stdout.write(f"  {made} jobseekers")
        return made

    def _jobseeker_batch(self, offset, size):
        rng = self.rng
        people = [self.generator.person(today=self.today) for _ in range(size)]
        users = User.objects.bulk_create(
            [
                User(
                    email=f"persoana{offset + position}@{EMAIL_DOMAIN}",
                    password=self.password,
                    first_name=rng.choice(synthetic.FIRST_NAMES),
                    last_name=rng.choice(synthetic.LAST_NAMES),
                    role=Role.JOBSEEKER,
                )
                for position in range(size)
            ],
            batch_size=BATCH,
        )
        profiles = []
        for user, person in zip(users, people, strict=True):
            birth = datetime.date(rng.randint(1962, 2005), rng.randint(1, 12), rng.randint(1, 28))
            registered = self._registered_at()
            profiles.append(
                JobseekerProfile(
                    user_id=user.pk,
                    cnp=self._cnp(person, birth),
                    birth_date=birth,
                    birth_year=birth.year,
                    sex=rng.choice("FM"),
                    phone=f"07{rng.randint(20_000_000, 99_999_999)}",
                    address=f"Str. {rng.choice(synthetic.LAST_NAMES)} {rng.randint(1, 120)}",
                    county_id=person.county,
                    locality=person.locality,
                    agency_id=self.agencies[person.county],
                    status=person.status,
                    registered_at=registered,
                    consent_at=registered,
                    consent_notice_version=PRIVACY_NOTICE_VERSION,
                    share_with_employers=rng.random() < 0.85,
                    minimum_pay=Decimal(person.minimum_pay) if person.minimum_pay else None,
                    schedule=person.schedule,
                    willing_to_commute=person.willing_to_commute,
                    willing_to_relocate=person.willing_to_relocate,
                )
            )
        profiles = JobseekerProfile.objects.bulk_create(profiles, batch_size=BATCH)
        registered_of = {profile.pk: profile.registered_at for profile in profiles}
        skills, experience, education, languages, licences = [], [], [], [], []
        wished, wished_counties, vulnerable = [], [], []
        for profile, person in zip(profiles, people, strict=True):
            pk = profile.pk
            skills += [(pk, skill_id, level) for skill_id, level in person.skills.items()]
            experience += [
                (pk, occupation_id, f"SC {rng.choice(synthetic.LAST_NAMES)} SRL", start, end, "")
                for occupation_id, start, end in person.experience
            ]
            education.append((pk, person.education, "", ""))
            languages += [(pk, code, level, mother) for code, level, mother in person.languages]
            licences += [(pk, category) for category in person.licences]
            wished += [(pk, occupation_id) for occupation_id in person.wished]
            wished_counties += [(pk, code) for code in person.wished_counties]
            if person.vulnerable:
                vulnerable.append((pk, person.vulnerable, registered_of[pk]))
        insert_rows(SkillAssessment, ["profile_id", "skill_id", "level"], skills)
        insert_rows(
            Experience,
            [
                "profile_id",
                "occupation_id",
                "employer_name",
                "start_date",
                "end_date",
                "description",
            ],
            experience,
        )
        insert_rows(Education, ["profile_id", "level", "field", "institution"], education)
        insert_rows(LanguageSkill, ["profile_id", "language", "level", "mother_tongue"], languages)
        insert_rows(DrivingLicenceCategory, ["profile_id", "category"], licences)
        insert_rows(
            JobseekerProfile.wished_occupations.through,
            ["jobseekerprofile_id", "escooccupation_id"],
            wished,
        )
        insert_rows(
            JobseekerProfile.wished_counties.through,
            ["jobseekerprofile_id", "county_id"],
            wished_counties,
        )
        insert_rows(VulnerabilityDeclaration, ["profile_id", "group", "declared_at"], vulnerable)

    # --- employers and vacancies ----------------------------------------------------------------

    def make_employers(self, total):
        made = 0
        self.companies = []
        while made < total:
            size = min(BATCH, total - made)
            with transaction.atomic():
                users = User.objects.bulk_create(
                    [
                        User(
                            email=f"angajator{made + position}@{EMAIL_DOMAIN}",
                            password=self.password,
                            first_name=self.rng.choice(synthetic.FIRST_NAMES),
                            last_name=self.rng.choice(synthetic.LAST_NAMES),
                            role=Role.EMPLOYER,
                        )
                        for position in range(size)
                    ],
                    batch_size=BATCH,
                )
                companies = []
                for position in range(size):
                    number = made + position
                    body = str(30_000_000 + number)
                    county = self.generator.county()
                    caen_code = self.rng.choice(synthetic.CAEN_CODES)
                    companies.append(
                        Company(
                            cui=body + stdnum_cui.calc_check_digit(body),
                            trade_register_number=f"J{self.rng.randint(1, 40):02d}/"
                            f"{number + 1}/{self.rng.randint(1995, 2023)}",
                            name=f"{self.rng.choice(synthetic.LAST_NAMES)} & Asociații "
                            f"{number} SRL",
                            caen_code=caen_code,
                            size_band=synthetic.company_size(number),
                            address=f"Str. Principală {self.rng.randint(1, 200)}",
                            locality=synthetic.COUNTY_SEATS[county],
                            county_id=county,
                            contact_name="Persoană de contact",
                            contact_phone="0264 000 000",
                            status=Company.Status.VERIFIED,
                            verified_at=self.now,
                            created_at=self._registered_at(),
                        )
                    )
                companies = Company.objects.bulk_create(companies, batch_size=BATCH)
                CompanyMembership.objects.bulk_create(
                    [
                        CompanyMembership(company_id=company.pk, user_id=user.pk, is_admin=True)
                        for company, user in zip(companies, users, strict=True)
                    ],
                    batch_size=BATCH,
                )
            self.companies += [
                (company.pk, company.county_id, company.caen_code) for company in companies
            ]
            made += size
        return made

    def make_vacancies(self, total):
        self.vacancy_ids = []
        if not self.companies:
            return 0
        made = 0
        while made < total:
            size = min(BATCH, total - made)
            with transaction.atomic():
                self._vacancy_batch(size)
            made += size
        return made

    def _vacancy_batch(self, size):
        rng = self.rng
        drafts, vacancies = [], []
        for _ in range(size):
            company_id, county, caen_code = rng.choice(self.companies)
            draft = self.generator.vacancy(county=county)
            title, description = self.writer.write(draft, caen_code=caen_code)
            is_open = rng.random() < self.open_share
            if is_open:
                created = self.now - datetime.timedelta(days=rng.uniform(0, 90))
                valid_until = self.today + datetime.timedelta(days=rng.randint(5, 120))
                status = VacancyStatus.PUBLISHED if rng.random() < 0.85 else VacancyStatus.SUBMITTED
                closed_at = None
                open_posts = draft.posts
            else:
                created = self.now - datetime.timedelta(days=rng.uniform(90, HISTORY_DAYS))
                valid_until = (created + datetime.timedelta(days=rng.randint(30, 90))).date()
                status = rng.choice([VacancyStatus.FILLED, VacancyStatus.EXPIRED])
                closed_at = created + datetime.timedelta(days=rng.randint(5, 80))
                open_posts = 0 if status == VacancyStatus.FILLED else draft.posts
            vacant_since = (created - datetime.timedelta(days=rng.randint(0, 6))).date()
            drafts.append(draft)
            vacancies.append(
                Vacancy(
                    company_id=company_id,
                    cor_occupation_id=draft.cor_occupation,
                    esco_occupation_id=draft.occupation,
                    title=title,
                    description=description,
                    education_level=draft.education,
                    experience_years=draft.experience_years,
                    driving_licences=draft.licences,
                    county_id=draft.county,
                    locality=draft.locality,
                    posts=draft.posts,
                    open_posts=open_posts,
                    pay_min=Decimal(draft.pay_min),
                    pay_max=Decimal(draft.pay_max),
                    schedule=draft.schedule,
                    vacant_since=vacant_since,
                    valid_until=valid_until,
                    communicated_at=created,
                    published_at=(created if status != VacancyStatus.SUBMITTED else None),
                    closed_at=closed_at,
                    status=status,
                    created_at=created,
                )
            )
        vacancies = Vacancy.objects.bulk_create(vacancies, batch_size=BATCH)
        skills, languages = [], []
        for vacancy, draft in zip(vacancies, drafts, strict=True):
            skills += [(vacancy.pk, skill_id, True) for skill_id in draft.essential]
            skills += [
                (vacancy.pk, skill_id, False)
                for skill_id in draft.optional
                if skill_id not in draft.essential
            ]
            languages += [(vacancy.pk, code, level) for code, level in draft.languages]
        insert_rows(VacancySkill, ["vacancy_id", "skill_id", "essential"], skills)
        insert_rows(VacancyLanguage, ["vacancy_id", "language", "level"], languages)
        self.vacancy_ids += [vacancy.pk for vacancy in vacancies]

    def fill_search_vectors(self):
        """Every new vacancy's full-text vector, by batches (one UPDATE each)."""
        made = 0
        for start in range(0, len(self.vacancy_ids), BATCH):
            with transaction.atomic():
                made += vacancies_search_refresh(
                    Vacancy.objects.filter(pk__in=self.vacancy_ids[start : start + BATCH])
                )
        return made
