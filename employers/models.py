"""Employers: companies and their representatives, vacancies with the legal notice, documents,
subsidy programmes and applications, and the satisfaction questionnaire."""

import datetime
import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puls import workdays
from puls.reference.choices import CEFRLevel, DrivingLicence, EducationLevel, Language
from puls.translated import in_active_language
from puls.validators import validate_cui, validate_plain_text, validate_trade_register_number
from puls.workflow import TransitionLog

# Law 76/2002: a vacancy is communicated within 5 working days of becoming vacant, and a filled
# post is reported within 1 working day of being filled.
COMMUNICATION_DEADLINE_WORKING_DAYS = 5
FILL_REPORT_DEADLINE_WORKING_DAYS = 1

validate_caen_code = RegexValidator(
    r"^\d{4}$", _("A CAEN code has exactly 4 digits, for example 6201."), code="caen_format"
)
validate_phone = RegexValidator(
    r"^\+?[0-9 ().-]{6,20}$",
    _("Enter a phone number of digits, optionally starting with +, for example 0264 123 456."),
    code="phone_format",
)


# --- Companies ----------------------------------------------------------------------------------


class CompanySize(models.TextChoices):
    """Number-of-employees band of the EU SME definition (Recommendation 2003/361/EC, Law
    346/2004 in Romania): SMEs are everything below large."""

    MICRO = "micro", _("Micro (0–9 employees)")
    SMALL = "small", _("Small (10–49 employees)")
    MEDIUM = "medium", _("Medium (50–249 employees)")
    LARGE = "large", _("Large (250 employees or more)")


class RegisterStatus(models.TextChoices):
    """A company's status in the trade register (ONRC), as its import file states it."""

    ACTIVE = "active", pgettext_lazy("a company in the trade register", "Active")
    INSOLVENCY = "insolvency", _("In insolvency")
    SUSPENDED = "suspended", _("Activity suspended")
    DISSOLVED = "dissolved", _("Dissolved")
    LIQUIDATION = "liquidation", _("In liquidation")
    BANKRUPTCY = "bankruptcy", _("Bankrupt")
    STRUCK_OFF = "struck_off", _("Struck off the register")


# A company in insolvency may go on trading (reorganisation); these statuses mean it has stopped.
INACTIVE_REGISTER_STATUSES = frozenset(
    {
        RegisterStatus.SUSPENDED,
        RegisterStatus.DISSOLVED,
        RegisterStatus.LIQUIDATION,
        RegisterStatus.BANKRUPTCY,
        RegisterStatus.STRUCK_OFF,
    }
)


class CompanyQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=Company.Status.VERIFIED)


