"""Demo data of staff training: the national catalogue's two programmes, a closed session of the
demo agency, held at the regional training centre of Cluj-Napoca, in which consilier@demo.puls.ro
earned a certificate (and has a questionnaire to fill), and a planned national session. Idempotent: a second call creates nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from puls.accounts.models import User
from puls.reference.models import TrainingCentre

from .. import services
from ..models import Programme, ProgrammeType, SessionMode, TargetGroup

COUNSELLOR_EMAIL = "consilier@demo.puls.ro"
ADMIN_EMAIL = "admin.agentie@demo.puls.ro"
ANALYST_EMAIL = "analist@demo.puls.ro"
PULS_USE = "Utilizarea platformei PULS de către personalul SPO"


@transaction.atomic
def demo_data_ensure() -> list[str]:
    if Programme.objects.filter(title=PULS_USE).exists():
        return []
    counsellor = User.objects.get(email=COUNSELLOR_EMAIL)
    admin = User.objects.get(email=ADMIN_EMAIL)
    analyst = User.objects.get(email=ANALYST_EMAIL)
    base = {"authorised": False, "authorisation_number": "", "authorisation_date": None}
    puls_use = services.programme_save(
        data={
            **base,
            "title": PULS_USE,
            "title_en": "Using the PULS platform: a course for public employment service staff",
            "programme_type": ProgrammeType.INSTRUCTION,
            "target_group": TargetGroup.PULS_USE,
            "hours": 8,
            "curriculum": "1. Autentificarea cu doi factori.\n2. Dosarul persoanei și profilarea.\n"
            "3. Locurile de muncă și medierea pe competențe.\n4. Rapoarte și indicatori.",
            "curriculum_en": "1. Two-factor sign-in.\n2. The person's dossier and profiling.\n"
            "3. Vacancies and competence-based matching.\n4. Reports and indicators.",
            "has_final_exam": False,
        },
        by=analyst,
    )
    services.programme_save(
        data={
            "title": "Relaționarea cu angajatorii și cu persoanele în căutarea unui loc de muncă",
            "title_en": "Working with employers and with jobseekers",
            "programme_type": ProgrammeType.PERFECTING,
            "target_group": TargetGroup.CLIENT_SERVICES,
            "hours": 40,
            "curriculum": "Comunicare, servicii pentru angajatori, mediere pe competențe; 40 de ore "
            "și evaluare finală.",
            "curriculum_en": "Communication, services for employers, competence-based matching; "
            "40 hours and a final assessment.",
            "authorised": True,
            "authorisation_number": "ANC 2026/145",
            "authorisation_date": datetime.date(2026, 3, 2),
            "has_final_exam": True,
        },
        by=analyst,
    )
    today = timezone.localdate()
    past = services.session_create(
        data={
            "programme": puls_use,
            "start_date": today - datetime.timedelta(days=14),
            "end_date": today - datetime.timedelta(days=13),
            "mode": SessionMode.FACE_TO_FACE,
            "centre": TrainingCentre.objects.filter(name="CRFPA Cluj-Napoca").first(),
            "place": "Sala de instruire",
            "trainer": "Ioana Marin",
            "capacity": 20,
        },
        by=admin,
    )
    enrolment = services.enrolment_create(session=past, trainee=counsellor, by=admin)
    services.session_mark_held(session=past, by=admin)
    services.enrolment_record(
        enrolment=enrolment, attended=True, exam_score=None, exam_passed=None, by=admin
    )
    services.session_close(session=past, by=admin)
    services.session_create(
        data={
            "programme": puls_use,
            "start_date": today + datetime.timedelta(days=21),
            "end_date": today + datetime.timedelta(days=21),
            "mode": SessionMode.ONLINE,
            "centre": None,
            "place": "",
            "trainer": "Echipa PULS",
            "capacity": 100,
        },
        by=analyst,
    )
    return [
        "Staff training: 2 programmes, a closed session with a certificate for "
        f"{COUNSELLOR_EMAIL}, a planned national online session"
    ]
