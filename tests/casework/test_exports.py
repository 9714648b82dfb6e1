"""Evidence of measures: the content of the CSV and XLSX lists, and their scope."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from casework import services
from puls.reference.models import County
from tests.accounts.factories import PASSWORD, UserFactory, agency
from tests.jobseekers.factories import JobseekerProfileFactory

from .factories import CaseFileFactory, PlanFactory, PlanMeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered():
    """A measure done today for a person of Cluj, and one of Alba that Cluj must not see."""
    measure = PlanMeasureFactory(details='=HYPERLINK("x")')
    services.measure_complete(measure=measure, by=measure.responsible, outcome="Angajată la SC X")
    PlanMeasureFactory(
        plan=PlanFactory(
            case_file=CaseFileFactory(
                profile=JobseekerProfileFactory(county=County.objects.get(code="AB")),
                owner=UserFactory(counsellor=True, agency=agency("AB")),
            )
        ),
        status="done",
        outcome="Ok",
        completed_on=timezone.localdate(),
    )
    PlanMeasureFactory(plan=measure.plan)  # still planned: not delivered
    return measure


def _get(client, user, enrol_totp, export):
    client.force_login(enrol_totp(user))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})  # asked before exports
    today = timezone.localdate()
    return client.get(
        reverse("casework:evidence"),
        {
            "since": (today - datetime.timedelta(days=1)).isoformat(),
            "until": today.isoformat(),
            "export": export,
        },
    )


def test_measures_csv_lists_the_agency_measures_done_in_the_period(client, enrol_totp, delivered):
    response = _get(client, UserFactory(agency_admin=True), enrol_totp, "measures.csv")
    assert response["Content-Type"] == "text/csv"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Agency", "Dossier", "Name", "Measure"]
    assert len(rows) == 2
    profile = delivered.plan.case_file.profile
    assert rows[1][1] == str(profile.pk)
    assert rows[1][3] == "Vocational information and counselling"  # the reader's language
    assert rows[1][4].startswith("'=")  # never run as a formula
    assert rows[1][8] == "Angajată la SC X"


def test_persons_csv_lists_people_registered_in_the_period(client, enrol_totp, delivered):
    JobseekerProfileFactory(registered_at=timezone.now() - datetime.timedelta(days=30))
    response = _get(client, UserFactory(counsellor=True), enrol_totp, "persons.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == [str(delivered.plan.case_file.profile_id)]


def test_xlsx_has_both_lists_and_national_scope_for_the_analyst(client, enrol_totp, delivered):
    response = _get(client, UserFactory(analyst=True), enrol_totp, "xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Persons registered", "Measures delivered"]
    measures = list(workbook["Measures delivered"].values)
    assert len(measures) == 3  # header + Cluj + Alba
    assert {row[0] for row in measures[1:]} == {agency("CJ").name, agency("AB").name}


def test_export_is_audited_and_a_bad_period_shows_the_message(client, enrol_totp):
    from puls.audit.models import AuditEntry

    user = enrol_totp(UserFactory(counsellor=True))
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(
        reverse("casework:evidence"),
        {"since": "2026-05-02", "until": "2026-05-01", "export": "xlsx"},
    )
    assert "The end of the period cannot come before its start." in response.content.decode()
    assert not AuditEntry.objects.filter(actor=user, action="export").exists()
    client.get(
        reverse("casework:evidence"),
        {"since": "2026-05-01", "until": "2026-05-02", "export": "xlsx"},
    )
    assert AuditEntry.objects.filter(actor=user, action="export").exists()


def test_xlsx_cells_hold_labels_and_numbers_of_their_own_type(client, enrol_totp, delivered):
    case_file = delivered.plan.case_file
    case_file.level = "hard"
    case_file.save(update_fields=["level"])
    profile = case_file.profile
    profile.sex = "F"
    profile.save(update_fields=["sex"])
    response = _get(client, UserFactory(counsellor=True), enrol_totp, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["Persons registered"]
    header = [cell.value for cell in sheet[1]]
    (row,) = [
        dict(zip(header, (cell for cell in line), strict=True)) for line in sheet.iter_rows(2)
    ]
    # codes shown as their labels, as the pages show them
    assert row["Sex"].value == "female"
    assert row["Employability level"].value == "Hard to employ"
    # numbers and dates stored as such, not as text
    assert (row["Dossier"].data_type, row["Dossier"].value) == ("n", profile.pk)
    assert (row["Birth year"].data_type, row["Birth year"].value) == ("n", profile.birth_year)
    assert row["Registered on"].is_date
    measures = load_workbook(io.BytesIO(response.content))["Measures delivered"]
    first = [cell for cell in measures[2]]
    assert first[1].data_type == "n" and first[7].is_date
