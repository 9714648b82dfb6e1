"""Pages of the jobseekers app: registration, dossier, permissions, appointments, staff pages."""

import datetime
import re
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jobseekers.models import (
    Availability,
    Booking,
    BookingStatus,
    ClosureRequest,
    Education,
    JobseekerProfile,
    Slot,
)
from puls.audit.models import AuditEntry
from puls.reference.choices import EducationLevel
from puls.reference.models import Agency, County
from tests.accounts.factories import UserFactory
from tests.reference.factories import CorOccupationFactory, IscoGroupFactory

from .factories import (
    BookingFactory,
    EscoOccupationFactory,
    JobseekerProfileFactory,
    SkillFactory,
    SlotFactory,
    counsellor_factory,
    make_cnp,
)

pytestmark = pytest.mark.django_db
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def person_client(client):
    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    client.profile = profile
    return client


def registration_data(**overrides):
    data = {
        "first_name": "Ioana",
        "last_name": "Mureșan",
        "cnp": make_cnp(first="2", birth="920704"),
        "birth_date": "1992-07-04",
        "county": "CJ",
        "locality": "Cluj-Napoca",
        "address": "Str. Horea 3",
        "phone": "0744 000 111",
        "status": "unemployed",
        "consent": "on",
    }
    data.update(overrides)
    return data


class TestRegistration:
    url = reverse("jobseekers:register")

    def test_two_steps_show_what_the_cnp_says_then_register(self, client):
        user = UserFactory()
        client.force_login(user)
        first = client.post(self.url, registration_data())
        assert first.status_code == 200
        assert first.context["confirming"]
        assert first.context["cnp_info"].birth_date == datetime.date(1992, 7, 4)
        assert not JobseekerProfile.objects.exists()
        response = client.post(self.url, registration_data(confirmed="True"))
        assert response.status_code == 302
        assert response["Location"] == reverse("jobseekers:registration_received")
        profile = JobseekerProfile.objects.get(user=user)
        assert profile.agency.county_id == "CJ" and profile.sex == "F"

    @pytest.mark.parametrize(
        ("cnp", "message"),
        [
            ("29207041", "exactly 13 digits"),
            ("2920704A12345", "digits only"),
            ("0920704120010", "first digit"),
            ("2921304120010", "real birth date"),
            ("2920704990015", "county code"),
        ],
    )
    def test_bad_cnp_shows_the_rule_that_failed(self, client, cnp, message):
        client.force_login(UserFactory())
        client.cookies["django_language"] = "en"
        response = client.post(self.url, registration_data(cnp=cnp))
        assert message in " ".join(response.context["form"].errors["cnp"])
        assert not JobseekerProfile.objects.exists()

    def test_bad_control_digit(self, client):
        client.force_login(UserFactory())
        client.cookies["django_language"] = "en"
        good = make_cnp()
        bad = good[:-1] + str((int(good[-1]) + 1) % 10)
        response = client.post(self.url, registration_data(cnp=bad))
        assert "control digit" in " ".join(response.context["form"].errors["cnp"])

    def test_birth_date_contradicting_cnp(self, client):
        client.force_login(UserFactory())
        client.cookies["django_language"] = "en"
        response = client.post(
            self.url, registration_data(birth_date="1992-07-05", confirmed="True")
        )
        assert "does not agree with the CNP" in str(response.context["form"].errors)
        assert not JobseekerProfile.objects.exists()

    def test_a_taken_cnp_gets_the_same_answer_as_a_new_one(
        self, client, django_capture_on_commit_callbacks
    ):
        """Registration must not tell whether someone is registered with SPO."""
        cnp = make_cnp(first="2", birth="920704")
        answers = []
        for holder_exists in (False, True):
            JobseekerProfile.objects.with_cnp(cnp).delete()
            if holder_exists:
                holder = JobseekerProfileFactory(cnp=cnp, user__email="holder@example.ro")
            user = UserFactory()
            client.force_login(user)
            mail.outbox.clear()
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(
                    self.url, registration_data(cnp=cnp, confirmed="True"), follow=True
                )
            answers.append(
                (
                    response.redirect_chain,
                    response.status_code,
                    [template.name for template in response.templates],
                    CSRF_TOKEN.sub("", response.content.decode().replace(user.email, "EMAIL")),
                )
            )
        assert answers[0] == answers[1]
        assert (
            JobseekerProfile.objects.with_cnp(cnp).get() == holder
        )  # nothing created for the duplicate
        assert not JobseekerProfile.objects.filter(user=user).exists()
        assert {message.to[0] for message in mail.outbox} == {"holder@example.ro", user.email}

    @override_settings(ACCOUNT_RATE_LIMITS={"puls_jobseeker_register": "2/h/user,10/h/ip"})
    def test_registration_attempts_are_rate_limited_per_account(self, client):
        cache.clear()
        prober = UserFactory()
        client.force_login(prober)
        for _attempt in range(2):  # someone trying CNPs of registered people
            taken = JobseekerProfileFactory().cnp
            assert (
                client.post(
                    self.url,
                    registration_data(cnp=taken, birth_date="1990-03-12", confirmed="True"),
                ).status_code
                == 302
            )
        response = client.post(self.url, registration_data(confirmed="True"))
        assert response.status_code == 429
        assert "Too many attempts" in response.content.decode()
        assert not JobseekerProfile.objects.filter(user=prober).exists()
        other = UserFactory()
        client.force_login(other)
        assert client.post(self.url, registration_data(confirmed="True")).status_code == 302

    @override_settings(ACCOUNT_RATE_LIMITS={"puls_jobseeker_register": "10/h/user,2/h/ip"})
    def test_registration_attempts_are_rate_limited_per_address(self, client):
        cache.clear()
        for _attempt in range(2):
            client.force_login(UserFactory())
            taken = JobseekerProfileFactory().cnp
            client.post(
                self.url, registration_data(cnp=taken, birth_date="1990-03-12", confirmed="True")
            )
        client.force_login(UserFactory())
        assert client.post(self.url, registration_data(confirmed="True")).status_code == 429
        response = client.post(
            self.url, registration_data(confirmed="True"), REMOTE_ADDR="192.0.2.7"
        )
        assert response.status_code == 302

    def test_without_consent(self, client):
        client.force_login(UserFactory())
        data = registration_data(confirmed="True")
        del data["consent"]
        response = client.post(self.url, data)
        assert "consent" in response.context["form"].errors
        assert not JobseekerProfile.objects.exists()

    def test_dashboard_sends_unregistered_person_to_registration(self, client):
        client.force_login(UserFactory())
        response = client.get(reverse("jobseekers:dashboard"))
        assert response.url == self.url