class Company(models.Model):
    """An employer registered by one of its representatives; verified by its county agency."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not verified")

    # to: {from} (puls.workflow); a verified company whose name or county changes goes back to
    # its agency (company_update)
    TRANSITIONS = {
        Status.VERIFIED: {Status.PENDING, Status.REJECTED},
        Status.REJECTED: {Status.PENDING},
        Status.PENDING: {Status.VERIFIED},
    }
    TRANSITION_REFUSALS = {
        Status.VERIFIED: _("This company is already verified."),
        Status.REJECTED: _("Only a company awaiting verification can be refused."),
    }

    cui = models.CharField(
        _("CUI / CIF"),
        max_length=10,
        unique=True,
        validators=[validate_cui],
        help_text=_("The fiscal code, without the RO prefix."),
    )
    trade_register_number = models.CharField(
        _("trade-register number"), max_length=20, validators=[validate_trade_register_number]
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    caen_code = models.CharField(
        _("CAEN code"),
        max_length=4,
        validators=[validate_caen_code],
        help_text=_("The main activity, 4 digits (CAEN Rev. 2)."),
    )
    size_band = models.CharField(
        _("number of employees"),
        max_length=6,
        choices=CompanySize.choices,
        blank=True,
        help_text=_("The band of the EU definition of SMEs (Law 346/2004)."),
    )
    address = models.CharField(_("registered address"), max_length=255)
    locality = models.CharField(_("locality"), max_length=100)
    county = models.ForeignKey(
        "reference.County",
        on_delete=models.PROTECT,
        related_name="companies",
        verbose_name=_("county"),
    )
    contact_name = models.CharField(
        _("contact person"), max_length=150, validators=[validate_plain_text]
    )
    contact_phone = models.CharField(_("contact phone"), max_length=20, validators=[validate_phone])
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    status_reason = models.TextField(_("reason"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    # From the latest trade-register import that changed them (employers.services.
    # trade_register_import); empty until a file names the company.
    register_status = models.CharField(
        _("status in the trade register"),
        max_length=12,
        choices=RegisterStatus.choices,
        blank=True,
    )
    register_status_on = models.DateField(_("trade-register status since"), null=True, blank=True)
    register_import = models.ForeignKey(
        "TradeRegisterImport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source of the trade-register status"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CompanyMembership",
        related_name="companies",
        verbose_name=_("representatives"),
    )

    objects = CompanyQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        indexes = [models.Index(fields=["county", "status"], name="company_county_status")]

    def __str__(self):
        return self.name

    @property
    def is_verified(self):
        return self.status == self.Status.VERIFIED

    @property
    def is_register_inactive(self):
        return self.register_status in INACTIVE_REGISTER_STATUSES


class TradeRegisterImport(models.Model):
    """One import of the trade register's statuses (CUI, status, date) and what it changed: by an
    agency administrator for their county's companies, or nationally (superuser, command)."""

    created_at = models.DateTimeField(_("imported at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
        help_text=_("Empty for a national import."),
    )
    file_name = models.CharField(_("file"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    companies_changed = models.PositiveIntegerField(_("companies changed"), default=0)
    companies_inactivated = models.PositiveIntegerField(_("companies became inactive"), default=0)
    vacancies_closed = models.PositiveIntegerField(_("vacancies closed"), default=0)
    unknown_count = models.PositiveIntegerField(_("CUIs not in PULS"), default=0)
    out_of_scope_count = models.PositiveIntegerField(_("companies of other counties"), default=0)
    older_count = models.PositiveIntegerField(_("rows older than the status on record"), default=0)
    invalid_count = models.PositiveIntegerField(_("invalid rows"), default=0)
    # {"changed": [{cui, name, company, from, to, on, vacancies}], "unknown": [cui],
    #  "out_of_scope": [cui], "invalid": [{line, reason}], "notes": [text]}, lists capped
    report = models.JSONField(_("report"), default=dict)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("trade-register import")
        verbose_name_plural = _("trade-register imports")

    def __str__(self):
        return self.file_name


class CompanyTransition(TransitionLog):
    company = TransitionLog.subject(Company, verbose_name=_("company"))
    from_status, to_status = TransitionLog.statuses(Company)

    class Meta(TransitionLog.Meta):
        verbose_name = _("company status change")
        verbose_name_plural = _("company status changes")


class CompanyMembership(models.Model):
    """A user who represents a company. Exactly one member per company is its administrator."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("company")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="company_memberships",
        verbose_name=_("user"),
    )
    is_admin = models.BooleanField(_("company administrator"), default=False)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now)

    class Meta:
        ordering = ["-is_admin", "joined_at", "pk"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "user"],
                name="membership_once_per_company",
                violation_error_message=_("This person already represents the company."),
            ),
            models.UniqueConstraint(
                fields=["company"],
                condition=Q(is_admin=True),
                name="membership_one_admin_per_company",
                violation_error_message=_("A company has one administrator."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.company}"


class CompanyInvitation(models.Model):
    """An invitation, sent by e-mail, to become a representative of a company."""

    VALID_DAYS = 14

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("company")
    )
    email = models.EmailField(_("e-mail address"))
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} · {self.company}"

    @property
    def expires_at(self):
        return self.created_at + datetime.timedelta(days=self.VALID_DAYS)

    @property
    def is_open(self):
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and timezone.now() < self.expires_at
        )


class CompanyAccessRequest(models.Model):
    """A user who tried to register a CUI already registered asks its administrator for access."""

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="access_requests", verbose_name=_("company")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    granted = models.BooleanField(_("granted"), null=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "user"],
                condition=Q(decided_at__isnull=True),
                name="access_request_one_open_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.company}"


# --- Prospecting ----------------------------------------------------------------------------------


class EmployerContact(models.Model):
    """A counsellor's contact with an employer to prospect the labour market (seed 004): how, what
    came of it, the vacancies obtained, and when to contact them again. Staff only."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        CALL = "call", _("Phone call")
        EMAIL = "email", _("E-mail")
        EVENT = "event", _("Event (job fair, meeting)")

    class Outcome(models.TextChoices):
        VACANCIES = "vacancies", _("Vacancies obtained")
        INTERESTED = "interested", _("Interested in the agency's services")
        LATER = "later", _("To be contacted again")
        NOT_INTERESTED = "not_interested", _("Not interested")
        UNREACHABLE = "unreachable", _("Could not be reached")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("company")
    )
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agency"),
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("counsellor"),
    )
    kind = models.CharField(_("kind of contact"), max_length=10, choices=Kind.choices)
    contacted_on = models.DateField(_("date of the contact"))
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices)
    vacancies_obtained = models.PositiveSmallIntegerField(
        _("vacancies obtained"), default=0, validators=[MaxValueValidator(1000)]
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_done_at = models.DateTimeField(_("followed up at"), null=True, blank=True)
    created_at = models.DateTimeField(_("logged at"), default=timezone.now)

    class Meta:
        ordering = ["-contacted_on", "-pk"]
        verbose_name = _("contact with an employer")
        verbose_name_plural = _("contacts with employers")
        indexes = [
            models.Index(
                fields=["counsellor", "follow_up_on"],
                condition=Q(follow_up_on__isnull=False, follow_up_done_at__isnull=True),
                name="contact_open_follow_ups",
            ),
            models.Index(fields=["agency", "contacted_on"], name="contact_agency_day"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("contacted_on")),
                name="contact_follow_up_after_contact",
                violation_error_message=_("The follow-up cannot be before the contact."),
            ),
        ]

    def __str__(self):
        return f"{self.company} · {self.contacted_on}"

    def clean(self):
        errors = {}
        if self.contacted_on and self.contacted_on > timezone.localdate():
            errors["contacted_on"] = _("The contact cannot be in the future.")
        if self.follow_up_on and self.contacted_on and self.follow_up_on < self.contacted_on:
            errors["follow_up_on"] = _("The follow-up cannot be before the contact.")
        if self.outcome == self.Outcome.VACANCIES and not self.vacancies_obtained:
            errors["vacancies_obtained"] = _("Say how many vacancies were obtained.")
        if errors:
            raise ValidationError(errors)


