"""What leaves PULS about a person: the .ics of an appointment, the PDF CV, the data export."""

import datetime
import json

import icalendar
import pytest
from django.urls import reverse

from jobseekers import exports, ics
from jobseekers.models import Education, Experience, LanguageSkill, SkillAssessment
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.reference.choices import EducationLevel
from tests.pdfcheck import assert_pdf_document

from .factories import (
    BookingFactory,
    EscoOccupationFactory,
    JobseekerProfileFactory,
    SkillFactory,
    SlotFactory,
    aware,
    counsellor_factory,
)

pytestmark = pytest.mark.django_db


def pdf_text(content):
    """The text of one of the person's PDFs, which are official documents like every other."""
    return assert_pdf_document(content)


@pytest.fixture
def full_profile():
    profile = JobseekerProfileFactory(user__first_name="Ștefania", user__last_name="Țărău")
    Education.objects.create(
        profile=profile,
        level=EducationLevel.BACHELOR,
        field="Științe economice",
        institution="Universitatea Babeș-Bolyai",
        start_year=2010,
        end_year=2013,
    )
    Experience.objects.create(
        profile=profile,
        employer_name="Fabrica de Pâine Înșir-te Mărgărite",
        occupation=EscoOccupationFactory(preferred_labels={"en": "baker", "ro": "brutar"}),
        start_date=datetime.date(2014, 2, 1),
        description="Coacere, gestiune și aprovizionare.",
    )
    SkillAssessment.objects.create(
        profile=profile,
        level=3,
        skill=SkillFactory(preferred_labels={"en": "knead dough", "ro": "frământarea aluatului"}),
    )
    LanguageSkill.objects.create(profile=profile, language="en", level="B2")
    return profile


class TestIcs:
    def test_event_has_uid_times_in_bucharest_summary_and_agency(self):
        day = datetime.date(2026, 7, 15)  # summer time: UTC+3
        booking = BookingFactory(slot=SlotFactory(start=aware(day, 10), purpose="mediation"))
        calendar = icalendar.Calendar.from_ical(ics.booking_ics(booking))
        (event,) = calendar.walk("VEVENT")
        assert str(event["UID"]) == f"booking-{booking.pk}@puls.anofm.ro"
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert str(start.tzinfo) == "Europe/Bucharest"
        assert (start.hour, start.utcoffset()) == (10, datetime.timedelta(hours=3))
        assert end - start == datetime.timedelta(minutes=30)
        assert event["DTSTART"].params["TZID"] == "Europe/Bucharest"
        assert "PULS" in str(event["SUMMARY"])
        assert str(event["LOCATION"]) == booking.slot.agency.name
        assert calendar.walk("VTIMEZONE"), "the time zone must travel with the event"


class TestCv:
    @pytest.mark.parametrize(
        ("language", "occupation", "skill"),
        [("ro", "brutar", "frământarea aluatului"), ("en", "baker", "knead dough")],
    )
    def test_pdf_text_is_extractable_with_diacritics(
        self, full_profile, language, occupation, skill
    ):
        text = pdf_text(exports.cv_pdf(full_profile, language=language))
        assert "Ștefania Țărău" in text
        assert "Fabrica de Pâine Înșir-te Mărgărite" in text
        assert "Științe economice" in text
        # ESCO labels follow the CV's language.
        assert occupation in text and skill in text

    def test_cv_download(self, client, full_profile):
        client.force_login(full_profile.user)
        response = client.get(reverse("jobseekers:cv_pdf"), {"limba": "en"})
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


class TestDataExport:
    def test_json_holds_everything_including_who_opened_the_dossier(
        self, client, full_profile, reauthenticated
    ):
        counsellor = counsellor_factory("CJ", first_name="Elena", last_name="Pop")
        audit_record(actor=counsellor, action=AuditEntry.Action.VIEW, target=full_profile)
        BookingFactory(profile=full_profile)
        full_profile.vulnerabilities.create(group="long_term_unemployed")
        client.force_login(full_profile.user)
        reauthenticated(client)
        response = client.get(reverse("jobseekers:export_json"))
        data = json.loads(response.content)
        assert data["profile"]["cnp"] == full_profile.cnp
        assert data["account"]["last_name"] == "Țărău"
        assert data["education"][0]["institution"] == "Universitatea Babeș-Bolyai"
        assert data["experience"][0]["occupation"]["label"] in {"brutar", "baker"}
        assert data["competences"][0]["level"] == 3
        assert data["languages"] == [{"language": "en", "level": "B2", "mother_tongue": False}]
        assert data["vulnerable_situations"][0]["group"] == "long_term_unemployed"
        assert len(data["appointments"]) == 1
        assert [(e["by"], e["action"]) for e in data["audit_trail"]] == [("Elena Pop", "view")]
        assert AuditEntry.objects.filter(actor=full_profile.user, action="export").exists()

    def test_pdf_export_is_readable(self, client, full_profile, reauthenticated):
        client.force_login(full_profile.user)
        reauthenticated(client)
        response = client.get(reverse("jobseekers:export_pdf"))
        text = pdf_text(response.content)
        assert full_profile.cnp in text
        assert "Ștefania Țărău" in text and "Universitatea Babeș-Bolyai" in text

    @pytest.mark.parametrize("url_name", ["export_json", "export_pdf", "cv_pdf"])
    def test_others_cannot_export(self, client, url_name, enrol_totp):
        client.force_login(enrol_totp(counsellor_factory("CJ")))
        assert client.get(reverse(f"jobseekers:{url_name}")).status_code == 403
