"""Demo data of the jobseekers app: people with complete dossiers, a counsellor's availability
and a booked appointment. Idempotent: a second call creates nothing."""

import datetime

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from stdnum.ro import cnp as stdnum_cnp

from puls.accounts.models import Role, User
from puls.demo.services import DEMO_PASSWORD
from puls.reference import selectors as reference
from puls.reference.choices import CEFRLevel, DrivingLicence, EducationLevel
from puls.reference.models import County

from .. import exports, selectors, services
from ..models import (
    Availability,
    Booking,
    BookingStatus,
    DocumentKind,
    Education,
    Experience,
    LabourStatus,
    LanguageSkill,
    Purpose,
    SkillAssessment,
)

COUNSELLOR_EMAIL = "consilier@demo.puls.ro"

# (e-mail, first name, last name, first 12 CNP digits, locality, status, COR occupation code (the
# ESCO one is derived from it), employer, education level and field, languages, licences,
# vulnerable groups)
PEOPLE = [
    (
        "persoana@demo.puls.ro",
        "Maria",
        "Ionescu",
        "290031212345",
        "Cluj-Napoca",
        LabourStatus.UNEMPLOYED,
        "751201",  # brutar
        "Brutăria Sânpetru SRL",
        (EducationLevel.VOCATIONAL, "Industrie alimentară", "Colegiul Tehnic „Ana Aslan”"),
        [("ro", CEFRLevel.C2, True), ("en", CEFRLevel.B1, False)],
        [DrivingLicence.B],
        [],
    ),
    (
        "andrei.muresan@demo.puls.ro",
        "Andrei",
        "Mureșan",
        "185112012346",
        "Turda",
        LabourStatus.EMPLOYED,
        "251202",  # programator
        "Țesătura Digitală SA",
        (EducationLevel.BACHELOR, "Informatică", "Universitatea Babeș-Bolyai"),
        [("ro", CEFRLevel.C2, True), ("en", CEFRLevel.C1, False), ("de", CEFRLevel.A2, False)],
        [DrivingLicence.B],
        [],
    ),
    (
        "ioana.pacurar@demo.puls.ro",
        "Ioana",
        "Păcurar",
        "600050712347",
        "Dej",
        LabourStatus.GRADUATE,
        "522101",  # vânzător
        "",
        (
            EducationLevel.UPPER_SECONDARY,
            "Științe sociale",
            "Liceul Teoretic „Alexandru Papiu Ilarian”",
        ),
        [("ro", CEFRLevel.C2, True), ("en", CEFRLevel.B2, False)],
        [],
        ["care_leaver"],
    ),
]


def _cnp(first_twelve):
    return first_twelve + stdnum_cnp.calc_check_digit(first_twelve)


def _occupations(cor_code):
    """The COR occupation and the ESCO one derived from it, or (None, None) without the data."""
    cor_occupation = reference.cor_occupation_named(cor_code)
    if cor_occupation is None:
        return None, None
    return cor_occupation, reference.esco_occupation_for_cor(cor_occupation)


def _user_ensure(email, first_name, last_name):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, role=Role.JOBSEEKER, first_name=first_name, last_name=last_name)
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def _person_ensure(spec, lines):
    (
        email,
        first_name,
        last_name,
        cnp12,
        locality,
        status,
        cor_code,
        employer,
        education,
        languages,
        licences,
        vulnerable,
    ) = spec
    user = _user_ensure(email, first_name, last_name)
    if selectors.dossier_for(user) is not None:
        return selectors.dossier_for(user)
    profile = services.profile_register(
        user=user,
        first_name=first_name,
        last_name=last_name,
        cnp=_cnp(cnp12),
        county=County.objects.get(code="CJ"),
        locality=locality,
        address="Str. Demo 1",
        phone="0740000000",
        status=status,
        consent=True,
        share_with_employers=True,
    )
    level, field, institution = education
    services.dossier_entry_save(
        profile=profile,
        entry=Education(
            level=level, field=field, institution=institution, start_year=2008, end_year=2012
        ),
    )
    for language, cefr, mother_tongue in languages:
        services.dossier_entry_save(
            profile=profile,
            entry=LanguageSkill(language=language, level=cefr, mother_tongue=mother_tongue),
        )
    for category in licences:
        profile.driving_licences.create(category=category)
    if vulnerable:
        services.vulnerabilities_declare(profile=profile, groups=vulnerable)
    cor_occupation, occupation = _occupations(cor_code)
    if cor_occupation is not None and occupation is not None:
        services.occupation_wish_add(
            profile=profile, cor_occupation=cor_occupation, esco_occupation=occupation, by=user
        )
        if employer:
            services.dossier_entry_save(
                profile=profile,
                entry=Experience(
                    cor_occupation=cor_occupation,
                    occupation=occupation,
                    employer_name=employer,
                    start_date=datetime.date(2015, 3, 1),
                    end_date=datetime.date(2024, 6, 30),
                    description="Activitate descrisă pentru demonstrație.",
                ),
            )
        for level_value, skill in enumerate(selectors.suggested_skills_for(profile, limit=4)):
            SkillAssessment.objects.create(profile=profile, skill=skill, level=4 - level_value)
    profile.wished_counties.add("CJ")
    cv = SimpleUploadedFile("cv.pdf", exports.cv_pdf(profile), content_type="application/pdf")
    services.dossier_document_add(profile=profile, uploaded_file=cv, kind=DocumentKind.CV)
    lines.append(f"  jobseeker dossier {email}")
    return profile


def _availability_ensure(counsellor, lines):
    if Availability.objects.filter(counsellor=counsellor).exists():
        return
    today = timezone.localdate()
    for weekday in range(5):
        Availability.objects.create(
            counsellor=counsellor,
            agency=counsellor.agency,
            weekday=weekday,
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            slot_minutes=30,
            purpose=Purpose.COUNSELLING,
            valid_from=today,
        )
    for weekday in (1, 3):
        Availability.objects.create(
            counsellor=counsellor,
            agency=counsellor.agency,
            weekday=weekday,
            start_time=datetime.time(13),
            end_time=datetime.time(15),
            slot_minutes=20,
            purpose=Purpose.REGISTRATION,
            valid_from=today,
        )
    created, _removed = services.slots_materialise(counsellor=counsellor)
    lines.append(f"  availability of {counsellor.email}: {created} slots")


@transaction.atomic
def demo_data_ensure() -> list[str]:
    lines = []
    counsellor = User.objects.filter(email=COUNSELLOR_EMAIL, role=Role.COUNSELLOR).first()
    profiles = [_person_ensure(spec, lines) for spec in PEOPLE]
    if counsellor is not None:
        _availability_ensure(counsellor, lines)
        maria = profiles[0]
        has_booking = Booking.objects.filter(profile=maria, status=BookingStatus.BOOKED).exists()
        # Two days ahead, so that the demo person can still move or cancel it.
        slot = selectors.free_slots_for(
            maria, purpose=Purpose.COUNSELLING, now=timezone.now() + datetime.timedelta(days=2)
        ).first()
        if not has_booking and slot is not None:
            services.booking_create(slot=slot, profile=maria, by=maria.user)
            lines.append(
                f"  appointment for {maria.user.email} on "
                f"{timezone.localtime(slot.start):%Y-%m-%d %H:%M}"
            )
    if lines:
        lines.insert(0, f"Jobseekers (password {DEMO_PASSWORD}):")
    return lines
