"""Staff training: the models' own rules, the services (places, duplicates, lifecycle, exam,
certificate numbering, evaluation), notices, and the indicators against the seeds' targets."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from puls.notifications.models import OutgoingEmail
from puls.reference.models import TrainingCentre
from stafftraining import selectors, services
from stafftraining.models import (
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    Indicator,
    Programme,
    SessionMode,
    SessionStatus,
    TrainingTarget,
)
from tests.accounts.factories import UserFactory, agency

from .factories import EnrolmentFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def admin():
    return UserFactory(agency_admin=True)


def _held_with(admin, *trainees, programme=None):
    session = SessionFactory(programme=programme or ProgrammeFactory(), agency=admin.agency)
    for trainee in trainees:
        services.enrolment_create(session=session, trainee=trainee, by=admin)
    return services.session_mark_held(session=session, by=admin)


# --- Models ---------------------------------------------------------------------------------------


def test_an_authorised_programme_needs_its_number_and_date():
    programme = ProgrammeFactory.build(authorised=True)
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert set(error.value.message_dict) >= {"authorisation_number", "authorisation_date"}


def test_a_programme_needs_a_curriculum_written_or_attached():
    with pytest.raises(ValidationError) as error:
        ProgrammeFactory.build(curriculum=" ").full_clean()
    assert error.value.message_dict["curriculum"] == ["Write the curriculum or attach it as a PDF."]


def test_a_face_to_face_session_needs_a_place_and_ends_after_it_starts():
    session = SessionFactory.build(
        programme=ProgrammeFactory(), place="", end_date=TODAY - datetime.timedelta(days=1)
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "place" in error.value.message_dict
    assert "The last day cannot be before the first day." in str(error.value)
    online = SessionFactory.build(programme=ProgrammeFactory(), place="", mode=SessionMode.ONLINE)
    online.full_clean()


def test_a_session_at_a_training_centre_needs_no_other_place_and_is_never_online():
    centre = TrainingCentre.objects.get(name="CRFPA Calafat")
    session = SessionFactory.build(programme=ProgrammeFactory(), centre=centre, place="")
    session.full_clean()
    assert session.venue == "CRFPA Calafat (Calafat)"
    session.mode = SessionMode.ONLINE
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert error.value.message_dict == {"centre": ["An online session is not held at a centre."]}


def test_the_seeds_training_centres_are_loaded():
    centres = TrainingCentre.objects.all()
    assert {(c.kind, c.city) for c in centres if c.kind == TrainingCentre.Kind.REGIONAL} == {
        ("crfpa", town) for town in ("Calafat", "Cluj-Napoca", "Constanța", "Teiuș", "Timișoara")
    }
    assert centres.filter(kind=TrainingCentre.Kind.NATIONAL).count() == 1


def test_evaluation_marks_are_one_to_five():
    enrolment = EnrolmentFactory()
    evaluation = Evaluation(enrolment=enrolment, content=6, trainer=0, organisation=3, usefulness=3)
    with pytest.raises(ValidationError) as error:
        evaluation.full_clean()
    assert set(error.value.message_dict) == {"content", "trainer"}


# --- Sessions and enrolments ----------------------------------------------------------------------


def test_an_agency_admin_creates_sessions_of_their_agency_and_the_national_team_national_ones(
    admin,
):
    data = {
        "programme": ProgrammeFactory(),
        "start_date": TODAY,
        "end_date": TODAY,
        "mode": SessionMode.ONLINE,
        "centre": None,
        "place": "",
        "trainer": "Ioana Marin",
        "capacity": 10,
    }
    session = services.session_create(data=data, by=admin)
    assert session.agency == admin.agency and session.status == SessionStatus.PLANNED
    assert session.transitions.get().to_status == SessionStatus.PLANNED
    national = services.session_create(data=data, by=UserFactory(analyst=True))
    assert national.agency is None
    with pytest.raises(PermissionDenied):
        services.session_create(data=data, by=UserFactory(counsellor=True))


def test_enrolment_is_refused_beyond_the_places(admin):
    session = SessionFactory(capacity=1, agency=admin.agency)
    services.enrolment_create(session=session, trainee=UserFactory(counsellor=True), by=admin)
    with pytest.raises(ValidationError, match=r"The session is full \(1 places\)"):
        services.enrolment_create(session=session, trainee=UserFactory(counsellor=True), by=admin)
    assert session.enrolments.count() == 1


def test_a_person_is_enrolled_once_and_again_after_a_withdrawal(admin):
    session = SessionFactory(agency=admin.agency)
    counsellor = UserFactory(counsellor=True)
    enrolment = services.enrolment_create(session=session, trainee=counsellor, by=admin)
    with pytest.raises(ValidationError, match="already enrolled"):
        services.enrolment_create(session=session, trainee=counsellor, by=admin)
    services.enrolment_withdraw(enrolment=enrolment, by=admin)
    again = services.enrolment_create(session=session, trainee=counsellor, by=admin)
    assert again.pk == enrolment.pk and again.status == EnrolmentStatus.ENROLLED
    assert [t.to_status for t in again.transitions.all()] == ["enrolled", "withdrawn", "enrolled"]


def test_only_staff_of_the_sessions_agency_can_be_enrolled_and_only_by_its_admin(admin):
    session = SessionFactory(agency=admin.agency)
    with pytest.raises(ValidationError, match="cannot be enrolled"):
        services.enrolment_create(
            session=session, trainee=UserFactory(counsellor=True, agency=agency("AB")), by=admin
        )
    with pytest.raises(ValidationError, match="cannot be enrolled"):
        services.enrolment_create(session=session, trainee=UserFactory(), by=admin)
    other_admin = UserFactory(agency_admin=True, agency=agency("AB"))
    with pytest.raises(PermissionDenied):
        services.enrolment_create(
            session=session, trainee=UserFactory(counsellor=True), by=other_admin
        )
    national = SessionFactory(national=True)
    services.enrolment_create(
        session=national,
        trainee=UserFactory(counsellor=True, agency=agency("AB")),
        by=UserFactory(analyst=True),
    )


def test_enrolment_tells_the_trainee_by_email(admin, django_capture_on_commit_callbacks):
    counsellor = UserFactory(counsellor=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_create(
            session=SessionFactory(agency=admin.agency), trainee=counsellor, by=admin
        )
    email = OutgoingEmail.objects.get(recipient_user=counsellor)
    assert "training session" in email.subject and "Ioana Marin" in email.body


def test_a_session_is_held_only_from_its_first_day(admin):
    session = SessionFactory(
        agency=admin.agency,
        start_date=TODAY + datetime.timedelta(days=2),
        end_date=TODAY + datetime.timedelta(days=3),
    )
    services.enrolment_create(session=session, trainee=UserFactory(counsellor=True), by=admin)
    with pytest.raises(ValidationError, match="cannot have been held yet"):
        services.session_mark_held(session=session, by=admin)
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_closing_needs_everyones_attendance_and_exam_then_numbers_the_certificates(admin):
    first, second, third = (
        UserFactory(counsellor=True, last_name=name) for name in ("A", "B", "C")
    )
    session = _held_with(
        admin, first, second, third, programme=ProgrammeFactory(authorised_course=True)
    )
    enrolments = {e.trainee_id: e for e in session.enrolments.all()}
    services.enrolment_record(
        enrolment=enrolments[first.pk],
        attended=True,
        exam_score=Decimal("91"),
        exam_passed=True,
        by=admin,
    )
    with pytest.raises(ValidationError, match="Record the attendance of everyone"):
        services.session_close(session=session, by=admin)
    services.enrolment_record(
        enrolment=enrolments[second.pk], attended=True, exam_score=None, exam_passed=None, by=admin
    )
    services.enrolment_record(
        enrolment=enrolments[third.pk], attended=False, exam_score=None, exam_passed=None, by=admin
    )
    with pytest.raises(ValidationError, match="Record the exam result"):
        services.session_close(session=session, by=admin)
    services.enrolment_record(
        enrolment=enrolments[second.pk],
        attended=True,
        exam_score=Decimal("42.5"),
        exam_passed=False,
        by=admin,
    )

    services.session_close(session=session, by=admin)

    statuses = dict(session.enrolments.values_list("trainee_id", "status"))
    assert statuses == {first.pk: "completed", second.pk: "attended", third.pk: "absent"}
    year = TODAY.year
    assert Enrolment.objects.get(trainee=first).certificate_number == f"IP-{year}-00001"
    later = _held_with(admin, second)
    services.enrolment_record(
        enrolment=later.enrolments.get(), attended=True, exam_score=None, exam_passed=None, by=admin
    )
    services.session_close(session=later, by=admin)
    assert later.enrolments.get().certificate_number == f"IP-{year}-00002"


def test_an_exam_result_is_refused_without_an_exam_or_half_given(admin):
    counsellor = UserFactory(counsellor=True)
    session = _held_with(admin, counsellor)
    enrolment = session.enrolments.get()
    with pytest.raises(
        ValidationError, match="only for a trainee who attended a programme with a final exam"
    ):
        services.enrolment_record(
            enrolment=enrolment, attended=True, exam_score=Decimal(80), exam_passed=True, by=admin
        )
    exam = _held_with(
        admin, counsellor, programme=ProgrammeFactory(authorised_course=True)
    ).enrolments.get()
    with pytest.raises(ValidationError, match="Give both the exam score"):
        services.enrolment_record(
            enrolment=exam, attended=True, exam_score=Decimal(80), exam_passed=None, by=admin
        )
    exam.refresh_from_db()
    assert exam.status == EnrolmentStatus.ENROLLED and exam.exam_score is None


def test_attendance_is_recorded_only_while_the_session_is_held(admin):
    session = SessionFactory(agency=admin.agency)
    enrolment = services.enrolment_create(
        session=session, trainee=UserFactory(counsellor=True), by=admin
    )
    with pytest.raises(ValidationError, match="once the session is held"):
        services.enrolment_record(
            enrolment=enrolment, attended=True, exam_score=None, exam_passed=None, by=admin
        )


def test_cancelling_withdraws_the_trainees_tells_them_why_and_logs_it(
    admin, django_capture_on_commit_callbacks
):
    session = SessionFactory(agency=admin.agency)
    counsellor = UserFactory(counsellor=True)
    services.enrolment_create(session=session, trainee=counsellor, by=admin)
    with pytest.raises(ValidationError, match="Say why"):
        services.session_cancel(session=session, by=admin, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=session, by=admin, reason="Formatorul este bolnav")
    assert session.enrolments.get().status == EnrolmentStatus.WITHDRAWN
    assert session.transitions.last().reason == "Formatorul este bolnav"
    email = OutgoingEmail.objects.filter(recipient_user=counsellor).latest("pk")
    assert "cancelled" in email.subject and "Formatorul este bolnav" in email.body
    with pytest.raises(ValidationError):
        services.session_mark_held(session=session, by=admin)


def test_an_attendee_evaluates_a_held_session_once(admin):
    counsellor, absent = UserFactory(counsellor=True), UserFactory(counsellor=True)
    session = _held_with(admin, counsellor, absent)
    mine, theirs = (
        session.enrolments.get(trainee=counsellor),
        session.enrolments.get(trainee=absent),
    )
    services.enrolment_record(
        enrolment=mine, attended=True, exam_score=None, exam_passed=None, by=admin
    )
    services.enrolment_record(
        enrolment=theirs, attended=False, exam_score=None, exam_passed=None, by=admin
    )
    answers = {"content": 5, "trainer": 4, "organisation": 3, "usefulness": 4, "comment": "Util"}
    with pytest.raises(PermissionDenied):
        services.evaluation_submit(enrolment=mine, by=absent, answers=answers)
    with pytest.raises(ValidationError, match="those who attended"):
        services.evaluation_submit(enrolment=theirs, by=absent, answers=answers)
    services.evaluation_submit(enrolment=mine, by=counsellor, answers=answers)
    with pytest.raises(ValidationError, match="already evaluated"):
        services.evaluation_submit(enrolment=mine, by=counsellor, answers=answers)
    summary = selectors.evaluation_summary(session)
    assert summary["answers"] == 1 and summary["comments"] == ["Util"]
    assert [average for _label, average in summary["questions"]] == [5, 4, 3, 4]


def test_saving_a_programme_refuses_an_authorised_one_without_authorisation_and_stores_nothing():
    data = {field: getattr(ProgrammeFactory.build(), field) for field in services.PROGRAMME_FIELDS}
    with pytest.raises(ValidationError) as error:
        services.programme_save(data={**data, "authorised": True}, by=UserFactory(analyst=True))
    assert "authorisation_number" in error.value.message_dict
    assert not Programme.objects.exists()


# --- Indicators -----------------------------------------------------------------------------------


def test_the_targets_of_the_seeds_are_data():
    targets = dict(TrainingTarget.objects.values_list("indicator", "target"))
    assert targets == {
        "puls_face_to_face": 568,
        "puls_online": 337,
        "puls_total": 905,
        "puls_sessions": 28,
        "authorised_client_services": 217,
        "authorised_forecasting": 47,
        "authorised_total": 264,
        "authorised_sessions": 16,
        "staff_trained": 1840,
    }
    assert TrainingTarget.objects.get(indicator="staff_trained").seed.startswith("002_")


def test_indicators_count_distinct_people_who_completed_and_sessions_held(admin):
    cluj, alba = UserFactory(counsellor=True), UserFactory(counsellor=True, agency=agency("AB"))
    for trainee in (cluj, cluj):  # twice in PULS use face to face: one person
        session = _held_with(admin, trainee)
        services.enrolment_record(
            enrolment=session.enrolments.get(),
            attended=True,
            exam_score=None,
            exam_passed=None,
            by=admin,
        )
        services.session_close(session=session, by=admin)
    analyst = UserFactory(analyst=True)
    online = SessionFactory(
        national=True, mode=SessionMode.ONLINE, programme=ProgrammeFactory(authorised_course=True)
    )
    services.enrolment_create(session=online, trainee=alba, by=analyst)
    services.session_mark_held(session=online, by=analyst)
    services.enrolment_record(
        enrolment=online.enrolments.get(),
        attended=True,
        exam_score=Decimal(75),
        exam_passed=True,
        by=analyst,
    )
    services.session_close(session=online, by=analyst)
    SessionFactory(status=SessionStatus.CANCELLED)

    values = selectors.indicator_values()
    assert values[Indicator.PULS_FACE_TO_FACE] == 1
    assert values[Indicator.PULS_ONLINE] == 0
    assert values[Indicator.PULS_SESSIONS] == 2
    assert values[Indicator.AUTHORISED_CLIENT_SERVICES] == 1
    assert values[Indicator.AUTHORISED_SESSIONS] == 1
    assert values[Indicator.STAFF_TRAINED] == 2
    assert selectors.indicator_values(agency("AB"))[Indicator.STAFF_TRAINED] == 1
    row = next(
        r for r in selectors.indicator_rows(agency("CJ")) if r["indicator"] == "staff_trained"
    )
    assert (row["target"], row["reached"], row["agency"], row["percent"]) == (1840, 2, 1, 0.1)