# --- Vacancies ----------------------------------------------------------------------------------


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the agency")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned for changes")
    FILLED = "filled", _("Filled")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Schedule(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    SHIFTS = "shifts", _("Shifts")


class ContractType(models.TextChoices):
    INDEFINITE = "indefinite", _("Indefinite term")
    FIXED_TERM = "fixed_term", _("Fixed term")


class VacancyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=VacancyStatus.PUBLISHED)

    def open(self):
        """Still looking for people: submitted or published, with posts left."""
        return self.filter(status__in=Vacancy.OPEN_STATUSES, open_posts__gt=0)


# The text search configuration of the vacancies' search vectors and of the queries against them:
# PostgreSQL's Romanian stemmer over the words without their diacritics ("sofer" finds "Șofer";
# created with the unaccent extension by migration 0008).
SEARCH_CONFIG = "puls_ro"


class Vacancy(models.Model):
    """A vacant post (or several identical ones) a company asks the agency to help fill."""

    EDITABLE_STATUSES = (VacancyStatus.DRAFT, VacancyStatus.RETURNED)
    OPEN_STATUSES = (VacancyStatus.SUBMITTED, VacancyStatus.PUBLISHED)
    # What the employer edits: the vacancy form shows these, and the services accept only these.
    EDITABLE_FIELDS = (
        "cor_occupation",
        "title",
        "description",
        "education_level",
        "experience_years",
        "driving_licences",
        "county",
        "locality",
        "posts",
        "pay_min",
        "pay_max",
        "schedule",
        "contract_type",
        "vacant_since",
        "valid_until",
    )
    CLOSED_STATUSES = (VacancyStatus.FILLED, VacancyStatus.EXPIRED, VacancyStatus.WITHDRAWN)
    # to: {from} (puls.workflow)
    TRANSITIONS = {
        VacancyStatus.SUBMITTED: set(EDITABLE_STATUSES),
        VacancyStatus.PUBLISHED: {VacancyStatus.SUBMITTED},
        VacancyStatus.RETURNED: {VacancyStatus.SUBMITTED},
        VacancyStatus.FILLED: set(OPEN_STATUSES),
        VacancyStatus.EXPIRED: set(OPEN_STATUSES),
        VacancyStatus.WITHDRAWN: {*EDITABLE_STATUSES, *OPEN_STATUSES},
    }
    TRANSITION_REFUSALS = {
        VacancyStatus.FILLED: _(
            "Filled posts can be reported only for a submitted or published vacancy."
        ),
    }

    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("company")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    cor_occupation = models.ForeignKey(
        "reference.CorOccupation",
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("occupation (COR)"),
    )
    esco_occupation = models.ForeignKey(
        "reference.EscoOccupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
        verbose_name=_("occupation (ESCO)"),
    )
    skills = models.ManyToManyField(
        "reference.Skill",
        through="VacancySkill",
        related_name="vacancies",
        verbose_name=_("competences"),
    )
    title = models.CharField(_("job title"), max_length=150, validators=[validate_plain_text])
    description = models.TextField(_("description"))
    education_level = models.CharField(
        _("minimum education"),
        max_length=20,
        choices=EducationLevel.choices,
        default=EducationLevel.NONE,
    )
    experience_years = models.PositiveSmallIntegerField(
        _("years of experience"), default=0, validators=[MaxValueValidator(50)]
    )
    driving_licences = models.JSONField(
        _("driving-licence categories"),
        default=list,
        blank=True,
        help_text=_('Categories the person must hold, e.g. ["B", "C"].'),
    )
    county = models.ForeignKey(
        "reference.County",
        on_delete=models.PROTECT,
        related_name="vacancies",
        verbose_name=_("county of work"),
    )
    locality = models.CharField(_("locality of work"), max_length=100)
    posts = models.PositiveSmallIntegerField(
        _("number of posts"), default=1, validators=[MinValueValidator(1)]
    )
    open_posts = models.PositiveSmallIntegerField(_("posts still open"), default=1)
    pay_min = models.DecimalField(_("gross monthly pay from (RON)"), max_digits=9, decimal_places=2)
    pay_max = models.DecimalField(
        _("gross monthly pay up to (RON)"), max_digits=9, decimal_places=2
    )
    schedule = models.CharField(
        _("schedule"), max_length=10, choices=Schedule.choices, default=Schedule.FULL_TIME
    )
    contract_type = models.CharField(
        _("contract type"),
        max_length=10,
        choices=ContractType.choices,
        default=ContractType.INDEFINITE,
    )
    vacant_since = models.DateField(_("vacant since"), null=True, blank=True)
    valid_until = models.DateField(_("offer valid until"), null=True, blank=True)
    communicated_at = models.DateTimeField(
        _("communicated to the agency at"), null=True, blank=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT
    )
    duplicated_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Filled on PostgreSQL only (employers.services.vacancies_search_refresh) in SEARCH_CONFIG,
    # GIN-indexed there.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="vacancy_status_published"),
            models.Index(fields=["company", "status"], name="vacancy_company_status"),
            models.Index(fields=["county", "status"], name="vacancy_county_status"),
            models.Index(fields=["status", "valid_until"], name="vacancy_status_valid_until"),
            # The public search's filters, over the published vacancies only.
            models.Index(
                fields=["county", "-published_at"],
                condition=Q(status="published"),
                name="vacancy_published_county",
            ),
            models.Index(
                fields=["schedule", "-published_at"],
                condition=Q(status="published"),
                name="vacancy_published_schedule",
            ),
            models.Index(
                fields=["pay_max"], condition=Q(status="published"), name="vacancy_published_pay"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__lte=F("pay_max")),
                name="vacancy_pay_min_not_above_max",
                violation_error_message=_("The minimum pay cannot be higher than the maximum pay."),
            ),
            models.CheckConstraint(
                condition=Q(pay_min__gte=0),
                name="vacancy_pay_not_negative",
                violation_error_message=_("Pay cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(open_posts__lte=F("posts")),
                name="vacancy_open_posts_within_posts",
                violation_error_message=_("More posts are open than the vacancy has."),
            ),
            models.CheckConstraint(
                condition=Q(posts__gte=1),
                name="vacancy_at_least_one_post",
                violation_error_message=_("A vacancy has at least one post."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=VacancyStatus.values), name="vacancy_status_known"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.pay_min is not None and self.pay_max is not None and self.pay_min > self.pay_max:
            errors["pay_max"] = _("The maximum pay must be at least the minimum pay.")
        unknown = set(self.driving_licences or []) - set(DrivingLicence.values)
        if unknown:
            errors["driving_licences"] = _("Unknown driving-licence category: %(codes)s.") % {
                "codes": ", ".join(sorted(unknown))
            }
        if self.vacant_since and self.valid_until and self.valid_until < self.vacant_since:
            errors["valid_until"] = _(
                "The offer cannot stop being valid before the post became vacant."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_editable(self):
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_closed(self):
        return self.status in self.CLOSED_STATUSES

    @property
    def communication_deadline(self):
        """The last day for the legal notice: 5 working days after the post became vacant."""
        if self.vacant_since is None:
            return None
        return workdays.add_working_days(self.vacant_since, COMMUNICATION_DEADLINE_WORKING_DAYS)

    @property
    def communicated_on_time(self):
        """True/False once communicated; None before."""
        if self.communicated_at is None or self.vacant_since is None:
            return None
        return timezone.localdate(self.communicated_at) <= self.communication_deadline


class VacancySkill(models.Model):
    """A competence a vacancy asks for, essential or optional (the mediation engine weighs them)."""

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="vacancy_skills", verbose_name=_("vacancy")
    )
    skill = models.ForeignKey(
        "reference.Skill", on_delete=models.PROTECT, related_name="+", verbose_name=_("competence")
    )
    essential = models.BooleanField(_("essential"), default=True)

    class Meta:
        ordering = ["-essential", "pk"]
        verbose_name = _("required competence")
        verbose_name_plural = _("required competences")
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "skill"], name="vacancy_skill_once"),
        ]

    def __str__(self):
        return str(self.skill)


