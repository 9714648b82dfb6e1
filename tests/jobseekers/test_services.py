"""Services of the jobseekers app: registration, slots, bookings, reminders, anonymisation."""

import datetime
from unittest import mock

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jobseekers import ics, selectors, services, tasks
from jobseekers.models import (
    AccountState,
    BookingStatus,
    ClosureRequest,
    DocumentKind,
    Education,
    Experience,
    JobseekerProfile,
    LabourStatus,
    Slot,
)
from puls import tasks as puls_tasks
from puls.documents.models import Document
from puls.notifications.models import OutgoingEmail
from puls.reference.choices import EducationLevel
from puls.reference.models import County
from puls.workdays import is_working_day
from tests.accounts.factories import UserFactory
from tests.outages import celery_broker

from .factories import (
    AvailabilityFactory,
    BookingFactory,
    EscoOccupationFactory,
    JobseekerProfileFactory,
    SkillFactory,
    SlotFactory,
    aware,
    counsellor_factory,
    link_skill,
    make_cnp,
)

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def register(user, **overrides):
    data = dict(
        first_name="Ioana",
        last_name="Mureșan",
        cnp=make_cnp(),
        county=County.objects.get(code="CJ"),
        locality="Cluj-Napoca",
        address="Str. Horea 3",
        phone="0744000111",
        status=LabourStatus.UNEMPLOYED,
        consent=True,
    )
    data.update(overrides)
    return services.profile_register(user=user, **data)


class TestRegistration:
    def test_derives_birth_date_sex_and_agency_and_records_consent(self):
        user = UserFactory()
        profile = register(
            user,
            cnp=make_cnp(first="1", birth="851130", county="40"),
            county=County.objects.get(code="B"),
        )
        assert profile.birth_date == datetime.date(1985, 11, 30)
        assert profile.birth_year == 1985
        assert profile.sex == "M"
        assert profile.agency.county_id == "B"
        assert profile.consent_at is not None and profile.consent_notice_version
        user.refresh_from_db()
        assert user.get_full_name() == "Ioana Mureșan"

    def test_refuses_without_consent(self):
        with pytest.raises(ValidationError) as error:
            register(UserFactory(), consent=False)
        assert "consent" in error.value.message_dict
        assert not JobseekerProfile.objects.exists()

    def test_a_taken_cnp_creates_nothing_and_tells_both_people_by_e_mail(
        self, django_capture_on_commit_callbacks
    ):
        cnp = make_cnp()
        other = UserFactory(email="first@example.ro")
        register(other, cnp=cnp)
        newcomer = UserFactory(email="second@example.ro")
        mail.outbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            assert register(newcomer, cnp=cnp, first_name="Mara") is None

        assert not JobseekerProfile.objects.filter(user=newcomer).exists()
        sent = {message.to[0]: message for message in mail.outbox}
        assert set(sent) == {"first@example.ro", "second@example.ro"}
        assert "tried to register" in sent["first@example.ro"].body
        assert "Forgot your password" in sent["second@example.ro"].body
        assert "first@example.ro" not in sent["second@example.ro"].body

    def test_a_completed_registration_is_confirmed_by_e_mail(
        self, django_capture_on_commit_callbacks
    ):
        user = UserFactory(email="new@example.ro")
        with django_capture_on_commit_callbacks(execute=True):
            register(user)
        assert [message.to for message in mail.outbox] == [["new@example.ro"]]
        assert "registration as a jobseeker is complete" in mail.outbox[0].body

    def test_invalid_cnp_is_refused(self):
        with pytest.raises(ValidationError):
            register(UserFactory(), cnp="1234567890123")
        assert not JobseekerProfile.objects.exists()

    def test_changing_county_changes_agency(self):
        profile = JobseekerProfileFactory()
        services.profile_update(
            profile=profile, by=profile.user, county=County.objects.get(code="IS")
        )
        profile.refresh_from_db()
        assert profile.agency.county_id == "IS"


