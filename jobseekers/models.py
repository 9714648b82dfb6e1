"""Jobseekers: the profile and dossier of a person, appointments with counsellors, data rights."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers.models import Schedule as VacancySchedule
from puls.encryption import (
    EncryptedTextField,
    KeyedHashField,
    VisibleDigitsField,
    keyed_hash,
    masked,
)
from puls.reference.choices import CEFRLevel, DrivingLicence, EducationLevel, Language
from puls.validators import Sex, normalize_cnp, validate_plain_text
from puls.workflow import TransitionLog

# Bumped whenever the text of templates/jobseekers/partials/privacy_notice.html changes: the
# version a person agreed to is recorded with their consent.
PRIVACY_NOTICE_VERSION = "2026-01"


class LabourStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", _("Unemployed")
    EMPLOYED = "employed", _("Employed, looking for a change")
    INACTIVE = "inactive", _("Inactive")
    GRADUATE = "graduate", _("Recent graduate")


class AccountState(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSURE_REQUESTED = "closure_requested", _("Closure requested")
    CLOSED = "closed", _("Closed and anonymised")


class VulnerableGroup(models.TextChoices):
    """The vulnerable groups named in docs/domain.md ("Case management")."""

    CARE_LEAVER = "care_leaver", _("Young person leaving the child-protection system")
    REPATRIATED = "repatriated", _("Repatriated person")
    MIGRANT = "migrant", _("Migrant")
    STATELESS = "stateless", _("Stateless person")
    DEPENDENCY = "dependency", _("Person with alcohol or drug dependence")
    HOMELESS = "homeless", _("Homeless person")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Long-term unemployed")


class Schedule(models.TextChoices):
    ANY = "any", _("Any schedule")
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    SHIFTS = "shifts", _("Shifts")


class JobseekerProfileQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(account_state=AccountState.CLOSED)

    def with_cnp(self, cnp):
        """The profile registered with ``cnp`` (found through its keyed hash), if any."""
        return self.filter(cnp_hash=keyed_hash(normalize_cnp(cnp)))


class JobseekerProfile(models.Model):
    """A registered person: identity, residence (which decides the agency), consent, preferences.

    The CNP is stored once, here, and never appears in a URL or a log; birth date and sex are
    derived from it. When the account is closed the personal fields are emptied and only countable
    fields stay (county, agency, birth year, sex, education, status, dates).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobseeker_profile",
        verbose_name=_("user"),
    )
    # Encrypted at rest; unique and searchable through its keyed hash (puls.encryption).
    cnp = EncryptedTextField(_("CNP"), null=True, blank=True)
    cnp_hash = KeyedHashField(_("CNP keyed hash"), source="cnp", unique=True, null=True)
    # The last four digits, as the masked CNP shows them: staff find a client by them.
    cnp_last_digits = VisibleDigitsField(_("last digits of the CNP"), source="cnp")
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    county = models.ForeignKey(
        "reference.County",
        on_delete=models.PROTECT,
        related_name="jobseekers",
        verbose_name=_("county"),
    )
    locality = models.CharField(_("locality"), max_length=100)
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.PROTECT,
        related_name="jobseekers",
        verbose_name=_("agency"),
    )
    status = models.CharField(_("status"), max_length=20, choices=LabourStatus.choices)
    account_state = models.CharField(
        _("account state"), max_length=20, choices=AccountState.choices, default=AccountState.ACTIVE
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_notice_version = models.CharField(_("privacy notice version"), max_length=20)
    share_with_employers = models.BooleanField(
        _("share my profile with employers"),
        default=False,
        help_text=_(
            "Employers with matching vacancies may see your competences and experience, "
            "never your CNP or contact details."
        ),
    )
    # Consent to matching: PULS compares the person's competences with the open vacancies and
    # shows them the ones that fit ("Jobs that fit me"). Separate from sharing with employers:
    # seeing one's own matches reveals nothing to anyone. Empty when not given or withdrawn.
    matching_consent_at = models.DateTimeField(
        _("consent to matching given at"), null=True, blank=True
    )
    # Preferences: what mediation matches on.
    wished_occupations = models.ManyToManyField(
        "reference.EscoOccupation",
        through="WishedOccupation",
        blank=True,
        related_name="wished_by",
        verbose_name=_("wished occupations"),
    )
    wished_counties = models.ManyToManyField(
        "reference.County",
        blank=True,
        related_name="wished_by",
        verbose_name=_("counties where I would work"),
    )
    minimum_pay = models.DecimalField(
        _("minimum monthly net pay (RON)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    schedule = models.CharField(
        _("schedule"), max_length=12, choices=Schedule.choices, default=Schedule.ANY
    )
    willing_to_commute = models.BooleanField(_("willing to commute"), default=False)
    willing_to_relocate = models.BooleanField(_("willing to relocate"), default=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # When the inactivity notice went (PULS_INACTIVITY_NOTICE_DAYS without a sign-in); a sign-in
    # after it voids it.
    inactivity_notice_sent_at = models.DateTimeField(
        _("inactivity notice sent at"), null=True, blank=True
    )

    objects = JobseekerProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("jobseeker profile")
        verbose_name_plural = _("jobseeker profiles")
        ordering = ["-registered_at"]
        indexes = [
            models.Index(fields=["agency", "account_state"], name="jobseeker_agency_state"),
            models.Index(fields=["county", "status"], name="jobseeker_county_status"),
            models.Index(fields=["agency", "cnp_last_digits"], name="jobseeker_agency_cnp_digits"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(account_state=AccountState.CLOSED) | Q(cnp__isnull=False),
                name="jobseeker_open_profile_has_cnp",
                violation_error_message=_("An open profile needs a CNP."),
            ),
        ]

    def __str__(self):
        # No name here: this string goes into the audit trail, which outlives anonymisation.
        return _("Jobseeker dossier #%(pk)s") % {"pk": self.pk}

    @property
    def cnp_masked(self):
        return masked(self.cnp)

    @property
    def registration_number(self):
        """The dossier's number at the agency (shown on staff lists, searched by staff)."""
        return str(self.pk)

    @property
    def age(self):
        """Age in whole years today (from the birth date, else the birth year)."""
        today = timezone.localdate()
        if self.birth_date is not None:
            before_birthday = (today.month, today.day) < (
                self.birth_date.month,
                self.birth_date.day,
            )
            return today.year - self.birth_date.year - before_birthday
        return today.year - self.birth_year if self.birth_year else None

    @property
    def display_name(self):
        if self.is_closed:
            return _("Closed account")
        return self.user.get_full_name() or self.user.email

    @property
    def matching_consented(self):
        return self.matching_consent_at is not None

    @property
    def is_closed(self):
        return self.account_state == AccountState.CLOSED

    @property
    def highest_education_level(self):
        levels = [entry.level for entry in self.education.all()]
        return max(levels, key=EducationLevel.rank) if levels else ""


class VulnerabilityDeclaration(models.Model):
    """A confidential self-declaration of a vulnerable situation: seen by the person and the
    counsellors of their agency only, never by employers."""

    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="vulnerabilities",
        verbose_name=_("profile"),
    )
    group = models.CharField(_("situation"), max_length=24, choices=VulnerableGroup.choices)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        verbose_name = _("vulnerable-situation declaration")
        verbose_name_plural = _("vulnerable-situation declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "group"], name="jobseeker_vulnerability_once"
            )
        ]

    def __str__(self):
        return self.get_group_display()


class Education(models.Model):
    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="education",
        verbose_name=_("profile"),
    )
    level = models.CharField(_("level"), max_length=20, choices=EducationLevel.choices)
    field = models.CharField(_("field of study"), max_length=150, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1930), MaxValueValidator(2100)],
    )
    end_year = models.PositiveSmallIntegerField(
        _("graduation year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1930), MaxValueValidator(2100)],
    )

    class Meta:
        verbose_name = _("education")
        verbose_name_plural = _("education")
        ordering = ["-end_year", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="jobseeker_education_years_in_order",
                violation_error_message=_("The graduation year cannot come before the start year."),
            ),
        ]

    def __str__(self):
        return " · ".join(filter(None, [self.get_level_display(), self.field, self.institution]))


