"""Company statuses from the trade register: reading hostile files, applying them (idempotent,
scoped to the agency's county, vacancies closed through their lifecycle, representatives told),
the command, and the pages' permissions."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from employers import services, trade_register
from employers.models import Company, TradeRegisterImport, VacancyStatus
from employers.trade_register import TradeRegisterFileError
from puls.workflow import TransitionRefused
from tests.accounts.factories import UserFactory, agency

from .factories import CompanyFactory, VacancyFactory, county, valid_cui

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)


def csv_bytes(*lines, header="CUI;stare;data", encoding="utf-8"):
    return "\n".join([header, *lines]).encode(encoding)


# --- Reading the file -----------------------------------------------------------------------------


def test_a_semicolon_file_with_bom_and_romanian_words_is_read():
    raw = f"\ufeffCod fiscal;Stare firmă;Data stării\r\nRO{valid_cui(1)};Radiată;31.10.2026\r\n".encode()

    parsed = trade_register.parse(raw, today=TODAY)

    assert parsed.rows == [
        trade_register.Row(
            line=2, cui=valid_cui(1), status="struck_off", on=datetime.date(2026, 10, 31)
        )
    ]
    assert parsed.invalid == [] and parsed.notes == []


def test_a_comma_file_in_windows_1250_is_read_with_a_note():
    raw = csv_bytes(
        f"{valid_cui(2)},suspendată,2026-11-02", header="cui,status,date", encoding="cp1250"
    )

    parsed = trade_register.parse(raw, today=TODAY)

    assert [row.status for row in parsed.rows] == ["suspended"]
    assert "Windows-1250" in parsed.notes[0]


def test_each_bad_row_is_reported_with_its_line_and_reason():
    good = valid_cui(3)
    raw = csv_bytes(
        f"{good};activa;2026-01-05",
        "12345678;activa;2026-01-05",
        f"{valid_cui(4)};vândută;2026-01-05",
        f"{valid_cui(5)};activa;31/02/2026",
        f"{valid_cui(6)};activa;2027-01-01",
        f"{valid_cui(7)};activa",
        "",
        f"{good};radiata;2026-02-01",
    )

    parsed = trade_register.parse(raw, today=TODAY)

    assert [row.cui for row in parsed.rows] == [good]
    assert parsed.rows_read == 7
    reasons = dict(parsed.invalid)
    assert "control digit" in reasons[3]
    assert "Unknown status “vândută”" in reasons[4]
    assert "is not a date" in reasons[5]
    assert "in the future" in reasons[6]
    assert "The line has 2 columns; it needs 3." in reasons[7]
    assert f"CUI {good} is already on line 2." in reasons[9]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text (CSV) file"),
        (b"\x81\x83\x88\x90\x98\n", "neither UTF-8 nor Windows-1250"),
        (b"1234;activa;2026-01-01\n", "must name the columns CUI, status and date"),
        (b'CUI;stare;data\n"' + b"x" * 200_000 + b'";activa;2026-01-01\n', "cannot be read as CSV"),
    ],
    ids=["empty", "binary", "undecodable", "no-header", "giant-cell"],
)
def test_an_unreadable_file_is_refused_whole(raw, message):
    with pytest.raises(TradeRegisterFileError) as refused:
        trade_register.parse(raw, today=TODAY)

    assert message in " ".join(refused.value.messages)


def test_too_many_rows_are_refused_whole():
    raw = csv_bytes(*(f"{valid_cui(n)};activa;2026-01-01" for n in range(4)))

    with pytest.raises(TradeRegisterFileError, match="more than 3 rows"):
        trade_register.parse(raw, max_rows=3, today=TODAY)


# --- Applying it ----------------------------------------------------------------------------------


@pytest.fixture
def cluj_admin(db):
    return UserFactory(agency_admin=True)


@pytest.fixture
def firms(db):
    """A Cluj company with a published, a submitted and a draft vacancy; a Bucharest company."""
    representative = UserFactory(employer=True, email="rep@firma.ro")
    cluj = CompanyFactory(admin=representative, verified=True)
    published = VacancyFactory(company=cluj, published=True)
    submitted = VacancyFactory(company=cluj, submitted=True)
    draft = VacancyFactory(company=cluj)
    bucharest = CompanyFactory(county=county("B"), verified=True)
    return {
        "cluj": cluj,
        "bucharest": bucharest,
        "published": published,
        "submitted": submitted,
        "draft": draft,
    }


def _import(raw, *, by, agency_=None, callbacks=None):
    return services.trade_register_import(by=by, agency=agency_, file_name="onrc.csv", raw=raw)


def test_an_inactive_company_is_flagged_its_vacancies_closed_and_its_people_told(
    firms, cluj_admin, django_capture_on_commit_callbacks
):
    unknown = valid_cui(999)
    raw = csv_bytes(
        f"{firms['cluj'].cui};dizolvata;2026-11-20",
        f"{firms['bucharest'].cui};radiata;2026-11-20",
        f"{unknown};activa;2026-11-20",
        "123;activa;2026-11-20",
    )

    with django_capture_on_commit_callbacks(execute=True):
        record = _import(raw, by=cluj_admin)

    company = Company.objects.get(pk=firms["cluj"].pk)
    assert (company.register_status, company.register_status_on) == (
        "dissolved",
        datetime.date(2026, 11, 20),
    )
    assert company.register_import == record and company.is_register_inactive
    for name in ("published", "submitted"):
        vacancy = type(firms[name]).objects.get(pk=firms[name].pk)
        assert vacancy.status == VacancyStatus.WITHDRAWN
        log = vacancy.transitions.latest("at")
        assert (log.by, log.from_status) == (cluj_admin, firms[name].status)
        assert "trade register" in log.reason
    assert type(firms["draft"]).objects.get(pk=firms["draft"].pk).status == VacancyStatus.DRAFT
    bucharest = Company.objects.get(pk=firms["bucharest"].pk)
    assert bucharest.register_status == ""  # another county's: out of scope
    assert (
        record.rows_read,
        record.companies_changed,
        record.companies_inactivated,
        record.vacancies_closed,
        record.unknown_count,
        record.out_of_scope_count,
        record.invalid_count,
    ) == (4, 1, 1, 2, 1, 1, 1)
    assert record.report["unknown"] == [unknown]
    assert record.report["out_of_scope"] == [firms["bucharest"].cui]
    assert record.report["invalid"][0]["line"] == 5
    assert record.agency == agency("CJ")
    [notice] = [m for m in mail.outbox if m.to == ["rep@firma.ro"]]
    assert "inactivă în registrul comerțului" in notice.subject
    assert "Dizolvată" in notice.body and "20 noiembrie 2026" in notice.body


def test_the_same_file_twice_changes_nothing_the_second_time(
    firms, cluj_admin, django_capture_on_commit_callbacks
):
    raw = csv_bytes(f"{firms['cluj'].cui};radiata;2026-11-20")
    with django_capture_on_commit_callbacks(execute=True):
        _import(raw, by=cluj_admin)
    sent = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        again = _import(raw, by=cluj_admin)

    assert (again.rows_read, again.companies_changed, again.vacancies_closed) == (1, 0, 0)
    assert again.report["changed"] == []
    assert len(mail.outbox) == sent
    assert Company.objects.get(pk=firms["cluj"].pk).register_import != again


def test_an_older_row_does_not_undo_a_newer_status(firms, cluj_admin):
    _import(csv_bytes(f"{firms['cluj'].cui};radiata;2026-11-20"), by=cluj_admin)

    older = _import(csv_bytes(f"{firms['cluj'].cui};activa;2026-01-01"), by=cluj_admin)

    assert (older.companies_changed, older.older_count) == (0, 1)
    assert Company.objects.get(pk=firms["cluj"].pk).register_status == "struck_off"


def test_an_inactive_company_cannot_submit_a_vacancy(firms, cluj_admin):
    _import(csv_bytes(f"{firms['cluj'].cui};suspendata;2026-11-20"), by=cluj_admin)
    owner = firms["cluj"].memberships.get().user

    with pytest.raises(TransitionRefused, match="inactive in the trade register"):
        services.vacancy_submit(vacancy=firms["draft"], by=owner)


def test_a_counsellor_cannot_import(firms, counsellor):
    with pytest.raises(Exception, match="Only agency administrators"):
        _import(csv_bytes(f"{firms['cluj'].cui};radiata;2026-11-20"), by=counsellor)
    assert not TradeRegisterImport.objects.exists()


def test_the_command_imports_nationally(firms, tmp_path):
    path = tmp_path / "onrc.csv"
    path.write_bytes(
        csv_bytes(
            f"{firms['cluj'].cui};radiata;2026-11-20",
            f"{firms['bucharest'].cui};faliment;2026-11-21",
        )
    )
    out = io.StringIO()

    call_command("import_trade_register", str(path), stdout=out)

    assert "2 companies changed (2 became inactive)" in out.getvalue()
    assert TradeRegisterImport.objects.get().agency is None
    assert Company.objects.get(pk=firms["bucharest"].pk).register_status == "bankruptcy"


def test_the_command_refuses_an_unreadable_file(tmp_path):
    path = tmp_path / "onrc.csv"
    path.write_bytes(b"")

    with pytest.raises(CommandError, match="The file is empty."):
        call_command("import_trade_register", str(path))
    assert not TradeRegisterImport.objects.exists()


# --- Pages ----------------------------------------------------------------------------------------


@pytest.fixture
def kinds(users, enrol_totp, cluj_admin, employer):
    return {
        **users,
        "employer": employer,
        "other_admin": enrol_totp(UserFactory(agency_admin=True, agency=agency("B"))),
        "admin": enrol_totp(cluj_admin),
        "superuser": enrol_totp(UserFactory(is_superuser=True, is_staff=True)),
    }


@pytest.mark.parametrize(
    ("kind", "form_page", "report_page"),
    [
        ("anonymous", "login", "login"),
        ("jobseeker", 403, 403),
        ("employer", 403, 403),
        ("counsellor", 403, 403),
        ("analyst", 403, 403),
        ("other_admin", 200, 404),
        ("admin", 200, 200),
        ("superuser", 200, 200),
    ],
)
def test_who_may_open_the_import_pages(
    client, kinds, cluj_admin, firms, kind, form_page, report_page
):
    record = _import(csv_bytes(f"{firms['cluj'].cui};activa;2026-11-20"), by=cluj_admin)
    user = kinds[kind]
    if user is not None:
        client.force_login(user)

    for name, args, expected in (
        ("employers:trade_register_import", [], form_page),
        ("employers:trade_register_report", [record.pk], report_page),
    ):
        response = client.get(reverse(name, args=args))
        if expected == "login":
            assert response.status_code == 302 and "/cont/login/" in response["Location"]
        else:
            assert response.status_code == expected


@pytest.mark.parametrize("kind", ["anonymous", "counsellor", "employer"])
def test_others_cannot_post_an_import(client, kinds, firms, kind):
    user = kinds[kind]
    if user is not None:
        client.force_login(user)
    upload = SimpleUploadedFile("onrc.csv", csv_bytes(f"{firms['cluj'].cui};radiata;2026-11-20"))

    response = client.post(reverse("employers:trade_register_import"), {"file": upload})

    assert response.status_code in (302, 403)
    assert not TradeRegisterImport.objects.exists()
    assert Company.objects.get(pk=firms["cluj"].pk).register_status == ""


def test_the_admin_uploads_a_file_and_reads_the_report(client, kinds, firms):
    client.force_login(kinds["admin"])
    upload = SimpleUploadedFile(
        "onrc.csv", csv_bytes(f"{firms['cluj'].cui};radiata;2026-11-20", "42;x;y")
    )

    response = client.post(
        reverse("employers:trade_register_import"), {"file": upload}, follow=True
    )

    record = TradeRegisterImport.objects.get()
    assert response.redirect_chain[-1][0] == reverse(
        "employers:trade_register_report", args=[record.pk]
    )
    page = response.content.decode()
    assert firms["cluj"].name in page and "Invalid rows (not applied)" in page
    company_page = client.get(reverse("employers:company_detail", args=[firms["cluj"].pk]))
    assert "Inactive in the trade register" in company_page.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02binary", "This is not a text (CSV) file."),
        (b"a;b;c\n1;2;3\n", "must name the columns CUI, status and date"),
    ],
)
def test_a_bad_file_shows_why_and_changes_nothing(client, kinds, content, message):
    client.force_login(kinds["admin"])

    response = client.post(
        reverse("employers:trade_register_import"),
        {"file": SimpleUploadedFile("onrc.csv", content)},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not TradeRegisterImport.objects.exists()


def test_a_file_over_the_limit_is_refused(client, kinds, monkeypatch):
    monkeypatch.setattr(trade_register, "MAX_UPLOAD_BYTES", 100)
    client.force_login(kinds["admin"])

    response = client.post(
        reverse("employers:trade_register_import"),
        {
            "file": SimpleUploadedFile(
                "onrc.csv", b"CUI;stare;data\n" + b"1;activa;2026-01-01\n" * 10
            )
        },
    )

    assert response.status_code == 400
    assert "The file is larger than" in response.content.decode()
    assert not TradeRegisterImport.objects.exists()


def test_the_employer_sees_the_register_status_on_the_company_page(client, firms, cluj_admin):
    _import(csv_bytes(f"{firms['cluj'].cui};insolventa;2026-11-20"), by=cluj_admin)
    client.force_login(firms["cluj"].memberships.get().user)

    page = client.get(reverse("employers:company_detail", args=[firms["cluj"].pk])).content.decode()

    assert "In insolvency" in page and "20 November 2026" in page
    assert "Inactive in the trade register" not in page  # insolvency: still trading