class TestDossier:
    def test_completeness_lists_what_is_missing(self):
        profile = JobseekerProfileFactory()
        result = selectors.completeness_of(selectors.dossier_detail(profile))
        assert not result.ready_for_mediation
        assert result.percent < 50
        services.dossier_entry_save(
            profile=profile, entry=Education(level=EducationLevel.BACHELOR, field="Informatică")
        )
        after = selectors.completeness_of(selectors.dossier_detail(profile))
        assert len(after.missing) == len(result.missing) - 1

    def test_experience_dates_must_be_in_order(self):
        profile = JobseekerProfileFactory()
        entry = Experience(
            occupation=EscoOccupationFactory(),
            employer_name="SC Exemplu SRL",
            start_date=datetime.date(2020, 1, 1),
            end_date=datetime.date(2019, 1, 1),
        )
        with pytest.raises(ValidationError):
            services.dossier_entry_save(profile=profile, entry=entry)
        assert not profile.experience.exists()

    def test_skills_are_suggested_from_experience_and_wishes(self):
        profile = JobseekerProfileFactory()
        worked, wished = EscoOccupationFactory(), EscoOccupationFactory()
        shared, only_worked, unrelated = SkillFactory(), SkillFactory(), SkillFactory()
        link_skill(worked, shared)
        link_skill(wished, shared)
        link_skill(worked, only_worked)
        services.dossier_entry_save(
            profile=profile,
            entry=Experience(
                occupation=worked, employer_name="X", start_date=datetime.date(2018, 1, 1)
            ),
        )
        profile.wished_occupations.add(wished)
        suggested = list(selectors.suggested_skills_for(profile))
        assert suggested == [shared, only_worked]
        assert unrelated not in suggested

    def test_document_is_filed_and_visible_to_agency_counsellors_only(self):
        profile = JobseekerProfileFactory()
        entry = services.dossier_document_add(
            profile=profile,
            uploaded_file=SimpleUploadedFile("cv.pdf", PDF_BYTES),
            kind=DocumentKind.CV,
        )
        from puls.documents.selectors import documents_visible_to

        assert entry.document in documents_visible_to(counsellor_factory("CJ"))
        assert entry.document not in documents_visible_to(counsellor_factory("IS"))
        assert entry.document not in documents_visible_to(UserFactory(employer=True))

    def test_wrong_kind_of_upload_is_refused(self):
        profile = JobseekerProfileFactory()
        with pytest.raises(ValidationError):
            services.dossier_document_add(
                profile=profile,
                uploaded_file=SimpleUploadedFile("cv.pdf", b"MZ not a pdf"),
                kind=DocumentKind.CV,
            )
        assert not Document.objects.exists()


def next_working_weekday(weekday):
    """The next date after today falling on ``weekday`` that is not a public holiday."""
    day = timezone.localdate() + datetime.timedelta(days=1)
    while day.weekday() != weekday or not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


class TestSlots:
    def test_rules_open_slots_on_their_weekday_except_public_holidays(self):
        today = datetime.date(2026, 11, 27)  # a Friday
        rule = AvailabilityFactory(
            weekday=0,
            start_time=datetime.time(9),
            valid_from=today,
            end_time=datetime.time(10, 30),
            slot_minutes=30,
        )
        with mock.patch("django.utils.timezone.now", return_value=aware(today, 8)):
            created, _removed = services.slots_materialise(
                counsellor=rule.counsellor, today=today, weeks=3
            )
        days = sorted({timezone.localtime(s.start).date() for s in Slot.objects.all()})
        # Monday 30 November (St Andrew) is a public holiday: only 7 and 14 December open.
        assert days == [datetime.date(2026, 12, 7), datetime.date(2026, 12, 14)]
        assert created == 6
        assert Slot.objects.filter(start__date=datetime.date(2026, 12, 7)).count() == 3

    def test_absence_removes_free_slots_but_keeps_booked_ones(self):
        rule = AvailabilityFactory(weekday=0)
        services.slots_materialise(counsellor=rule.counsellor)
        monday = next_working_weekday(0)
        booked_slot = Slot.objects.filter(start__date=monday).order_by("start").first()
        BookingFactory(slot=booked_slot)
        from jobseekers.models import AvailabilityException

        held = services.absence_save(
            absence=AvailabilityException(
                counsellor=rule.counsellor, start_date=monday, end_date=monday
            ),
            by=rule.counsellor,
        )
        assert held == 1
        assert list(Slot.objects.filter(start__date=monday)) == [booked_slot]

    def test_materialising_twice_creates_nothing_new(self):
        rule = AvailabilityFactory()
        services.slots_materialise(counsellor=rule.counsellor)
        count = Slot.objects.count()
        assert services.slots_materialise(counsellor=rule.counsellor) == (0, 0)
        assert Slot.objects.count() == count > 0

    def test_the_beat_task_queues_each_counsellor_after_commit(
        self, django_capture_on_commit_callbacks
    ):
        rule = AvailabilityFactory()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            tasks.materialise_slots.delay()
            assert not Slot.objects.exists()  # queued for after commit, not run inline
        assert len(callbacks) == 1
        assert Slot.objects.filter(counsellor=rule.counsellor).exists()

    def test_a_broker_fault_does_not_fail_the_beat_task(
        self, monkeypatch, caplog, django_capture_on_commit_callbacks
    ):
        monkeypatch.setattr(puls_tasks, "_broker_paused_until", 0.0)
        AvailabilityFactory()
        with (
            celery_broker("redis://127.0.0.1:1/0"),  # nothing listens there
            django_capture_on_commit_callbacks(execute=True),
        ):
            tasks.materialise_slots()  # as beat's worker runs it: must not raise
        assert "Could not queue jobseekers.tasks.materialise_counsellor_slots" in caplog.text


