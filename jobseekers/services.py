"""Writes of the jobseekers app: registration, dossier, appointments, data rights."""

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from employers.models import Vacancy
from puls.accounts.models import User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_listing, audit_record
from puls.documents.services import document_create
from puls.notifications.models import NotificationKind
from puls.notifications.services import (
    email_queue,
    emails_anonymise,
    notification_create,
    site_url,
    users_notify,
)
from puls.reference.models import Agency, CorOccupation, County, EscoOccupation
from puls.validators import normalize_cnp, parse_cnp
from puls.workdays import public_holiday_name
from puls.workflow import transition, transition_begin, transition_check

from . import ics, selectors
from .models import (
    PRIVACY_NOTICE_VERSION,
    AccountState,
    Availability,
    AvailabilityException,
    Booking,
    BookingStatus,
    ClosureRequest,
    DossierDocument,
    DrivingLicenceCategory,
    Education,
    Experience,
    JobseekerProfile,
    LanguageSkill,
    ReviewStatus,
    SavedSearch,
    SavedSearchAlert,
    SavedVacancy,
    SkillAssessment,
    Slot,
    VacancyInterest,
    VulnerabilityDeclaration,
    WishedOccupation,
)
from .signals import profile_registered

# The rows of a dossier's sections, saved and deleted the same way.
DossierEntry = Education | Experience | SkillAssessment | LanguageSkill | DrivingLicenceCategory

DUPLICATE_CNP_MESSAGE = gettext_lazy(
    "This CNP cannot be used for a new registration. If you registered before, sign in with that "
    "account or reset its password with “Forgot your password?”; if you cannot, contact the "
    "county employment agency."
)


def change_deadline_hours() -> int:
    """At least how many hours before an appointment the person may still cancel or move it."""
    return settings.PULS_APPOINTMENT_CHANGE_DEADLINE_HOURS


def weeks_ahead() -> int:
    """How many weeks of slots are materialised ahead of today."""
    return settings.PULS_APPOINTMENT_WEEKS_AHEAD


# --- Registration and identity --------------------------------------------------------------------


@transaction.atomic
def profile_register(
    *,
    user: User,
    first_name: str,
    last_name: str,
    cnp: str,
    county: County,
    locality: str,
    address: str,
    phone: str,
    status: str,
    consent: bool,
    share_with_employers: bool = False,
    ip: str | None = None,
) -> JobseekerProfile | None:
    """Create the jobseeker profile of a signed-up user, with their consent recorded, and return
    it; return None when the CNP is registered already.

    Both outcomes look the same to the registrant (the view shows one next step), so the form
    cannot be used to learn whether someone is registered with SPO: the answer goes by e-mail.
    For a taken CNP nothing is created; the registrant is told to sign in with their earlier
    account and the holder of the CNP is told that someone tried to register with it.
    The agency is the one of the county of residence.
    """
    if not consent:
        raise ValidationError(
            {"consent": _("You must agree to the processing of your data to register.")}
        )
    if JobseekerProfile.objects.filter(user=user).exists():
        raise ValidationError(_("You have already completed your registration."))
    number = normalize_cnp(cnp)
    info = parse_cnp(number)
    # The registrant's own name is saved either way: the header shows it on the next page.
    user.first_name, user.last_name = first_name, last_name
    user.full_clean(exclude=["password"])
    user.save(update_fields=["first_name", "last_name"])
    holder = JobseekerProfile.objects.with_cnp(number).select_related("user").first()
    if holder is not None:
        _registration_refused(registrant=user, holder=holder)
        return None
    now = timezone.now()
    profile = JobseekerProfile(
        user=user,
        cnp=number,
        birth_date=info.birth_date,
        birth_year=info.birth_date.year,
        sex=info.sex or "",
        county=county,
        locality=locality,
        address=address,
        phone=phone,
        agency=Agency.objects.get(county=county),
        status=status,
        registered_at=now,
        consent_at=now,
        consent_notice_version=PRIVACY_NOTICE_VERSION,
        share_with_employers=share_with_employers,
    )
    profile.full_clean(exclude=["cnp", "cnp_hash"])
    try:
        with transaction.atomic():
            profile.save(force_insert=True)
    except IntegrityError:  # the same CNP registered a moment ago by someone else
        holder = JobseekerProfile.objects.with_cnp(number).select_related("user").get()
        _registration_refused(registrant=user, holder=holder)
        return None
    audit_record(actor=user, action=AuditEntry.Action.CREATE, target=profile, ip=ip)
    profile_registered.send(sender=JobseekerProfile, profile=profile)
    users_notify(
        users=[user],
        subject=lambda: _("Your registration is complete"),
        message=lambda: (
            _(
                "Your registration as a jobseeker is complete and your file is with %(agency)s. "
                "Complete your dossier: the more it says, the better the proposals we can make."
            )
            % {"agency": profile.agency.name}
        ),
        link=reverse("jobseekers:dossier"),
    )
    return profile