class WishedOccupation(models.Model):
    """An ESCO occupation the person would like to work in, and the COR occupation they picked
    it through (Romanian, what pages show; empty for wishes recorded before COR was asked).

    The table is the one the many-to-many relation had before it got this model: matching reads
    its two id columns.
    """

    jobseekerprofile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="occupation_wishes",
        verbose_name=_("profile"),
    )
    escooccupation = models.ForeignKey(
        "reference.EscoOccupation", on_delete=models.CASCADE, verbose_name=_("ESCO occupation")
    )
    cor_occupation = models.ForeignKey(
        "reference.CorOccupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (COR)"),
    )

    class Meta:
        db_table = "jobseekers_jobseekerprofile_wished_occupations"
        verbose_name = _("wished occupation")
        verbose_name_plural = _("wished occupations")
        ordering = ["pk"]
        unique_together = [("jobseekerprofile", "escooccupation")]

    def __str__(self):
        return str(self.cor_occupation.name if self.cor_occupation else self.escooccupation)


class Experience(models.Model):
    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="experience",
        verbose_name=_("profile"),
    )
    cor_occupation = models.ForeignKey(
        "reference.CorOccupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("occupation (COR)"),
        help_text=_("Type part of the name, with or without diacritics, or the 6-digit code."),
    )
    occupation = models.ForeignKey(
        "reference.EscoOccupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("occupation (ESCO)"),
    )
    employer_name = models.CharField(_("employer"), max_length=200)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty if you still work there.")
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="jobseeker_experience_dates_in_order",
                violation_error_message=_("The end date cannot come before the start date."),
            ),
        ]

    def __str__(self):
        occupation = self.cor_occupation.name if self.cor_occupation else self.occupation
        return f"{occupation} · {self.employer_name}"

    def clean(self):
        today = timezone.localdate()
        if self.start_date and self.start_date > today:
            raise ValidationError({"start_date": _("The start date cannot be in the future.")})