def calendar_event(content):
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return str(calendar["METHOD"]), event


class TestBookings:
    def test_booking_sends_confirmation_with_ics(self, django_capture_on_commit_callbacks):
        slot = SlotFactory()
        profile = JobseekerProfileFactory()
        with django_capture_on_commit_callbacks(execute=True):
            booking = services.booking_create(slot=slot, profile=profile, by=profile.user)
        assert booking.status == BookingStatus.BOOKED
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == [profile.user.email]
        ((name, content, mimetype),) = message.attachments
        assert name.endswith(".ics") and mimetype.startswith("text/calendar")
        assert booking.transitions.get().to_status == BookingStatus.BOOKED

    def test_moving_keeps_the_calendar_event_and_raises_its_sequence(
        self, django_capture_on_commit_callbacks
    ):
        booking = BookingFactory()
        first = calendar_event(ics.booking_ics(booking))
        later = SlotFactory(
            counsellor=booking.slot.counsellor,
            start=booking.slot.start + datetime.timedelta(hours=2),
        )
        with django_capture_on_commit_callbacks(execute=True):
            moved = services.booking_reschedule(
                booking=booking, slot=later, by=booking.profile.user
            )
        assert moved.pk != booking.pk
        # one e-mail, that the appointment moved, whose file updates the same event
        (message,) = mail.outbox
        assert "moved" in message.subject
        ((_name, content, _mimetype),) = message.attachments
        method, event = calendar_event(content)
        assert method == "REQUEST" and first[0] == "REQUEST"
        assert str(event["UID"]) == str(first[1]["UID"]) == f"booking-{booking.pk}@puls.anofm.ro"
        assert event["SEQUENCE"] > first[1]["SEQUENCE"]
        assert event.decoded("DTSTART") == later.start
        # moved twice: still the same event, a higher sequence again
        again = SlotFactory(
            counsellor=booking.slot.counsellor,
            start=booking.slot.start + datetime.timedelta(hours=4),
        )
        moved_again = services.booking_reschedule(booking=moved, slot=again, by=moved.profile.user)
        method, third = calendar_event(ics.booking_ics(moved_again))
        assert str(third["UID"]) == str(first[1]["UID"])
        assert third["SEQUENCE"] > event["SEQUENCE"]

    def test_cancelling_sends_the_cancellation_of_the_event(
        self, django_capture_on_commit_callbacks
    ):
        booking = BookingFactory()
        _method, before = calendar_event(ics.booking_ics(booking))
        with django_capture_on_commit_callbacks(execute=True):
            services.booking_cancel(booking=booking, by=booking.profile.user)
        queued = OutgoingEmail.objects.get(recipient_user=booking.profile.user)
        assert "cancelled" in queued.subject
        (message,) = mail.outbox
        ((_name, content, mimetype),) = message.attachments
        assert mimetype.startswith("text/calendar")
        method, event = calendar_event(content)
        assert (method, str(event["STATUS"])) == ("CANCEL", "CANCELLED")
        assert str(event["UID"]) == str(before["UID"])
        assert event["SEQUENCE"] > before["SEQUENCE"]

    def test_the_event_is_at_the_agencys_address(self):
        booking = BookingFactory()
        agency = booking.slot.agency
        agency.address = "Str. Avram Iancu nr. 12, Cluj-Napoca"
        agency.save(update_fields=["address"])
        _method, event = calendar_event(ics.booking_ics(booking))
        assert str(event["LOCATION"]) == f"{agency.name}, Str. Avram Iancu nr. 12, Cluj-Napoca"

    def test_full_slot_is_refused(self):
        booking = BookingFactory()
        other = JobseekerProfileFactory()
        with pytest.raises(ValidationError) as error:
            services.booking_create(slot=booking.slot, profile=other, by=other.user)
        assert "someone else" in str(error.value)
        assert not other.bookings.exists()

    def test_past_slot_is_refused(self):
        slot = SlotFactory(start=timezone.now() - datetime.timedelta(hours=1))
        profile = JobseekerProfileFactory()
        with pytest.raises(ValidationError):
            services.booking_create(slot=slot, profile=profile, by=profile.user)
        assert not profile.bookings.exists()

    def test_slot_of_another_agency_is_refused(self):
        slot = SlotFactory(counsellor=counsellor_factory("IS"))
        profile = JobseekerProfileFactory()
        with pytest.raises(ValidationError):
            services.booking_create(slot=slot, profile=profile, by=profile.user)

    def test_cancelled_slot_can_be_booked_again(self):
        booking = BookingFactory()
        services.booking_cancel(booking=booking, by=booking.profile.user)
        other = JobseekerProfileFactory()
        assert services.booking_create(slot=booking.slot, profile=other, by=other.user)

    def test_cancel_after_deadline_is_refused(self, settings):
        settings.PULS_APPOINTMENT_CHANGE_DEADLINE_HOURS = 24
        booking = BookingFactory(
            slot=SlotFactory(start=timezone.now() + datetime.timedelta(hours=5))
        )
        with pytest.raises(ValidationError):
            services.booking_cancel(booking=booking, by=booking.profile.user)
        booking.refresh_from_db()
        assert booking.status == BookingStatus.BOOKED

    def test_reschedule_keeps_old_booking_when_new_slot_is_taken(self):
        booking = BookingFactory()
        taken = BookingFactory(
            slot=SlotFactory(
                counsellor=booking.slot.counsellor,
                start=booking.slot.start + datetime.timedelta(hours=1),
            )
        ).slot
        with pytest.raises(ValidationError):
            services.booking_reschedule(booking=booking, slot=taken, by=booking.profile.user)
        booking.refresh_from_db()
        assert booking.status == BookingStatus.BOOKED

    def test_attendance_only_after_start(self):
        booking = BookingFactory()
        with pytest.raises(ValidationError):
            services.booking_mark_attendance(
                booking=booking, by=booking.slot.counsellor, attended=True
            )
        with mock.patch(
            "django.utils.timezone.now",
            return_value=booking.slot.start + datetime.timedelta(minutes=5),
        ):
            services.booking_mark_attendance(
                booking=booking,
                by=booking.slot.counsellor,
                attended=False,
                note="Nu a răspuns la telefon.",
            )
        booking.refresh_from_db()
        assert booking.status == BookingStatus.NO_SHOW
        assert booking.note == "Nu a răspuns la telefon."