def user_of_kind(kind, profile):
    if kind == "anonymous":
        return None
    if kind == "jobseeker":
        return JobseekerProfileFactory().user
    if kind == "employer":
        return UserFactory(employer=True)
    if kind == "counsellor_other_agency":
        return counsellor_factory("IS")
    if kind == "counsellor_same_agency":
        return counsellor_factory(profile.county_id)
    raise ValueError(kind)


class TestDossierPermissions:
    @pytest.mark.parametrize(
        ("kind", "status"),
        [
            ("anonymous", 302),
            ("jobseeker", 403),
            ("employer", 403),
            ("counsellor_other_agency", 404),
            ("counsellor_same_agency", 200),
        ],
    )
    def test_staff_dossier(self, client, enrol_totp, kind, status):
        profile = JobseekerProfileFactory()
        user = user_of_kind(kind, profile)
        if user:
            if user.is_spo_staff:
                enrol_totp(user)
            client.force_login(user)
        response = client.get(reverse("casework:case_detail", args=[profile.pk]), {"fila": "dosar"})
        assert response.status_code == status
        opened = AuditEntry.objects.filter(action="view", target_object_id=str(profile.pk))
        assert opened.exists() == (status == 200)
        if status == 200:
            assert profile.cnp not in response.content.decode()

    @pytest.mark.parametrize(
        ("kind", "status"),
        [
            ("anonymous", 302),
            ("jobseeker", 200),
            ("employer", 403),
            ("counsellor_same_agency", 403),
        ],
    )
    def test_registration_received_is_for_jobseekers(self, client, enrol_totp, kind, status):
        user = user_of_kind(kind, JobseekerProfileFactory())
        if user:
            if user.is_spo_staff:
                enrol_totp(user)
            client.force_login(user)
        response = client.get(reverse("jobseekers:registration_received"))
        assert response.status_code == status

    def test_person_sees_own_dossier_and_who_opened_it(self, person_client, enrol_totp):
        counsellor = enrol_totp(counsellor_factory("CJ", first_name="Elena", last_name="Mureșan"))
        staff = type(person_client)()
        staff.force_login(counsellor)
        staff.get(reverse("casework:case_detail", args=[person_client.profile.pk]))
        response = person_client.get(reverse("jobseekers:dossier"))
        assert response.status_code == 200
        trail = list(response.context["openings"])
        assert [entry.actor for entry in trail] == [counsellor]
        assert "Elena Mureșan" in response.content.decode()

    @pytest.mark.parametrize("kind", ["anonymous", "employer", "counsellor_same_agency"])
    def test_my_dossier_is_for_jobseekers_only(self, client, enrol_totp, kind):
        profile = JobseekerProfileFactory()
        user = user_of_kind(kind, profile)
        if user:
            if user.is_spo_staff:
                enrol_totp(user)
            client.force_login(user)
        response = client.get(reverse("jobseekers:dossier"))
        assert response.status_code in (302, 403)

    def test_another_persons_entry_in_the_url_gives_404(self, person_client):
        other = JobseekerProfileFactory()
        entry = Education.objects.create(profile=other, level=EducationLevel.BACHELOR)
        response = person_client.post(
            reverse("jobseekers:section_delete", args=["educatie", entry.pk])
        )
        assert response.status_code == 404
        assert Education.objects.filter(pk=entry.pk).exists()

    def test_staff_list_is_narrowed_to_agency(
        self, client, enrol_totp, django_assert_max_num_queries
    ):
        JobseekerProfileFactory.create_batch(5)
        far = JobseekerProfileFactory(
            county=County.objects.get(code="IS"), agency=Agency.objects.get(county_id="IS")
        )
        counsellor = enrol_totp(counsellor_factory("CJ"))
        client.force_login(counsellor)
        with django_assert_max_num_queries(10):
            response = client.get(reverse("jobseekers:staff_profiles"))
        shown = list(response.context["page_obj"])
        assert len(shown) == 5 and far not in shown