class SkillLevel(models.IntegerChoices):
    BASIC = 1, _("Basic")
    INTERMEDIATE = 2, _("Intermediate")
    ADVANCED = 3, _("Advanced")
    EXPERT = 4, _("Expert")


class SkillAssessment(models.Model):
    """An ESCO skill the person says they have, with a self-assessed level 1–4."""

    profile = models.ForeignKey(
        JobseekerProfile, on_delete=models.CASCADE, related_name="skills", verbose_name=_("profile")
    )
    skill = models.ForeignKey(
        "reference.Skill", on_delete=models.PROTECT, related_name="+", verbose_name=_("competence")
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=SkillLevel.choices)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "skill"],
                name="jobseeker_skill_once",
                violation_error_message=_("This competence is already listed."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=4), name="jobseeker_skill_level_1_to_4"
            ),
        ]
        indexes = [models.Index(fields=["skill", "level"], name="jobseeker_skill_level")]

    def __str__(self):
        return f"{self.skill} ({self.get_level_display()})"


class LanguageSkill(models.Model):
    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="languages",
        verbose_name=_("profile"),
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    level = models.CharField(_("level (CEFR)"), max_length=2, choices=CEFRLevel.choices)
    mother_tongue = models.BooleanField(_("mother tongue"), default=False)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["-mother_tongue", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "language"],
                name="jobseeker_language_once",
                violation_error_message=_("This language is already listed."),
            ),
        ]

    def __str__(self):
        return f"{self.get_language_display()} ({self.level})"


class DrivingLicenceCategory(models.Model):
    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="driving_licences",
        verbose_name=_("profile"),
    )
    category = models.CharField(_("category"), max_length=3, choices=DrivingLicence.choices)

    class Meta:
        verbose_name = _("driving-licence category")
        verbose_name_plural = _("driving-licence categories")
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "category"],
                name="jobseeker_licence_once",
                violation_error_message=_("This category is already listed."),
            ),
        ]

    def __str__(self):
        return self.category