class VacancyLanguage(models.Model):
    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.CASCADE, related_name="languages", verbose_name=_("vacancy")
    )
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    level = models.CharField(_("minimum level (CEFR)"), max_length=2, choices=CEFRLevel.choices)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("required language")
        verbose_name_plural = _("required languages")
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "language"],
                name="vacancy_language_once",
                violation_error_message=_("Each language is listed once."),
            ),
        ]

    def __str__(self):
        return f"{self.get_language_display()} {self.level}"


class VacancyTransition(TransitionLog):
    vacancy = TransitionLog.subject(Vacancy, verbose_name=_("vacancy"))
    from_status, to_status = TransitionLog.statuses(Vacancy)

    class Meta(TransitionLog.Meta):
        verbose_name = _("vacancy status change")
        verbose_name_plural = _("vacancy status changes")


class RegistrationCounter(models.Model):
    """The last registration number an agency gave in a year (locked while a number is taken)."""

    agency = models.ForeignKey("reference.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="registration_counter_once"),
        ]

    def __str__(self):
        return f"{self.agency_id} {self.year}: {self.last_number}"


class VacancyCommunication(models.Model):
    """The legal notice of a vacant post (Law 76/2002, Anexa 1A): numbered, with a PDF."""

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="communications", verbose_name=_("vacancy")
    )
    agency = models.ForeignKey(
        "reference.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    registration_number = models.CharField(_("registration number"), max_length=32, unique=True)
    communicated_at = models.DateTimeField(_("communicated at"), default=timezone.now)
    deadline = models.DateField(_("deadline"))
    on_time = models.BooleanField(_("on time"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # What the notice said when it was made: later edits of the company or vacancy don't change it.
    content = models.JSONField(_("content"))
    confirmation_sent_at = models.DateTimeField(
        _("confirmation e-mailed at"), null=True, blank=True
    )

    class Meta:
        ordering = ["-communicated_at", "-pk"]
        verbose_name = _("vacancy communication")
        verbose_name_plural = _("vacancy communications")

    def __str__(self):
        return self.registration_number


class VacancyFillReport(models.Model):
    """The report that posts were filled (Anexa 1B): due 1 working day after the hiring."""

    vacancy = models.ForeignKey(
        Vacancy, on_delete=models.PROTECT, related_name="fill_reports", verbose_name=_("vacancy")
    )
    posts_filled = models.PositiveSmallIntegerField(
        _("posts filled"), validators=[MinValueValidator(1)]
    )
    filled_on = models.DateField(_("filled on"))
    through_puls = models.BooleanField(_("filled through a PULS proposal"), default=False)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    deadline = models.DateField(_("deadline"))
    late = models.BooleanField(_("reported late"))

    class Meta:
        ordering = ["reported_at", "pk"]
        verbose_name = _("report of filled posts")
        verbose_name_plural = _("reports of filled posts")
        constraints = [
            models.CheckConstraint(condition=Q(posts_filled__gte=1), name="fill_report_positive"),
        ]

    def __str__(self):
        return f"{self.vacancy}: {self.posts_filled}"


class SatisfactionResponse(models.Model):
    """The short questionnaire an employer answers once a vacancy closes."""

    vacancy = models.OneToOneField(
        Vacancy, on_delete=models.CASCADE, related_name="satisfaction", verbose_name=_("vacancy")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    overall = models.PositiveSmallIntegerField(
        _("overall satisfaction"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    candidates = models.PositiveSmallIntegerField(
        _("suitability of the candidates proposed"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    ease_of_use = models.PositiveSmallIntegerField(
        _("ease of using PULS"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    would_recommend = models.BooleanField(_("would use the agency again"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    overall__range=(1, 5), candidates__range=(1, 5), ease_of_use__range=(1, 5)
                ),
                name="satisfaction_scores_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.vacancy}: {self.overall}/5"


# --- Subsidies ----------------------------------------------------------------------------------


class EligibleCategory(models.TextChoices):
    """Categories of hired persons that Law 76/2002 subsidises."""

    GRADUATE = "graduate", _("Graduate of an educational institution")
    OVER_45 = "over_45", _("Unemployed person over 45")
    OVER_50 = "over_50", _("Unemployed person over 50")
    SINGLE_PARENT = "single_parent", _("Unemployed single parent")
    LONG_TERM_UNEMPLOYED = "long_term", _("Long-term unemployed person")
    NEET = "neet", _("Young person not in employment, education or training (NEET)")
    DISABILITY = "disability", _("Person with a disability")


class SubsidyProgrammeQuerySet(models.QuerySet):
    def accepting_applications(self, day: datetime.date):
        """Open programmes whose terms in force on ``day`` say the amount and the months paid:
        without them a programme takes no application, whatever its ``is_open`` says."""
        in_force = SubsidyAmount.objects.filter(
            programme=OuterRef("pk"), effective_from__lte=day
        ).order_by("-effective_from")
        return (
            self.filter(is_open=True)
            .exclude(legal_basis="")
            .annotate(months_paid_in_force=Subquery(in_force.values("months_paid")[:1]))
            .filter(months_paid_in_force__isnull=False)
        )


class SubsidyProgramme(models.Model):
    """A subsidy the agencies grant employers, configured by staff as the law sets it: its legal
    basis here, its terms (amount, months paid, months kept) as effective-dated SubsidyAmount
    rows. It opens for applications only with both (``services.subsidy_programme_save``)."""

    name = models.CharField(
        _("name"), max_length=200, unique=True, validators=[validate_plain_text]
    )
    name_en = models.CharField(
        _("name in English"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    eligible_categories = models.JSONField(
        _("eligible categories of hired persons"), default=list, blank=True
    )
    is_open = models.BooleanField(_("open for applications"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = SubsidyProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("subsidy programme")
        verbose_name_plural = _("subsidy programmes")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The programme's name in the reader's language (puls.translated)."""
        return in_active_language(self.name, self.name_en)

    @property
    def display_description(self):
        return in_active_language(self.description, self.description_en)

    def clean(self):
        unknown = set(self.eligible_categories or []) - set(EligibleCategory.values)
        if unknown:
            raise ValidationError(
                {
                    "eligible_categories": _("Unknown category: %(codes)s.")
                    % {"codes": ", ".join(sorted(unknown))}
                }
            )

    def get_eligible_categories_display(self):
        labels = dict(EligibleCategory.choices)
        return [labels[code] for code in self.eligible_categories if code in labels]

    def terms_on(self, day):
        """The terms (SubsidyAmount) in force on ``day``: the latest that took effect by then, or
        None. Reads ``amounts`` prefetched when they are (newest first, the model's order)."""
        return next((row for row in self.amounts.all() if row.effective_from <= day), None)

    @property
    def terms_today(self):
        return self.terms_on(timezone.localdate())


class SubsidyAmount(models.Model):
    """The terms of a programme from a date on, as the national administrator enters them from
    the law: the monthly amount per person, for how many months it is paid, and how many months
    the employer must keep the person employed (when the law sets it). They change with the law;
    the history is kept and each application gets the terms in force on the day it is decided."""

    programme = models.ForeignKey(
        SubsidyProgramme,
        on_delete=models.CASCADE,
        related_name="amounts",
        verbose_name=_("programme"),
    )
    amount = models.DecimalField(
        _("monthly amount (RON)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    # Null only on rows entered before the duration was recorded: such terms open nothing.
    months_paid = models.PositiveSmallIntegerField(
        _("months paid"), null=True, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    months_to_keep = models.PositiveSmallIntegerField(
        _("months the person must be kept employed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Empty when the law sets no such obligation."),
    )
    effective_from = models.DateField(_("in force from"))
    note = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("The act that sets these terms.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        ordering = ["programme", "-effective_from"]
        verbose_name = _("subsidy terms")
        verbose_name_plural = _("subsidy terms")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "effective_from"],
                name="subsidy_amount_one_per_date",
                violation_error_message=_("This programme already has terms from that date."),
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="subsidy_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(months_paid__gte=1) | Q(months_paid__isnull=True),
                name="subsidy_terms_months_paid",
            ),
            models.CheckConstraint(
                condition=Q(months_to_keep__gte=1) | Q(months_to_keep__isnull=True),
                name="subsidy_terms_months_to_keep",
            ),
        ]

    def __str__(self):
        return f"{self.programme}: {self.amount} ({self.effective_from})"


class SubsidyDocumentRequirement(models.Model):
    """One line of a programme's checklist of documents."""

    programme = models.ForeignKey(
        SubsidyProgramme,
        on_delete=models.CASCADE,
        related_name="requirements",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("document"), max_length=200)
    name_en = models.CharField(_("document in English"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["programme", "position", "pk"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return in_active_language(self.name, self.name_en)


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SubsidyApplication(models.Model):
    """A company's application to a subsidy programme for hiring people of one category."""

    # to: {from} (puls.workflow)
    TRANSITIONS = {
        ApplicationStatus.SUBMITTED: {ApplicationStatus.DRAFT},
        ApplicationStatus.APPROVED: {ApplicationStatus.SUBMITTED},
        ApplicationStatus.REJECTED: {ApplicationStatus.SUBMITTED},
        ApplicationStatus.WITHDRAWN: {ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED},
    }

    company = models.ForeignKey(
        Company,
        on_delete=models.PROTECT,
        related_name="subsidy_applications",
        verbose_name=_("company"),
    )
    programme = models.ForeignKey(
        SubsidyProgramme,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("programme"),
    )
    category = models.CharField(
        _("category of the persons hired"), max_length=20, choices=EligibleCategory.choices
    )
    persons = models.PositiveSmallIntegerField(
        _("number of persons hired"), default=1, validators=[MinValueValidator(1)]
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    # The terms in force on the decision date, copied so that later changes don't alter them.
    amount = models.DecimalField(
        _("monthly amount granted (RON)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    months_paid = models.PositiveSmallIntegerField(_("months paid"), null=True, blank=True)
    months_to_keep = models.PositiveSmallIntegerField(
        _("months the person must be kept employed"), null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subsidy application")
        verbose_name_plural = _("subsidy applications")
        indexes = [models.Index(fields=["company", "status"], name="subsidy_app_company_status")]
        constraints = [
            models.CheckConstraint(condition=Q(persons__gte=1), name="subsidy_app_persons"),
        ]

    def __str__(self):
        return f"{self.programme} · {self.company}"

    @property
    def is_editable(self):
        return self.status == ApplicationStatus.DRAFT


class SubsidyApplicationTransition(TransitionLog):
    application = TransitionLog.subject(SubsidyApplication, verbose_name=_("application"))
    from_status, to_status = TransitionLog.statuses(SubsidyApplication)

    class Meta(TransitionLog.Meta):
        verbose_name = _("application status change")
        verbose_name_plural = _("application status changes")


# --- Documents attached to requests -------------------------------------------------------------


class CompanyDocument(models.Model):
    """A private document a company attached to a request (a vacancy, a subsidy application, or its
    general dossier when neither is set), with the agency's review of it."""

    class Review(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        REPLACED = "replaced", _("Replaced")

    company = models.ForeignKey(
        Company, on_delete=models.CASCADE, related_name="documents", verbose_name=_("company")
    )
    document = models.OneToOneField(
        "documents.Document",
        on_delete=models.CASCADE,
        related_name="company_attachment",
        verbose_name=_("file"),
    )
    vacancy = models.ForeignKey(
        Vacancy,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("vacancy"),
    )
    application = models.ForeignKey(
        SubsidyApplication,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("subsidy application"),
    )
    requirement = models.ForeignKey(
        SubsidyDocumentRequirement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checklist item"),
    )
    title = models.CharField(_("description"), max_length=150, validators=[validate_plain_text])
    review = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.PENDING
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
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("replaces"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("company document")
        verbose_name_plural = _("company documents")
        indexes = [models.Index(fields=["company", "review"], name="company_document_review")]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(vacancy__isnull=False) & Q(application__isnull=False)),
                name="company_document_one_request",
                violation_error_message=_("A document belongs to one request."),
            ),
            models.CheckConstraint(
                condition=~Q(review="rejected") | ~Q(rejection_reason=""),
                name="company_document_rejection_has_reason",
                violation_error_message=_("A rejection needs a reason."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def request_label(self):
        if self.vacancy_id:
            return str(self.vacancy)
        if self.application_id:
            return str(self.application)
        return _("General dossier")