class TestDossierEditing:
    def test_add_experience_by_cor_name_derives_the_esco_occupation(self, person_client):
        group = IscoGroupFactory(code="7512", preferred_labels={"en": "Bakers"})
        cor = CorOccupationFactory(code="751201", name="brutar", isco_group=group)
        baker = EscoOccupationFactory(isco_group=group, preferred_labels={"en": "baker"})
        response = person_client.post(
            reverse("jobseekers:section_add", args=["experienta"]),
            {
                "cor_occupation": "Brutar",
                "employer_name": "Brutăria Sânpetru",
                "start_date": "2019-03-01",
                "end_date": "",
                "description": "Pâine și cozonac.",
            },
        )
        assert response.status_code == 302
        experience = person_client.profile.experience.get()
        assert (experience.cor_occupation, experience.occupation) == (cor, baker)

    def test_unknown_occupation_is_refused(self, person_client):
        response = person_client.post(
            reverse("jobseekers:section_add", args=["experienta"]),
            {
                "cor_occupation": "astronaut de test",
                "employer_name": "X",
                "start_date": "2019-03-01",
            },
        )
        assert response.status_code == 200
        assert "cor_occupation" in response.context["form"].errors
        assert not person_client.profile.experience.exists()

    @pytest.mark.romanian  # the person types the Romanian label in the Romanian portal
    def test_add_skill_and_duplicate_is_refused(self, person_client):
        SkillFactory(preferred_labels={"en": "bake bread", "ro": "coacerea pâinii"})
        url = reverse("jobseekers:section_add", args=["competente"])
        assert person_client.post(url, {"skill": "coacerea pâinii", "level": 3}).status_code == 302
        response = person_client.post(url, {"skill": "coacerea pâinii", "level": 2})
        assert response.status_code == 200
        assert person_client.profile.skills.count() == 1

    def test_upload_of_wrong_kind_is_refused(self, person_client):
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = person_client.post(
            reverse("jobseekers:document_add"),
            {"kind": "cv", "file": SimpleUploadedFile("cv.pdf", b"GIF89a not accepted")},
        )
        assert response.status_code == 200
        assert "file" in response.context["form"].errors
        assert not person_client.profile.documents.exists()

    def test_dossier_page_query_count_does_not_grow(
        self, person_client, django_assert_max_num_queries
    ):
        profile = person_client.profile
        for n in range(5):
            Education.objects.create(profile=profile, level=EducationLevel.BACHELOR, field=f"F{n}")
        with django_assert_max_num_queries(25):
            assert person_client.get(reverse("jobseekers:dossier")).status_code == 200


