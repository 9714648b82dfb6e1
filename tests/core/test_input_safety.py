"""The causes of the server errors the fuzz found, each fixed at its root: NUL bytes refused in one
place, ids parsed by form fields, one line e-mail subjects, names without invisible characters,
private files in the admin. (tests/test_hostile_input.py walks every URL with such values.)"""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from puls.notifications.subjects import email_subject
from puls.validators import validate_plain_text
from tests.accounts.factories import UserFactory
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.urlwalk import sign_in

# --- NUL bytes: one middleware, 400 with the portal's error page --------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/referinte/cautare/cor/?q=tam%00plar", None),
        ("get", "/angajatori/locuri-de-munca/?q%00=x", None),
        ("post", "/cont/login/", {"login": "a\x00@b.ro", "password": "x"}),
        ("post", "/cont/login/", {"log\x00in": "a@b.ro"}),
        ("get", "/angajatori/locuri-de-munca/%00/", None),
    ],
    ids=["query value", "query key", "form value", "form key", "path"],
)
def test_a_nul_byte_anywhere_is_refused_with_the_error_page(client, method, url, data):
    response = getattr(client, method)(url, data)

    assert response.status_code == 400
    assert "We could not understand this request" in response.content.decode()


@pytest.mark.django_db
def test_an_upload_field_name_with_a_nul_byte_is_refused(client):
    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")

    response = client.post("/cont/login/", {"fi\x00le": upload})

    assert response.status_code == 400


@pytest.mark.django_db
def test_text_without_nul_bytes_passes(client):
    assert client.get("/referinte/cautare/cor/?q=tâmplar").status_code == 200


# --- ids come through form fields -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "²", str(10**30)])
def test_a_bad_company_id_in_a_subsidy_application_is_a_form_error(client, value):
    from tests.employers.factories import SubsidyProgrammeFactory

    employer = UserFactory(employer=True)
    CompanyFactory(admin=employer, verified=True)
    programme = SubsidyProgrammeFactory()
    sign_in(client, employer)

    response = client.post(
        reverse("employers:application_create", args=[programme.pk]),
        {"company": value, "category": "graduate", "persons": 1},
    )

    assert response.status_code == 200
    assert "Choose one of your companies." in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "²", "2026-02-30"])
def test_a_bad_day_when_moving_an_appointment_is_a_message(client, value):
    from tests.jobseekers.factories import BookingFactory, JobseekerProfileFactory

    profile = JobseekerProfileFactory()
    booking = BookingFactory(profile=profile)
    sign_in(client, profile.user)

    response = client.get(
        reverse("jobseekers:booking_reschedule", args=[booking.pk]), {"zi": value}
    )

    assert response.status_code == 200
    assert "Choose a day from the calendar." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == "booked"


# --- E-mail subjects ------------------------------------------------------------------------------


def test_a_subject_is_one_line_without_invisible_characters():
    assert email_subject("Ofertă\r\nBcc: victim@example.com\u202e ") == (
        "Ofertă Bcc: victim@example.com"
    )
    assert email_subject("x" * 300) == "x" * 254 + "…"


@given(st.text())
def test_any_text_makes_a_subject_django_accepts(text):
    subject = email_subject(text)

    assert "\n" not in subject and "\r" not in subject and len(subject) <= 255
    mail.EmailMessage(subject, "corp", to=["a@example.com"]).message()  # no BadHeaderError


@pytest.mark.django_db
def test_a_vacancy_title_with_a_line_break_is_published_and_its_notice_sent(
    django_capture_on_commit_callbacks,
):
    """Data saved before titles were checked can still carry a CRLF: the notice must go."""
    from employers import services

    employer = UserFactory(employer=True)
    vacancy = VacancyFactory(
        company=CompanyFactory(admin=employer, verified=True), title="Sudor\r\nBcc: x@example.com"
    )
    services.vacancy_submit(vacancy=vacancy, by=employer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_publish(vacancy=vacancy, by=UserFactory(counsellor=True))

    vacancy.refresh_from_db()
    assert vacancy.status == "published"
    assert [m.subject for m in mail.outbox] == [
        "[PULS] Vacancy published: Sudor Bcc: x@example.com"
    ]


# --- Names and titles -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Popescu\u202eucsep", "invisible text-direction characters"),
        ("Pop\u2066escu", "invisible text-direction characters"),
        ("Pope\u200bscu", "zero-width characters"),
        ("Firma\ufeffSRL", "zero-width characters"),
        ("Sudor\r\nBcc: x", "on one line"),
    ],
)
def test_a_name_with_invisible_characters_is_refused_with_a_clear_message(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_plain_text(value)


@pytest.mark.parametrize("value", ["Ștefan Țurcanu", "Întâlnirea de iarnă – 2027", "O'Brien-Pop"])
def test_ordinary_names_pass(value):
    validate_plain_text(value)


@pytest.mark.django_db
def test_a_company_name_with_a_bidi_override_is_refused_on_the_form(client):
    employer = UserFactory(employer=True)
    company = CompanyFactory(admin=employer, verified=True)
    sign_in(client, employer)

    response = client.post(
        reverse("employers:company_edit", args=[company.pk]),
        {"name": "Firma \u202eLRS", "contact_name": "Ioana Pop", "contact_phone": "0264 123 456"},
    )

    assert "invisible text-direction characters" in response.content.decode()
    company.refresh_from_db()
    assert "\u202e" not in company.name


# --- Private files in the admin -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_admin_page_of_a_generated_report_links_its_files_through_the_download_view(
    client, enrol_totp
):
    import datetime

    from reports.models import ReportRun

    run = ReportRun.objects.create(
        kind="top50",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        status=ReportRun.Status.DONE,
    )
    run.csv.save("top50.csv", ContentFile(b"a,b\n"))
    superuser = enrol_totp(UserFactory(is_superuser=True, is_staff=True, role="national_analyst"))
    sign_in(client, superuser)

    response = client.get(reverse("admin:reports_reportrun_change", args=[run.pk]))

    assert response.status_code == 200
    assert reverse("reports:report_download", args=[run.pk, "csv"]) in response.content.decode()