def profiles_listed(
    *, by: User, profile_ids: Iterable[int], ip: str | None = None, path: str = ""
) -> list[AuditEntry]:
    """Audit that ``by`` saw these people on a list page (names, e-mails): one ``list`` row in
    each person's trail, so it shows in their dossier, written by one INSERT."""
    return audit_listing(
        actor=by,
        targets=[JobseekerProfile(pk=pk) for pk in profile_ids],
        ip=ip,
        path=path,
    )


def _registration_refused(*, registrant: User, holder: JobseekerProfile) -> None:
    """Tell both people, by e-mail only, that a registration used a CNP already registered."""
    users_notify(
        users=[registrant],
        subject=lambda: _("Your registration could not be completed"),
        message=DUPLICATE_CNP_MESSAGE,
        mandatory=True,
    )
    users_notify(
        users=[holder.user],
        subject=lambda: _("Someone tried to register with your CNP"),
        message=lambda: _(
            "Someone tried to register as a jobseeker in PULS with your CNP, from another "
            "account. Nothing was changed in your file. If it was you, sign in with this e-mail "
            "address (use “Forgot your password?” if needed). If it was not you, tell your "
            "county employment agency."
        ),
        link=reverse("account_login"),
        mandatory=True,  # a warning about their identity: always sent
    )


@transaction.atomic
def profile_update(
    *, profile: JobseekerProfile, by: User, ip: str | None = None, **fields: Any
) -> JobseekerProfile:
    """Change the editable identity, contact and preference fields (never the CNP)."""
    wished_occupations = fields.pop("wished_occupations", None)
    wished_counties = fields.pop("wished_counties", None)
    first_name, last_name = fields.pop("first_name", None), fields.pop("last_name", None)
    for name, value in fields.items():
        setattr(profile, name, value)
    if "county" in fields:
        profile.agency = Agency.objects.get(county=profile.county)
    profile.full_clean(exclude=["cnp", "cnp_hash"])
    profile.save()
    if first_name is not None:
        profile.user.first_name, profile.user.last_name = first_name, last_name
        profile.user.save(update_fields=["first_name", "last_name"])
    if wished_occupations is not None:
        profile.wished_occupations.set(wished_occupations)
    if wished_counties is not None:
        profile.wished_counties.set(wished_counties)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=profile, ip=ip)
    return profile


@transaction.atomic
def matching_consent_give(
    *, profile: JobseekerProfile, ip: str | None = None, path: str = ""
) -> JobseekerProfile:
    """The person agrees that PULS compares their competences with the open vacancies and shows
    them the ones that fit; giving it again keeps the first date."""
    if profile.account_state != AccountState.ACTIVE:
        raise ValidationError(_("Your account is being closed."))
    if profile.matching_consent_at is None:
        profile.matching_consent_at = timezone.now()
        profile.save(update_fields=["matching_consent_at"])
        audit_record(
            actor=profile.user, action=AuditEntry.Action.UPDATE, target=profile, ip=ip, path=path
        )
    return profile


@transaction.atomic
def matching_consent_withdraw(
    *, profile: JobseekerProfile, ip: str | None = None, path: str = ""
) -> JobseekerProfile:
    """The person withdraws their consent to matching: "Jobs that fit me" stops ranking for them
    (what they already told the agency, such as interests in vacancies, stays)."""
    if profile.matching_consent_at is not None:
        profile.matching_consent_at = None
        profile.save(update_fields=["matching_consent_at"])
        audit_record(
            actor=profile.user, action=AuditEntry.Action.UPDATE, target=profile, ip=ip, path=path
        )
    return profile