class TestReminders:
    def test_beat_task_twice_sends_one_reminder(self, django_capture_on_commit_callbacks):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        booking = BookingFactory(slot=SlotFactory(start=aware(tomorrow, 10)))
        BookingFactory(slot=SlotFactory(start=aware(tomorrow + datetime.timedelta(days=1), 10)))
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.send_appointment_reminders.delay().get() == 1
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.send_appointment_reminders.delay().get() == 0
            assert services.booking_send_reminder(booking_id=booking.pk) is False
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [booking.profile.user.email]
        booking.refresh_from_db()
        assert booking.reminder_sent_at is not None

    def test_cancelled_booking_gets_no_reminder(self):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        booking = BookingFactory(
            slot=SlotFactory(start=aware(tomorrow, 10)), status=BookingStatus.CANCELLED
        )
        assert services.booking_send_reminder(booking_id=booking.pk) is False


class TestClosure:
    def test_confirmed_closure_anonymises_but_keeps_countable_fields(self):
        profile = JobseekerProfileFactory()
        services.dossier_entry_save(
            profile=profile,
            entry=Education(level=EducationLevel.MASTER, field="Drept", institution="UBB"),
        )
        services.dossier_entry_save(
            profile=profile,
            entry=Experience(
                occupation=EscoOccupationFactory(),
                employer_name="SC Exemplu SRL",
                start_date=datetime.date(2015, 1, 1),
                description="Am lucrat cu Ion Ionescu.",
            ),
        )
        services.dossier_document_add(
            profile=profile,
            uploaded_file=SimpleUploadedFile("cv.pdf", PDF_BYTES),
            kind=DocumentKind.CV,
        )
        closure = services.closure_request_create(profile=profile, reason="Am plecat.")
        profile.refresh_from_db()
        assert profile.account_state == AccountState.CLOSURE_REQUESTED
        counsellor = counsellor_factory("CJ")
        services.closure_request_confirm(closure=closure, by=counsellor)

        profile.refresh_from_db()
        user = profile.user
        assert profile.account_state == AccountState.CLOSED
        assert profile.cnp is None and profile.birth_date is None
        assert profile.phone == profile.address == profile.locality == ""
        assert user.first_name == user.last_name == "" and not user.is_active
        assert "anonymised" in user.email and not user.has_usable_password()
        assert not Document.objects.exists()
        experience = profile.experience.get()
        assert experience.employer_name == experience.description == ""
        # Countable fields stay.
        assert (profile.county_id, profile.birth_year, profile.status) == (
            "CJ",
            1990,
            LabourStatus.UNEMPLOYED,
        )
        assert profile.education.get().level == EducationLevel.MASTER
        closure.refresh_from_db()
        assert closure.outcome == ClosureRequest.Outcome.CONFIRMED and closure.reason == ""

    def test_second_request_while_pending_is_refused(self):
        profile = JobseekerProfileFactory()
        services.closure_request_create(profile=profile)
        with pytest.raises(ValidationError):
            services.closure_request_create(profile=profile)
        assert profile.closure_requests.count() == 1