class DocumentKind(models.TextChoices):
    CV = "cv", _("CV")
    IDENTITY = "identity", _("Identity document")
    DIPLOMA = "diploma", _("Diploma or certificate")
    OTHER = "other", _("Other document")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class DossierDocument(models.Model):
    """A private document (puls.documents) filed in the dossier, with its kind and review."""

    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("profile"),
    )
    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.CASCADE,
        related_name="dossier_entry",
        verbose_name=_("document"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DocumentKind.choices)
    review_status = models.CharField(
        _("review"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("dossier document")
        verbose_name_plural = _("dossier documents")
        ordering = ["kind", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.document}"


class ClosureRequest(models.Model):
    """A person's request to close their account; a counsellor of the agency confirms it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        CONFIRMED = "confirmed", _("Confirmed: data anonymised")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="closure_requests",
        verbose_name=_("profile"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("account-closure request")
        verbose_name_plural = _("account-closure requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=Q(outcome="pending"),
                name="jobseeker_one_pending_closure",
            ),
        ]

    def __str__(self):
        return f"{self.profile_id} · {self.get_outcome_display()}"


# --- Appointments ---------------------------------------------------------------------------------


class Purpose(models.TextChoices):
    REGISTRATION = "registration", _("Registration")
    COUNSELLING = "counselling", _("Information and counselling")
    MEDIATION = "mediation", _("Mediation")
    DOCUMENT_CHECK = "document_check", _("Document check")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Availability(models.Model):
    """A weekly recurring window in which a counsellor receives people, cut into slots."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("counsellor"),
    )
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.CASCADE,
        related_name="availabilities",
        verbose_name=_("agency"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=30,
        validators=[MinValueValidator(10), MaxValueValidator(240)],
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availabilities")
        ordering = ["counsellor", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="availability_ends_after_start",
                violation_error_message=_("The end must come after the start."),
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M} "
            f"({self.get_purpose_display()})"
        )


class AvailabilityException(models.Model):
    """Days a counsellor does not receive anyone (leave, training)."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="availability_exceptions",
        verbose_name=_("counsellor"),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    reason = models.CharField(_("reason"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="absence_ends_after_start",
                violation_error_message=_("The last day cannot come before the first day."),
            ),
        ]

    def __str__(self):
        return f"{self.start_date}–{self.end_date}"


class Slot(models.Model):
    """One bookable period of one counsellor, materialised from the availability rules."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="slots",
        verbose_name=_("counsellor"),
    )
    agency = models.ForeignKey(
        "reference.Agency", on_delete=models.CASCADE, related_name="slots", verbose_name=_("agency")
    )
    availability = models.ForeignKey(
        Availability, on_delete=models.SET_NULL, null=True, blank=True, related_name="slots"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    # Set by jobseekers.selectors.agency_calendar: the booking holding the slot, if any.
    held: list["Booking"]

    class Meta:
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        ordering = ["start", "counsellor_id"]
        indexes = [models.Index(fields=["agency", "purpose", "start"], name="slot_agency_purpose")]
        constraints = [
            models.UniqueConstraint(
                fields=["counsellor", "start"], name="slot_once_per_counsellor"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"{local:%Y-%m-%d %H:%M} · {self.get_purpose_display()}"


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


# A booking in one of these states holds its slot; only a cancelled one frees it.
HOLDING_STATUSES = [BookingStatus.BOOKED, BookingStatus.ATTENDED, BookingStatus.NO_SHOW]


class Booking(models.Model):
    # to: {from} (puls.workflow); attendance may be corrected after it was recorded
    TRANSITIONS = {
        BookingStatus.CANCELLED: {BookingStatus.BOOKED},
        BookingStatus.ATTENDED: set(HOLDING_STATUSES),
        BookingStatus.NO_SHOW: set(HOLDING_STATUSES),
    }

    slot = models.ForeignKey(
        Slot, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("slot")
    )
    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="bookings",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED
    )
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    note = models.CharField(_("counsellor's note"), max_length=500, blank=True)
    # The calendar event (jobseekers.ics): a moved appointment is a new booking that keeps the
    # event's UID (empty: the booking's own, "booking-<pk>@…") and raises its SEQUENCE, so the
    # person's calendar moves the event instead of adding a second one.
    calendar_uid = models.CharField(max_length=100, blank=True, editable=False)
    calendar_sequence = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["slot__start"]
        constraints = [
            # The database itself refuses a second booking of a slot that is already held.
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status__in=HOLDING_STATUSES),
                name="booking_one_holder_per_slot",
                violation_error_message=_("This slot has just been booked by someone else."),
            ),
        ]

    def __str__(self):
        return f"{self.slot} · {self.get_status_display()}"