@transaction.atomic
def occupation_wish_add(
    *,
    profile: JobseekerProfile,
    cor_occupation: CorOccupation,
    esco_occupation: EscoOccupation,
    by: User,
    ip: str | None = None,
) -> WishedOccupation:
    """Add an occupation the person would like to work in, picked in the COR; matching reads
    the ESCO one derived from it. An ESCO occupation already wished keeps one row, which
    remembers the COR occupation picked last."""
    profile.wished_occupations.add(
        esco_occupation, through_defaults={"cor_occupation": cor_occupation}
    )
    wish = WishedOccupation.objects.get(jobseekerprofile=profile, escooccupation=esco_occupation)
    if wish.cor_occupation_id != cor_occupation.pk:
        wish.cor_occupation = cor_occupation
        wish.save(update_fields=["cor_occupation"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=profile, ip=ip)
    return wish


@transaction.atomic
def vulnerabilities_declare(
    *, profile: JobseekerProfile, groups: Iterable[str], ip: str | None = None
) -> None:
    """Replace the person's confidential vulnerable-situation declaration with ``groups``."""
    groups = set(groups)
    profile.vulnerabilities.exclude(group__in=groups).delete()
    existing = set(profile.vulnerabilities.values_list("group", flat=True))
    VulnerabilityDeclaration.objects.bulk_create(
        VulnerabilityDeclaration(profile=profile, group=group) for group in groups - existing
    )
    audit_record(actor=profile.user, action=AuditEntry.Action.UPDATE, target=profile, ip=ip)


# --- Dossier entries ------------------------------------------------------------------------------


@transaction.atomic
def dossier_entry_save(
    *, profile: JobseekerProfile, entry: DossierEntry, ip: str | None = None
) -> DossierEntry:
    """Save an education, experience, skill, language or licence row of ``profile``."""
    entry.profile = profile
    entry.full_clean()
    entry.save()
    audit_record(actor=profile.user, action=AuditEntry.Action.UPDATE, target=profile, ip=ip)
    return entry


@transaction.atomic
def dossier_entry_delete(*, entry: DossierEntry, ip: str | None = None) -> None:
    profile = entry.profile
    entry.delete()
    audit_record(actor=profile.user, action=AuditEntry.Action.UPDATE, target=profile, ip=ip)


def dossier_document_add(
    *, profile: JobseekerProfile, uploaded_file: File, kind: str
) -> DossierDocument:
    """Store an upload through the private-document service and file it in the dossier."""
    with transaction.atomic():
        document = document_create(owner=profile.user, uploaded_file=uploaded_file, kind=str(kind))
        entry = DossierDocument(profile=profile, document=document, kind=kind)
        entry.full_clean()
        entry.save()
    return entry


def dossier_document_remove(*, entry: DossierDocument, ip: str | None = None) -> None:
    """Remove a document from the dossier; the file goes with it."""
    profile, document = entry.profile, entry.document
    with transaction.atomic():
        audit_record(actor=profile.user, action=AuditEntry.Action.DELETE, target=document, ip=ip)
        document.delete()


@transaction.atomic
def dossier_document_review(
    *, entry: DossierDocument, by: User, review_status: str, ip: str | None = None
) -> DossierDocument:
    if review_status not in (ReviewStatus.ACCEPTED, ReviewStatus.REJECTED):
        raise ValidationError(_("Choose whether the document is accepted or rejected."))
    entry.review_status = review_status
    entry.reviewed_by = by
    entry.reviewed_at = timezone.now()
    entry.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=entry.document, ip=ip)
    return entry


# --- Availability and slots -----------------------------------------------------------------------


def _slot_windows(
    availability: Availability, day: datetime.date
) -> Iterator[tuple[datetime.datetime, datetime.datetime]]:
    """The (start, end) datetimes of the slots ``availability`` opens on ``day``."""
    zone = timezone.get_current_timezone()
    cursor = datetime.datetime.combine(day, availability.start_time, tzinfo=zone)
    close = datetime.datetime.combine(day, availability.end_time, tzinfo=zone)
    length = datetime.timedelta(minutes=availability.slot_minutes)
    while cursor + length <= close:
        yield cursor, cursor + length
        cursor += length