class TestAppointmentPages:
    def test_book_from_free_slots_and_see_it_in_dossier(
        self, person_client, django_capture_on_commit_callbacks
    ):
        slot = SlotFactory()
        SlotFactory(counsellor=slot.counsellor, start=slot.start + datetime.timedelta(hours=1))
        day = timezone.localdate(slot.start).isoformat()
        page = person_client.get(
            reverse("jobseekers:appointments"), {"purpose": "counselling", "zi": day}
        )
        assert slot in page.context["day_slots"]
        with django_capture_on_commit_callbacks(execute=True):
            response = person_client.post(reverse("jobseekers:book", args=[slot.pk]))
        assert response.status_code == 302
        assert len(mail.outbox) == 1
        dossier = person_client.get(reverse("jobseekers:dossier"))
        assert [b.slot for b in dossier.context["bookings"]] == [slot]

    def test_taken_slot_shows_a_message_and_changes_nothing(self, person_client):
        booking = BookingFactory()
        response = person_client.post(
            reverse("jobseekers:book", args=[booking.slot.pk]), follow=True
        )
        assert (
            "someone else" in response.content.decode() or "altcineva" in response.content.decode()
        )
        assert not person_client.profile.bookings.exists()

    def test_slot_of_another_agency_gives_404(self, person_client):
        slot = SlotFactory(counsellor=counsellor_factory("IS"))
        response = person_client.post(reverse("jobseekers:book", args=[slot.pk]))
        assert response.status_code == 404

    def test_cancel_someone_elses_booking_gives_404(self, person_client):
        booking = BookingFactory()
        response = person_client.post(reverse("jobseekers:booking_cancel", args=[booking.pk]))
        assert response.status_code == 404
        booking.refresh_from_db()
        assert booking.status == BookingStatus.BOOKED

    def test_an_appointment_downloads_as_a_calendar_file_for_its_person_only(
        self, client, person_client
    ):
        mine = BookingFactory(profile=person_client.profile)
        page = person_client.get(reverse("jobseekers:appointments")).content.decode()
        url = reverse("jobseekers:booking_calendar", args=[mine.pk])
        assert url in page
        response = person_client.get(url)
        assert response["Content-Type"] == "text/calendar"
        assert f"booking-{mine.pk}@puls.anofm.ro" in response.content.decode()
        other = BookingFactory()
        url = reverse("jobseekers:booking_calendar", args=[other.pk])
        assert person_client.get(url).status_code == 404
        client.logout()
        assert client.get(url).status_code == 302

    def test_staff_download_the_calendar_file_of_their_agency_only(self, client, enrol_totp):
        booking = BookingFactory()
        url = reverse("jobseekers:staff_booking_calendar", args=[booking.pk])
        client.force_login(enrol_totp(counsellor_factory("IS")))
        assert client.get(url).status_code == 404
        client.force_login(enrol_totp(booking.slot.counsellor))
        response = client.get(url)
        assert response.status_code == 200
        assert f"booking-{booking.pk}@puls.anofm.ro" in response.content.decode()
        day = timezone.localtime(booking.slot.start).date()
        page = client.get(reverse("jobseekers:staff_calendar"), {"zi": day.isoformat()})
        assert url in page.content.decode()


