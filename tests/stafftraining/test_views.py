"""Every staff-training view over every kind of user, bad input, the certificate PDF, the export."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from puls.audit.models import AuditEntry
from puls.reference.models import TrainingCentre
from stafftraining import services
from stafftraining.models import (
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    Programme,
    SessionStatus,
    TrainingSession,
)
from tests.accounts.factories import UserFactory, agency
from tests.documents.conftest import JPEG, PDF
from tests.pdfcheck import assert_pdf_document

from .factories import EnrolmentFactory, ProgrammeFactory, SessionFactory, completed_enrolment

pytestmark = pytest.mark.django_db

KINDS = [
    "anonymous",
    "jobseeker",
    "employer",
    "trainee",
    "colleague",
    "other_agency",
    "admin",
    "other_admin",
    "analyst",
]


@pytest.fixture
def world(enrol_totp):
    admin = enrol_totp(UserFactory(agency_admin=True))
    trainee = enrol_totp(UserFactory(counsellor=True, first_name="Maria", last_name="Ionescu"))
    session = SessionFactory(agency=admin.agency, status=SessionStatus.HELD)
    enrolment = EnrolmentFactory(session=session, trainee=trainee, status=EnrolmentStatus.ATTENDED)
    users = {
        "anonymous": None,
        "jobseeker": UserFactory(),
        "employer": UserFactory(employer=True),
        "trainee": trainee,
        "colleague": enrol_totp(UserFactory(counsellor=True)),
        "other_agency": enrol_totp(UserFactory(counsellor=True, agency=agency("AB"))),
        "admin": admin,
        "other_admin": enrol_totp(UserFactory(agency_admin=True, agency=agency("AB"))),
        "analyst": enrol_totp(UserFactory(analyst=True)),
    }
    certified = completed_enrolment(
        session=SessionFactory(agency=admin.agency, status=SessionStatus.CLOSED), trainee=trainee
    )
    return {
        "users": users,
        "session": session,
        "enrolment": enrolment,
        "certified": certified,
        "programme": session.programme,
    }


def _expect(**by_kind):
    default = by_kind.pop("default")
    return [by_kind.get(kind, default) for kind in KINDS]


STAFF = {
    kind: 200
    for kind in ("trainee", "colleague", "other_agency", "admin", "other_admin", "analyst")
}
NOT_THEIRS = dict.fromkeys(STAFF, 404)
PAGES = [
    # (url name, URL arguments from the world, expected status per KINDS)
    ("stafftraining:mine", {}, _expect(default=403, anonymous=302, **STAFF)),
    (
        "stafftraining:evaluate",
        {"pk": "enrolment"},
        _expect(default=403, anonymous=302, **{**NOT_THEIRS, "trainee": 200}),
    ),
    (
        "stafftraining:certificate",
        {"pk": "certified"},
        _expect(default=403, anonymous=302, **{**NOT_THEIRS, "trainee": 200, "admin": 200}),
    ),
    ("stafftraining:programme_list", {}, _expect(default=403, anonymous=302, **STAFF)),
    (
        "stafftraining:programme_detail",
        {"pk": "programme"},
        _expect(default=403, anonymous=302, **STAFF),
    ),
    ("stafftraining:programme_create", {}, _expect(default=403, anonymous=302, analyst=200)),
    (
        "stafftraining:programme_edit",
        {"pk": "programme"},
        _expect(default=403, anonymous=302, analyst=200),
    ),
    (
        "stafftraining:session_list",
        {},
        _expect(default=403, anonymous=302, admin=200, other_admin=200, analyst=200),
    ),
    (
        "stafftraining:session_create",
        {},
        _expect(default=403, anonymous=302, admin=200, other_admin=200, analyst=200),
    ),
    (
        "stafftraining:session_detail",
        {"pk": "session"},
        _expect(default=403, anonymous=302, admin=200, other_admin=404, analyst=404),
    ),
    (
        "stafftraining:session_edit",
        {"pk": "session"},
        _expect(default=403, anonymous=302, admin=200, other_admin=404, analyst=404),
    ),
    (
        "stafftraining:indicators_export",
        {"fmt": "csv"},
        _expect(default=403, anonymous=302, admin=200, other_admin=200, analyst=200),
    ),
]
POSTS = [
    ("stafftraining:session_enrol", {"pk": "session"}),
    ("stafftraining:enrolment_withdraw", {"pk": "enrolment"}),
    ("stafftraining:enrolment_record", {"pk": "enrolment"}),
    ("stafftraining:session_transition", {"pk": "session", "action": "inchidere"}),
]


def _url(name, arguments, world):
    kwargs = {key: world[value].pk if value in world else value for key, value in arguments.items()}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "arguments", "expected"), PAGES, ids=[page[0] for page in PAGES])
def test_each_page_answers_each_kind_of_user(client, world, name, arguments, expected):
    url = _url(name, arguments, world)
    got = []
    for kind in KINDS:
        client.logout()
        if world["users"][kind] is not None:
            client.force_login(world["users"][kind])
        got.append(client.get(url).status_code)
    assert dict(zip(KINDS, got, strict=True)) == dict(zip(KINDS, expected, strict=True))


@pytest.mark.parametrize(("name", "arguments"), POSTS, ids=[post[0] for post in POSTS])
def test_actions_on_a_session_are_its_admins_only(client, world, name, arguments):
    url = _url(name, arguments, world)
    expected = _expect(default=403, anonymous=302, other_admin=404, analyst=404, admin=302)
    got = []
    for kind in KINDS:
        client.logout()
        if world["users"][kind] is not None:
            client.force_login(world["users"][kind])
        got.append(client.post(url, {}).status_code)
    assert dict(zip(KINDS, got, strict=True)) == dict(zip(KINDS, expected, strict=True))


def test_an_unknown_session_action_is_not_found(client, world):
    client.force_login(world["users"]["admin"])
    url = reverse(
        "stafftraining:session_transition", kwargs={"pk": world["session"].pk, "action": "nimic"}
    )
    assert client.post(url).status_code == 404


# --- Journeys and bad input -----------------------------------------------------------------------


def test_the_admin_plans_a_session_and_bad_input_is_a_400_that_keeps_it(client, world):
    admin = world["users"]["admin"]
    client.force_login(admin)
    data = {
        "programme": world["programme"].pk,
        "start_date": "2026-12-10",
        "end_date": "2026-12-09",
        "mode": "face_to_face",
        "place": "",
        "trainer": "Ioana Marin",
        "capacity": "12",
    }
    response = client.post(reverse("stafftraining:session_create"), data)
    assert response.status_code == 400
    assert "A face-to-face session needs a place or a training centre." in response.content.decode()
    assert response.context["form"]["trainer"].value() == "Ioana Marin"
    assert TrainingSession.objects.count() == 2
    response = client.post(
        reverse("stafftraining:session_create"),
        {**data, "end_date": "2026-12-11", "place": "Sala 2"},
    )
    session = TrainingSession.objects.latest("pk")
    assert response.status_code == 302 and session.agency == admin.agency and session.capacity == 12


def test_a_session_is_planned_at_a_training_centre_and_its_pages_say_where(client, world):
    admin = world["users"]["admin"]
    teius = TrainingCentre.objects.get(name="CRFPA Teiuș")
    client.force_login(admin)
    form = client.get(reverse("stafftraining:session_create")).content.decode()
    assert f'<option value="{teius.pk}">CRFPA Teiuș</option>' in form
    data = {
        "programme": world["programme"].pk,
        "start_date": "2026-12-10",
        "end_date": "2026-12-11",
        "mode": "face_to_face",
        "centre": teius.pk,
        "place": "Sala 3",
        "trainer": "Ioana Marin",
        "capacity": "12",
    }
    response = client.post(reverse("stafftraining:session_create"), {**data, "mode": "online"})
    assert response.status_code == 400
    assert "An online session is not held at a centre." in response.content.decode()
    response = client.post(reverse("stafftraining:session_create"), data)
    session = TrainingSession.objects.latest("pk")
    assert response.status_code == 302 and session.centre == teius
    detail = client.get(reverse("stafftraining:session_detail", args=[session.pk]))
    assert "CRFPA Teiuș (Teiuș) · Sala 3" in detail.content.decode()
    services.enrolment_create(session=session, trainee=world["users"]["colleague"], by=admin)
    client.force_login(world["users"]["colleague"])
    assert (
        "CRFPA Teiuș (Teiuș) · Sala 3" in client.get(reverse("stafftraining:mine")).content.decode()
    )


def test_enrolment_by_the_admin_and_the_error_for_someone_of_another_agency(client, world):
    admin = world["users"]["admin"]
    session = SessionFactory(agency=admin.agency)
    client.force_login(admin)
    url = reverse("stafftraining:session_enrol", kwargs={"pk": session.pk})
    response = client.post(url, {"trainee": world["users"]["other_agency"].pk}, follow=True)
    assert (
        "Choose a member of staff who may take part in this session." in response.content.decode()
    )
    client.post(url, {"trainee": world["users"]["colleague"].pk})
    assert session.enrolments.get().trainee == world["users"]["colleague"]
    response = client.post(url, {"trainee": "abc"}, follow=True)
    assert response.status_code == 200 and session.enrolments.count() == 1


def test_recording_attendance_and_exam_then_closing_issues_the_certificate(client, world):
    admin = world["users"]["admin"]
    session = SessionFactory(
        agency=admin.agency, programme=ProgrammeFactory(authorised_course=True)
    )
    enrolment = services.enrolment_create(
        session=session, trainee=world["users"]["colleague"], by=admin
    )
    services.session_mark_held(session=session, by=admin)
    client.force_login(admin)
    prefix = f"e{enrolment.pk}"
    client.post(
        reverse("stafftraining:enrolment_record", kwargs={"pk": enrolment.pk}),
        {
            f"{prefix}-attended": "1",
            f"{prefix}-exam_score": "88.5",
            f"{prefix}-exam_passed": "1",
        },
    )
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.exam_score, enrolment.exam_passed) == (
        "attended",
        Decimal("88.5"),
        True,
    )
    client.post(
        reverse(
            "stafftraining:session_transition", kwargs={"pk": session.pk, "action": "inchidere"}
        )
    )
    enrolment.refresh_from_db()
    assert (
        enrolment.status == EnrolmentStatus.COMPLETED
        and enrolment.certificate_number.startswith("IP-")
    )


@pytest.mark.romanian
def test_the_certificate_is_a_pdf_with_its_number_name_and_programme(client, world):
    enrolment = world["certified"]
    client.force_login(world["users"]["trainee"])
    response = client.get(reverse("stafftraining:certificate", kwargs={"pk": enrolment.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert f"certificat-{enrolment.certificate_number}.pdf" in response["Content-Disposition"]
    text = assert_pdf_document(response.content, header=[enrolment.session.agency.name])
    assert "Certificat de absolvire" in text
    assert enrolment.certificate_number in text
    assert "Maria Ionescu" in text
    assert enrolment.session.programme.title in text
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.DOWNLOAD, target_object_id=str(enrolment.pk)
    ).exists()


def test_a_trainee_evaluates_once_and_bad_marks_are_a_400(client, world):
    trainee = world["users"]["trainee"]
    client.force_login(trainee)
    url = reverse("stafftraining:evaluate", kwargs={"pk": world["enrolment"].pk})
    response = client.post(
        url,
        {"content": "9", "trainer": "4", "organisation": "4", "usefulness": "4", "comment": "Bun"},
    )
    assert response.status_code == 400 and not Evaluation.objects.exists()
    assert response.context["form"]["comment"].value() == "Bun"
    response = client.post(
        url,
        {"content": "5", "trainer": "4", "organisation": "4", "usefulness": "3", "comment": "Bun"},
    )
    assert response.status_code == 302 and Evaluation.objects.get().content == 5
    response = client.get(url, follow=True)
    assert "cannot be evaluated" in response.content.decode()
    client.force_login(world["users"]["admin"])
    page = client.get(reverse("stafftraining:session_detail", kwargs={"pk": world["session"].pk}))
    assert page.context["evaluations"]["answers"] == 1 and "Bun" in page.content.decode()


def test_my_trainings_lists_certificates_and_questionnaires_in_few_queries(
    client, world, django_assert_max_num_queries
):
    trainee = world["users"]["trainee"]
    for _ in range(5):
        completed_enrolment(
            trainee=trainee, number=f"IP-2026-{Enrolment.objects.count() + 100:05d}"
        )
    client.force_login(trainee)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("stafftraining:mine"))
    body = response.content.decode()
    assert world["certified"].certificate_number in body
    assert reverse("stafftraining:evaluate", kwargs={"pk": world["enrolment"].pk}) in body


def test_the_national_team_adds_a_programme_with_a_pdf_curriculum(
    client, world, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    analyst = world["users"]["analyst"]
    client.force_login(analyst)
    data = {
        "title": "Prognoza pieței muncii",
        "programme_type": "specializare",
        "target_group": "forecasting",
        "hours": "40",
        "curriculum": "",
        "authorised": "on",
        "authorisation_number": "",
        "authorisation_date": "2026-02-01",
        "has_final_exam": "on",
    }
    response = client.post(reverse("stafftraining:programme_create"), data)
    assert response.status_code == 400
    assert "An authorised programme needs its authorisation number." in response.content.decode()
    response = client.post(
        reverse("stafftraining:programme_create"),
        {
            **data,
            "authorisation_number": "ANC 77",
            "curriculum_file": SimpleUploadedFile("c.jpg", JPEG),
        },
    )
    assert (
        response.status_code == 400
        and "The curriculum must be a PDF file." in response.content.decode()
    )
    response = client.post(
        reverse("stafftraining:programme_create"),
        {
            **data,
            "authorisation_number": "ANC 77",
            "curriculum_file": SimpleUploadedFile("curriculum.pdf", PDF),
        },
    )
    programme = Programme.objects.get(title="Prognoza pieței muncii")
    assert (
        response.status_code == 302
        and programme.curriculum_document.original_name == "curriculum.pdf"
    )
    client.force_login(world["users"]["other_agency"])
    download = client.get(
        reverse("documents:download", kwargs={"pk": programme.curriculum_document_id})
    )
    assert download.status_code == 200
    client.force_login(world["users"]["jobseeker"])
    assert (
        client.get(
            reverse("documents:download", kwargs={"pk": programme.curriculum_document_id})
        ).status_code
        == 404
    )


# --- The indicators on the dashboard and their export ---------------------------------------------


def test_the_dashboard_shows_staff_training_against_the_targets(client, world):
    client.force_login(world["users"]["analyst"])
    body = client.get(reverse("reports:dashboard")).content.decode()
    assert "Staff training against the targets" in body
    assert "SMART-SPO" in body and "1,840" in body


def test_the_export_has_numbers_as_numbers(client, world):
    client.force_login(world["users"]["analyst"])
    response = client.get(
        reverse("stafftraining:indicators_export", kwargs={"fmt": "xlsx"}),
        {"agency": agency("CJ").pk},
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Indicator", "Target", "Reached (national)")
    trained = next(row for row in rows if row[0] == "SPO staff trained (any programme)")
    assert trained[1:5] == (1840, 1, 0.1, 1)
    response = client.get(reverse("stafftraining:indicators_export", kwargs={"fmt": "csv"}))
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["Staff instructed in using PULS, face to face", "568", "1"] == lines[1][:3]


def test_an_agency_admins_export_is_of_their_own_agency(client, world):
    client.force_login(world["users"]["other_admin"])
    response = client.get(
        reverse("stafftraining:indicators_export", kwargs={"fmt": "csv"}),
        {"agency": agency("CJ").pk},
    )
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any("Alba" in cell for cell in header)


@pytest.mark.romanian
def test_a_programme_is_entered_in_both_languages_and_read_in_the_readers(client, world, settings):
    client.force_login(world["users"]["analyst"])
    response = client.post(
        reverse("stafftraining:programme_create"),
        {
            "title": "Comunicarea cu angajatorii",
            "title_en": "Communicating with employers",
            "programme_type": "instruire",
            "target_group": "client_services",
            "hours": "8",
            "curriculum": "1. Vizita la angajator.",
            "curriculum_en": "1. Visiting an employer.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    programme = Programme.objects.get(title="Comunicarea cu angajatorii")
    assert programme.title_en == "Communicating with employers"
    url = reverse("stafftraining:programme_detail", kwargs={"pk": programme.pk})

    romanian = client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()

    assert "Comunicarea cu angajatorii" in romanian and "Vizita la angajator" in romanian
    assert "Communicating with employers" in english and "Visiting an employer" in english
    assert "Comunicarea cu angajatorii" not in english and "Vizita la angajator" not in english