@transaction.atomic
def slots_materialise(
    *, counsellor: User, today: datetime.date | None = None, weeks: int | None = None
) -> tuple[int, int]:
    """Bring ``counsellor``'s free slots from today to ``weeks`` ahead in line with their rules.

    Public holidays and absences open nothing; slots that no rule opens any more are removed
    unless someone holds them (a held slot is kept: the counsellor sees it in the calendar and
    contacts the person). Returns (created, removed).
    """
    today = today or timezone.localdate()
    last_day = today + datetime.timedelta(weeks=weeks or weeks_ahead())
    rules = list(Availability.objects.filter(counsellor=counsellor))
    absences = list(
        AvailabilityException.objects.filter(
            counsellor=counsellor, end_date__gte=today, start_date__lte=last_day
        )
    )
    wanted: dict[datetime.datetime, tuple[datetime.datetime, Availability]] = {}
    day = today
    while day <= last_day:
        closed = public_holiday_name(day) or any(
            absence.start_date <= day <= absence.end_date for absence in absences
        )
        if not closed:
            for rule in rules:
                if rule.weekday != day.weekday() or day < rule.valid_from:
                    continue
                if rule.valid_until and day > rule.valid_until:
                    continue
                for start, end in _slot_windows(rule, day):
                    wanted.setdefault(start, (end, rule))
        day += datetime.timedelta(days=1)
    now = timezone.now()
    existing = {
        slot.start: slot
        for slot in Slot.objects.filter(counsellor=counsellor, start__gte=now).prefetch_related(
            "bookings"
        )
    }
    stale = [
        slot.pk
        for start, slot in existing.items()
        if (
            start not in wanted
            or slot.availability_id != wanted[start][1].pk
            or slot.purpose != wanted[start][1].purpose
        )
        and not any(
            b.status in (BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW)
            for b in slot.bookings.all()
        )
    ]
    Booking.objects.filter(slot_id__in=stale).delete()  # only cancelled ones remain there
    Slot.objects.filter(pk__in=stale).delete()
    kept = {start for start, slot in existing.items() if slot.pk not in stale}
    new_slots = [
        Slot(
            counsellor=counsellor,
            agency=rule.agency,
            availability=rule,
            start=start,
            end=end,
            purpose=rule.purpose,
        )
        for start, (end, rule) in wanted.items()
        if start >= now and start not in kept
    ]
    Slot.objects.bulk_create(new_slots)
    return len(new_slots), len(stale)


def availability_save(
    *, availability: Availability, by: User, ip: str | None = None
) -> Availability:
    """Create or change a weekly availability rule, then refresh the counsellor's slots."""
    if availability.counsellor.agency_id != availability.agency_id:
        raise ValidationError(_("The counsellor does not work for this agency."))
    availability.full_clean()
    with transaction.atomic():
        availability.save()
        audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=availability, ip=ip)
        slots_materialise(counsellor=availability.counsellor)
    return availability


def availability_delete(*, availability: Availability, by: User, ip: str | None = None) -> None:
    counsellor = availability.counsellor
    with transaction.atomic():
        audit_record(actor=by, action=AuditEntry.Action.DELETE, target=availability, ip=ip)
        availability.delete()
        slots_materialise(counsellor=counsellor)


def absence_save(*, absence: AvailabilityException, by: User, ip: str | None = None) -> int:
    """Record an absence; the free slots in it disappear. Returns how many held slots fall in it,
    so that the counsellor knows whom to contact."""
    absence.full_clean()
    with transaction.atomic():
        absence.save()
        audit_record(actor=by, action=AuditEntry.Action.CREATE, target=absence, ip=ip)
        slots_materialise(counsellor=absence.counsellor)
    return Booking.objects.filter(
        slot__counsellor=absence.counsellor,
        status=BookingStatus.BOOKED,
        slot__start__date__gte=absence.start_date,
        slot__start__date__lte=absence.end_date,
    ).count()


def absence_delete(*, absence: AvailabilityException, by: User, ip: str | None = None) -> None:
    counsellor = absence.counsellor
    with transaction.atomic():
        audit_record(actor=by, action=AuditEntry.Action.DELETE, target=absence, ip=ip)
        absence.delete()
        slots_materialise(counsellor=counsellor)


# --- Bookings -------------------------------------------------------------------------------------


def booking_create(
    *, slot: Slot, profile: JobseekerProfile, by: User, ip: str | None = None
) -> Booking:
    """Book ``slot`` for ``profile``. The database refuses a second holder of the slot, so two
    people pressing at the same moment get one booking and one clear refusal."""
    return _booking_hold(slot=slot, profile=profile, by=by, ip=ip)