class BookingTransition(TransitionLog):
    booking = TransitionLog.subject(Booking)
    from_status, to_status = TransitionLog.statuses(Booking)


# --- Job search extras ----------------------------------------------------------------------------


class SavedVacancy(models.Model):
    """A published vacancy the person bookmarked to come back to."""

    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="saved_vacancies",
        verbose_name=_("person"),
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy", on_delete=models.CASCADE, related_name="+", verbose_name=_("vacancy")
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("saved vacancy")
        verbose_name_plural = _("saved vacancies")
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "vacancy"], name="jobseeker_vacancy_saved_once"
            )
        ]

    def __str__(self):
        return str(self.vacancy)


class VacancyInterest(models.Model):
    """The person told the agency they are interested in a vacancy; their counsellors see it."""

    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="vacancy_interests",
        verbose_name=_("person"),
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        on_delete=models.CASCADE,
        related_name="jobseeker_interests",
        verbose_name=_("vacancy"),
    )
    expressed_at = models.DateTimeField(_("expressed at"), default=timezone.now)

    class Meta:
        verbose_name = _("interest in a vacancy")
        verbose_name_plural = _("interests in vacancies")
        ordering = ["-expressed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "vacancy"], name="jobseeker_vacancy_interest_once"
            )
        ]
        indexes = [
            models.Index(fields=["vacancy", "-expressed_at"], name="jobseeker_interest_vacancy")
        ]

    def __str__(self):
        return str(self.vacancy)


class AlertFrequency(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")


class SavedSearch(models.Model):
    """A job search the person keeps, with an e-mail of the new matching offers daily or weekly
    (``services.saved_search_alert_send``); its criteria are those of the job search form."""

    profile = models.ForeignKey(
        JobseekerProfile,
        on_delete=models.CASCADE,
        related_name="saved_searches",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=100, validators=[validate_plain_text])
    query = models.CharField(_("words"), max_length=200, blank=True)
    county = models.ForeignKey(
        "reference.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county"),
    )
    cor_code = models.CharField(
        _("occupation (COR code)"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^[0-9]*$", _("Enter the first digits of a COR code."))],
    )
    pay_at_least = models.DecimalField(
        _("pay at least (RON)"),
        max_digits=9,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    schedule = models.CharField(
        _("schedule"), max_length=10, choices=VacancySchedule.choices, blank=True
    )
    frequency = models.CharField(
        _("how often"),
        max_length=6,
        choices=AlertFrequency.choices,
        default=AlertFrequency.WEEKLY,
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    # When the alert last looked for new offers (whether or not it found any): the due rule.
    checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("saved job search")
        verbose_name_plural = _("saved job searches")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_at_least__isnull=True) | Q(pay_at_least__gte=0),
                name="jobseeker_saved_search_pay_not_negative",
            )
        ]

    def __str__(self):
        return self.name

    def criteria(self) -> dict:
        """The filters as ``employers.selectors.job_search`` takes them."""
        return {
            "query": self.query,
            "county": self.county,
            "cor_code": self.cor_code,
            "pay_at_least": self.pay_at_least,
            "schedule": self.schedule,
        }

    def search_querystring(self) -> str:
        """The job search page's query string that shows the same offers."""
        values = {
            "q": self.query,
            "county": self.county_id or "",
            "occupation": self.cor_code,
            "pay": "" if self.pay_at_least is None else f"{self.pay_at_least:f}",
            "schedule": self.schedule,
            "order": "date",
        }
        return urlencode({key: value for key, value in values.items() if value})


class SavedSearchAlert(models.Model):
    """A vacancy an alert of a saved search has sent: never sent again for that search (the
    unique constraint holds even if two runs overlap)."""

    saved_search = models.ForeignKey(
        SavedSearch, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("search")
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy", on_delete=models.CASCADE, related_name="+", verbose_name=_("vacancy")
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("offer sent by a saved search")
        verbose_name_plural = _("offers sent by saved searches")
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "vacancy"], name="jobseeker_saved_search_sends_once"
            )
        ]

    def __str__(self):
        return str(self.vacancy)