class TestStaffPages:
    @pytest.mark.parametrize(
        ("kind", "status"),
        [
            ("anonymous", 302),
            ("jobseeker", 403),
            ("employer", 403),
            ("counsellor_same_agency", 200),
        ],
    )
    def test_calendar_permissions(self, client, enrol_totp, kind, status):
        user = user_of_kind(kind, JobseekerProfileFactory.build(county_id="CJ"))
        if user:
            if user.is_spo_staff:
                enrol_totp(user)
            client.force_login(user)
        assert client.get(reverse("jobseekers:staff_calendar")).status_code == status

    def test_calendar_shows_only_own_agency_and_marks_attendance(
        self, client, enrol_totp, django_assert_max_num_queries
    ):
        counsellor = enrol_totp(counsellor_factory("CJ"))
        booking = BookingFactory(slot=SlotFactory(counsellor=counsellor))
        BookingFactory(
            slot=SlotFactory(counsellor=counsellor_factory("IS"), start=booking.slot.start)
        )
        client.force_login(counsellor)
        day = timezone.localtime(booking.slot.start).date()
        with django_assert_max_num_queries(12):
            response = client.get(
                reverse("jobseekers:staff_calendar"), {"zi": day.isoformat(), "vedere": "saptamana"}
            )
        slots = [slot for _day, slots, _holiday in response.context["days"] for slot in slots]
        assert slots == [booking.slot]
        with mock.patch(
            "django.utils.timezone.now",
            return_value=booking.slot.start + datetime.timedelta(minutes=1),
        ):
            client.post(
                reverse("jobseekers:staff_attendance", args=[booking.pk]),
                {"attended": "yes", "note": "A adus actele."},
            )
        booking.refresh_from_db()
        assert booking.status == BookingStatus.ATTENDED and booking.note == "A adus actele."

    def test_attendance_on_other_agency_booking_gives_404(self, client, enrol_totp):
        counsellor = enrol_totp(counsellor_factory("CJ"))
        booking = BookingFactory(slot=SlotFactory(counsellor=counsellor_factory("IS")))
        client.force_login(counsellor)
        response = client.post(
            reverse("jobseekers:staff_attendance", args=[booking.pk]), {"attended": "yes"}
        )
        assert response.status_code == 404

    def test_availability_creates_slots(self, client, enrol_totp):
        counsellor = enrol_totp(counsellor_factory("CJ"))
        client.force_login(counsellor)
        response = client.post(
            reverse("jobseekers:staff_availability"),
            {
                "add_availability": "1",
                "window-counsellor": counsellor.pk,
                "window-weekday": 2,
                "window-start_time": "09:00",
                "window-end_time": "12:00",
                "window-slot_minutes": 30,
                "window-purpose": "registration",
                "window-valid_from": timezone.localdate().isoformat(),
            },
        )
        assert response.status_code == 302
        assert Availability.objects.filter(counsellor=counsellor).exists()
        assert Slot.objects.filter(counsellor=counsellor, purpose="registration").count() >= 6

    def test_availability_with_end_before_start_is_refused(self, client, enrol_totp):
        counsellor = enrol_totp(counsellor_factory("CJ"))
        client.force_login(counsellor)
        response = client.post(
            reverse("jobseekers:staff_availability"),
            {
                "add_availability": "1",
                "window-counsellor": counsellor.pk,
                "window-weekday": 2,
                "window-start_time": "12:00",
                "window-end_time": "09:00",
                "window-slot_minutes": 30,
                "window-purpose": "registration",
                "window-valid_from": timezone.localdate().isoformat(),
            },
        )
        assert response.status_code == 200
        assert response.context["availability_form"].errors
        assert not Availability.objects.exists()

    def test_counsellor_cannot_define_availability_for_a_colleague(self, client, enrol_totp):
        counsellor = enrol_totp(counsellor_factory("CJ"))
        colleague = counsellor_factory("CJ")
        client.force_login(counsellor)
        response = client.post(
            reverse("jobseekers:staff_availability"),
            {
                "add_availability": "1",
                "window-counsellor": colleague.pk,
                "window-weekday": 2,
                "window-start_time": "09:00",
                "window-end_time": "12:00",
                "window-slot_minutes": 30,
                "window-purpose": "registration",
                "window-valid_from": timezone.localdate().isoformat(),
            },
        )
        assert response.status_code == 200
        assert not Availability.objects.exists()

    def test_closure_confirmed_by_agency_counsellor_only(self, client, enrol_totp, reauthenticated):
        profile = JobseekerProfileFactory()
        closure = ClosureRequest.objects.create(profile=profile)
        outsider = enrol_totp(counsellor_factory("IS"))
        client.force_login(outsider)
        reauthenticated(client)
        assert (
            client.post(reverse("jobseekers:staff_closure_confirm", args=[closure.pk])).status_code
            == 404
        )
        client.force_login(enrol_totp(counsellor_factory("CJ")))
        reauthenticated(client)
        assert (
            client.post(reverse("jobseekers:staff_closure_confirm", args=[closure.pk])).status_code
            == 302
        )
        profile.refresh_from_db()
        assert profile.is_closed and profile.cnp is None


def test_booking_model_refuses_second_holder_even_without_the_service(db):
    booking = BookingFactory()
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(slot=booking.slot, profile=JobseekerProfileFactory())