def _booking_hold(
    *,
    slot: Slot,
    profile: JobseekerProfile,
    by: User,
    ip: str | None,
    moved_from: Booking | None = None,
) -> Booking:
    """Book ``slot``; a booking ``moved_from`` another keeps its calendar event (same UID, next
    SEQUENCE) and the e-mail says the appointment was moved."""
    if profile.account_state != AccountState.ACTIVE:
        raise ValidationError(_("Your account is being closed: you cannot book appointments."))
    if slot.start <= timezone.now():
        raise ValidationError(_("This slot is in the past. Choose a later one."))
    if slot.agency_id != profile.agency_id:
        raise ValidationError(_("You can book appointments only at your county agency."))
    booking = Booking(slot=slot, profile=profile)
    if moved_from is not None:
        booking.calendar_uid = ics.booking_uid(moved_from)
        booking.calendar_sequence = moved_from.calendar_sequence + 1
    try:
        with transaction.atomic():
            # The person's row lock serialises their own bookings: without it, several slots
            # posted at the same moment all passed the "already booked" check below.
            JobseekerProfile.objects.select_for_update().only("pk").get(pk=profile.pk)
            if Booking.objects.filter(
                profile=profile,
                status=BookingStatus.BOOKED,
                slot__purpose=slot.purpose,
                slot__start__gt=timezone.now(),
            ).exists():
                raise ValidationError(
                    _(
                        "You already have an appointment for this purpose. Cancel or "
                        "reschedule it instead of booking another one."
                    )
                )
            booking.save(force_insert=True)
            transition_begin(booking, by=by)
            audit_record(actor=by, action=AuditEntry.Action.CREATE, target=booking, ip=ip)
            _booking_email(
                booking,
                template="confirmation" if moved_from is None else "moved",
                subject=(
                    gettext_lazy("Your appointment at %(agency)s")
                    if moved_from is None
                    else gettext_lazy("Your appointment at %(agency)s has been moved")
                ),
                attach_ics=True,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("This slot has just been booked by someone else. Choose another one."),
            code="slot_taken",
        ) from error
    return booking


def _check_person_may_change(booking: Booking) -> None:
    transition_check(booking, to=BookingStatus.CANCELLED)
    deadline = booking.slot.start - datetime.timedelta(hours=change_deadline_hours())
    if timezone.now() > deadline:
        hours = change_deadline_hours()
        raise ValidationError(
            ngettext(
                "Appointments can be cancelled or moved at least %(hours)s hour before they "
                "start. Please call the agency.",
                "Appointments can be cancelled or moved at least %(hours)s hours before they "
                "start. Please call the agency.",
                hours,
            )
            % {"hours": hours}
        )


@transaction.atomic
def booking_cancel(
    *, booking: Booking, by: User, reason: str = "", ip: str | None = None
) -> Booking:
    """Cancel the appointment; the person gets an e-mail whose calendar file (METHOD:CANCEL)
    removes the event from their calendar."""
    booking = _booking_release(booking=booking, by=by, reason=reason, ip=ip)
    _booking_email(
        booking,
        template="cancelled",
        subject=gettext_lazy("Your appointment at %(agency)s has been cancelled"),
        attach_ics=True,
    )
    return booking


def _booking_release(*, booking: Booking, by: User, reason: str, ip: str | None) -> Booking:
    booking = (
        Booking.objects.select_for_update(of=("self",))
        .select_related("slot__agency", "slot__counsellor", "profile__user")
        .get(pk=booking.pk)
    )
    _check_person_may_change(booking)
    booking.calendar_sequence += 1
    transition(
        booking,
        to=BookingStatus.CANCELLED,
        by=by,
        reason=reason,
        update_fields=["calendar_sequence"],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=booking, ip=ip)
    return booking


@transaction.atomic
def booking_reschedule(*, booking: Booking, slot: Slot, by: User, ip: str | None = None) -> Booking:
    """Move a booking to another slot: the old one is cancelled only if the new one is taken.
    The calendar event moves with it (same UID, higher SEQUENCE), and the person gets one
    e-mail, that the appointment was moved."""
    released = _booking_release(booking=booking, by=by, reason="rescheduled", ip=ip)
    return _booking_hold(slot=slot, profile=released.profile, by=by, ip=ip, moved_from=released)


