"""Factories of the staff-training tests: programmes, sessions, enrolments."""

import datetime
import itertools

import factory
from django.utils import timezone

from stafftraining import models
from tests.accounts.factories import UserFactory, agency


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Programme

    title = "Utilizarea platformei PULS"
    programme_type = models.ProgrammeType.INSTRUCTION
    target_group = models.TargetGroup.PULS_USE
    hours = 8
    curriculum = "1. Autentificarea. 2. Dosarul persoanei. 3. Locurile de muncă."

    class Params:
        authorised_course = factory.Trait(
            title="Consilierea angajatorilor",
            programme_type=models.ProgrammeType.PERFECTING,
            target_group=models.TargetGroup.CLIENT_SERVICES,
            hours=40,
            authorised=True,
            authorisation_number="ANC 1234",
            authorisation_date=datetime.date(2026, 1, 15),
            has_final_exam=True,
        )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TrainingSession

    programme = factory.SubFactory(ProgrammeFactory)
    agency = factory.LazyFunction(lambda: agency("CJ"))
    start_date = factory.LazyFunction(timezone.localdate)
    end_date = factory.LazyFunction(timezone.localdate)
    mode = models.SessionMode.FACE_TO_FACE
    place = "Sala 1, AJOFM Cluj"
    trainer = "Ioana Marin"
    capacity = 20

    class Params:
        held = factory.Trait(status=models.SessionStatus.HELD)
        national = factory.Trait(agency=None)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Enrolment

    session = factory.SubFactory(SessionFactory)
    trainee = factory.SubFactory(UserFactory, counsellor=True)


# Numbers of a past year, so that they never meet the ones session_close gives in a test.
_NUMBERS = (f"IP-2000-{n:05d}" for n in itertools.count(1))


def completed_enrolment(*, session=None, trainee=None, number=None):
    """An enrolment with its certificate, as session_close leaves it."""
    return EnrolmentFactory(
        session=session or SessionFactory(status=models.SessionStatus.CLOSED),
        trainee=trainee or UserFactory(counsellor=True),
        status=models.EnrolmentStatus.COMPLETED,
        certificate_number=number or next(_NUMBERS),
        certificate_issued_at=timezone.now(),
    )


def url_world(*, agency_admin, counsellor):
    """The objects the URL sweeps need: a session of the agency admin's agency with the
    counsellor's completed enrolment (their certificate, their evaluation to fill)."""
    programme = ProgrammeFactory()
    session = SessionFactory(programme=programme, agency=agency_admin.agency, held=True)
    enrolment = EnrolmentFactory(
        session=session,
        trainee=counsellor,
        status=models.EnrolmentStatus.COMPLETED,
        certificate_number=next(_NUMBERS),
        certificate_issued_at=timezone.now(),
    )
    return {
        "training_programme": programme,
        "training_session": session,
        "training_enrolment": enrolment,
    }