@transaction.atomic
def booking_mark_attendance(
    *, booking: Booking, by: User, attended: bool, note: str = "", ip: str | None = None
) -> Booking:
    booking = Booking.objects.select_for_update().select_related("slot").get(pk=booking.pk)
    to_status = BookingStatus.ATTENDED if attended else BookingStatus.NO_SHOW
    transition_check(booking, to=to_status)
    if booking.slot.start > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the appointment has started."))
    booking.note = note
    booking.full_clean(exclude=["slot", "profile"], validate_constraints=False)
    transition(booking, to=to_status, by=by, update_fields=["note"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=booking, ip=ip)
    return booking


def booking_send_reminder(*, booking_id: int) -> bool:
    """Queue the day-before reminder of a booking unless it went already: safe to run twice."""
    with transaction.atomic():
        booking = (
            Booking.objects.select_for_update(of=("self",))
            .select_related("slot__agency", "slot__counsellor", "profile__user")
            .get(pk=booking_id)
        )
        if booking.reminder_sent_at is not None or booking.status != BookingStatus.BOOKED:
            return False
        _booking_email(
            booking,
            template="reminder",
            subject=gettext_lazy("Reminder: your appointment tomorrow at %(agency)s"),
            attach_ics=True,
        )
        booking.reminder_sent_at = timezone.now()
        booking.save(update_fields=["reminder_sent_at"])
    return True


def _booking_email(booking: Booking, *, template: str, subject: Promise, attach_ics: bool) -> None:
    """The booking's e-mail in the person's language; ``subject`` names the agency. It and the
    inbox notice link to the booking's own page (where, what to bring, move or cancel); a
    cancelled one to the appointments page, to book another."""
    user = booking.profile.user
    link = (
        reverse("jobseekers:appointments")
        if booking.status == BookingStatus.CANCELLED
        else reverse("jobseekers:booking_detail", args=[booking.pk])
    )
    context = {
        "booking_url": site_url(link),
        "booking": booking,
        "slot": booking.slot,
        "person": user,
        "deadline_hours": change_deadline_hours(),
        "what_to_bring": selectors.what_to_bring(booking.slot.purpose),
    }
    attachments = (
        [("programare.ics", ics.booking_ics(booking), "text/calendar")] if attach_ics else []
    )
    notification_create(
        user=user,
        title=lambda: str(subject) % {"agency": booking.slot.agency.name},
        link=link,
        kind=NotificationKind.APPOINTMENT,
    )
    email_queue(
        to=[user.email],
        subject=lambda: str(subject) % {"agency": booking.slot.agency.name},
        body=lambda: render_to_string(f"jobseekers/emails/booking_{template}.txt", context),
        attachments=attachments,
        recipient_user=user,
    )


# --- Data rights ----------------------------------------------------------------------------------


@transaction.atomic
def closure_request_create(
    *, profile: JobseekerProfile, reason: str = "", ip: str | None = None
) -> ClosureRequest:
    profile = JobseekerProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.account_state != AccountState.ACTIVE:
        raise ValidationError(_("A request to close this account is already being handled."))
    closure = ClosureRequest(profile=profile, reason=reason)
    closure.full_clean()
    closure.save()
    profile.account_state = AccountState.CLOSURE_REQUESTED
    profile.save(update_fields=["account_state"])
    audit_record(actor=profile.user, action=AuditEntry.Action.UPDATE, target=profile, ip=ip)
    return closure


@transaction.atomic
def closure_request_withdraw(*, closure: ClosureRequest) -> ClosureRequest:
    closure = ClosureRequest.objects.select_for_update().get(pk=closure.pk)
    if closure.outcome != ClosureRequest.Outcome.PENDING:
        raise ValidationError(_("This request has already been handled."))
    closure.outcome = ClosureRequest.Outcome.WITHDRAWN
    closure.decided_at = timezone.now()
    closure.decided_by = closure.profile.user
    closure.save(update_fields=["outcome", "decided_at", "decided_by"])
    JobseekerProfile.objects.filter(pk=closure.profile_id).update(account_state=AccountState.ACTIVE)
    return closure


@transaction.atomic
def closure_request_confirm(
    *, closure: ClosureRequest, by: User, ip: str | None = None
) -> ClosureRequest:
    """A counsellor of the agency confirms the closure: the personal data is anonymised."""
    closure = (
        ClosureRequest.objects.select_for_update().select_related("profile").get(pk=closure.pk)
    )
    if closure.outcome != ClosureRequest.Outcome.PENDING:
        raise ValidationError(_("This request has already been handled."))
    closure.outcome = ClosureRequest.Outcome.CONFIRMED
    closure.decided_by, closure.decided_at = by, timezone.now()
    closure.reason = ""
    closure.save(update_fields=["outcome", "decided_by", "decided_at", "reason"])
    profile_anonymise(profile=closure.profile, by=by, ip=ip)
    return closure


@transaction.atomic
def profile_anonymise(
    *, profile: JobseekerProfile, by: User | None, ip: str | None = None
) -> JobseekerProfile:
    """Empty every personal field and delete the documents; keep what statistics count.

    Kept: county, agency, birth year, sex, labour status, education levels and fields,
    occupations, skills, languages, licence categories, preferences, appointments (without notes)
    and every date. Gone: name, CNP, birth date, e-mail, phone, address, locality, free texts,
    employers' names, institutions, vulnerable-situation declarations and documents.
    """
    from allauth.account.models import EmailAddress

    profile = JobseekerProfile.objects.select_for_update().get(pk=profile.pk)
    for entry in profile.documents.select_related("document"):
        entry.document.delete()
    profile.vulnerabilities.all().delete()
    profile.experience.update(employer_name="", description="")
    profile.education.update(institution="")
    profile.bookings.update(note="")
    profile.cnp = None
    profile.birth_date = None
    profile.phone = profile.address = profile.locality = ""
    profile.matching_consent_at = None
    profile.account_state = AccountState.CLOSED
    profile.closed_at = timezone.now()
    profile.save()
    user = profile.user
    first, last = user.first_name, user.last_name
    emails_anonymise(user=user, address=user.email, names=[f"{first} {last}", f"{last} {first}"])
    EmailAddress.objects.filter(user=user).delete()
    user.first_name = user.last_name = ""
    user.email = f"closed-{profile.pk}@anonymised.invalid"
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit_record(actor=by, action=AuditEntry.Action.DELETE, target=profile, ip=ip)
    return profile


# --- Inactivity rule (GDPR art. 5(1)(e): PULS_INACTIVITY_NOTICE_DAYS, PULS_INACTIVITY_GRACE_DAYS)


def inactivity_notice_send(*, profile_id: int) -> bool:
    """Warn the person that their unused account will be anonymised; once per inactivity."""
    with transaction.atomic():
        profile = (
            JobseekerProfile.objects.select_for_update(of=("self",))
            .select_related("user")
            .get(pk=profile_id)
        )
        if not selectors.profiles_due_inactivity_notice().filter(pk=profile.pk).exists():
            return False
        now = timezone.now()
        deadline = now + datetime.timedelta(days=settings.PULS_INACTIVITY_GRACE_DAYS)
        context = {
            "person": profile.user,
            "last_seen": profile.user.last_login or profile.user.date_joined,
            "deadline": deadline,
            "link": site_url(reverse("account_login")),
        }
        email_queue(
            to=[profile.user.email],
            subject=gettext_lazy("Your PULS account is inactive"),
            body=lambda: render_to_string("jobseekers/emails/inactivity_notice.txt", context),
            recipient_user=profile.user,
        )
        profile.inactivity_notice_sent_at = now
        profile.save(update_fields=["inactivity_notice_sent_at"])
    return True


def inactive_profile_anonymise(*, profile_id: int) -> bool:
    """Anonymise an account whose inactivity notice went unanswered; no-op if no longer due."""
    with transaction.atomic():
        profile = JobseekerProfile.objects.select_for_update().get(pk=profile_id)
        if not selectors.profiles_due_inactivity_anonymisation().filter(pk=profile.pk).exists():
            return False
        profile_anonymise(profile=profile, by=None)
    return True


# --- Job search extras ----------------------------------------------------------------------------


def vacancy_save(*, profile: JobseekerProfile, vacancy: Vacancy) -> SavedVacancy:
    """Bookmark a published vacancy (the caller looked it up among the published ones)."""
    saved, _created = SavedVacancy.objects.get_or_create(profile=profile, vacancy=vacancy)
    return saved


def vacancy_unsave(*, profile: JobseekerProfile, vacancy: Vacancy) -> None:
    SavedVacancy.objects.filter(profile=profile, vacancy=vacancy).delete()


@transaction.atomic
def vacancy_interest_express(
    *, profile: JobseekerProfile, vacancy: Vacancy, ip: str | None = None
) -> VacancyInterest:
    """Tell the agency the person is interested in ``vacancy``; their counsellors see it."""
    if profile.account_state != AccountState.ACTIVE:
        raise ValidationError(_("Your account is being closed."))
    interest, created = VacancyInterest.objects.get_or_create(profile=profile, vacancy=vacancy)
    if created:
        audit_record(actor=profile.user, action=AuditEntry.Action.CREATE, target=interest, ip=ip)
    return interest


def vacancy_interest_withdraw(*, profile: JobseekerProfile, vacancy: Vacancy) -> None:
    VacancyInterest.objects.filter(profile=profile, vacancy=vacancy).delete()


# --- Saved job searches and their alerts ----------------------------------------------------------

SAVED_SEARCHES_PER_PERSON = 20
# An alert lists this many offers at most; the others are new still and go with the next one.
ALERT_OFFERS_LISTED = 20


def _saved_search_default_name(criteria: dict[str, Any]) -> str:
    parts = [
        criteria.get("query") or "",
        str(criteria["county"]) if criteria.get("county") else "",
        criteria.get("cor_code") or "",
    ]
    return " · ".join(part for part in parts if part)[:100] or _("My job search")


def saved_search_create(
    *, profile: JobseekerProfile, criteria: dict[str, Any], name: str = "", frequency: str
) -> SavedSearch:
    """Keep a job search (the criteria of the search form) with its alert."""
    if not any(value not in (None, "") for value in criteria.values()):
        raise ValidationError(
            _(
                "Search with at least one criterion (words, county, occupation, schedule or "
                "pay) before saving the search."
            )
        )
    if profile.saved_searches.count() >= SAVED_SEARCHES_PER_PERSON:
        raise ValidationError(
            _("You can keep at most %(count)s saved searches: delete one first.")
            % {"count": SAVED_SEARCHES_PER_PERSON}
        )
    saved_search = SavedSearch(
        profile=profile,
        name=name.strip() or _saved_search_default_name(criteria),
        frequency=frequency,
        **criteria,
    )
    saved_search.full_clean()
    saved_search.save()
    return saved_search


def saved_search_update(*, saved_search: SavedSearch, name: str, frequency: str) -> SavedSearch:
    saved_search.name = name.strip()
    saved_search.frequency = frequency
    saved_search.full_clean()
    saved_search.save(update_fields=["name", "frequency"])
    return saved_search


def saved_search_delete(*, saved_search: SavedSearch) -> None:
    saved_search.delete()


def saved_search_alert_send(*, saved_search_id: int, now: datetime.datetime | None = None) -> int:
    """E-mail the person the new offers of a due saved search, once: under the search's row lock
    the due rule is checked again, each offer sent is recorded (SavedSearchAlert, unique per
    search) and never sent again, and the check time is set even when nothing is new. Returns the
    number of e-mails queued (0 or 1), so running the alerts twice sends one e-mail."""
    now = now or timezone.now()
    with transaction.atomic():
        saved_search = (
            SavedSearch.objects.select_for_update(of=("self",))
            .select_related("profile__user", "county")
            .filter(pk=saved_search_id)
            .first()
        )
        if (
            saved_search is None
            or saved_search.profile.account_state != AccountState.ACTIVE
            or (
                saved_search.checked_at is not None
                and saved_search.checked_at
                >= selectors.alert_checked_before(saved_search.frequency, now)
            )
        ):
            return 0
        offers = list(selectors.saved_search_new_vacancies(saved_search)[: ALERT_OFFERS_LISTED + 1])
        saved_search.checked_at = now
        saved_search.save(update_fields=["checked_at"])
        listed = offers[:ALERT_OFFERS_LISTED]
        if not listed:
            return 0
        SavedSearchAlert.objects.bulk_create(
            [SavedSearchAlert(saved_search=saved_search, vacancy=v, sent_at=now) for v in listed]
        )
        user = saved_search.profile.user
        context = {
            "person": user,
            "saved_search": saved_search,
            "offers": [
                (offer, site_url(reverse("jobs:detail", args=[offer.pk]))) for offer in listed
            ],
            "more": len(offers) > len(listed),
            "search_url": site_url(
                reverse("jobs:search") + "?" + saved_search.search_querystring()
            ),
            "manage_url": site_url(reverse("jobseekers:saved_searches")),
        }
        # Written in the person's language (email_queue calls these inside it).
        email_queue(
            to=[user.email],
            subject=lambda: (
                ngettext(
                    "%(count)s new job offer for “%(name)s”",
                    "%(count)s new job offers for “%(name)s”",
                    len(listed),
                )
                % {"count": len(listed), "name": saved_search.name}
            ),
            body=lambda: render_to_string("jobseekers/emails/saved_search_alert.txt", context),
            recipient_user=user,
        )
        return 1
