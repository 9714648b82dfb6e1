"""Case management: the counsellor's side of a jobseeker's file (Law 76/2002 art. 58–60).

This app holds what a counsellor does *with* a person over time: who owns the case, the
employability profiling (factors and weights are data, editable by the national analyst), the
individual mediation plan with its measures, the log of interventions, mediation groups and their
sessions, and referrals to partner organisations. Matching people to vacancies and the proposal
workflow stay in ``mediation/``; the person's own data stays in ``jobseekers/``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puls.reference.choices import EmployabilityLevel
from puls.translated import in_active_language
from puls.validators import validate_plain_text
from puls.workflow import TransitionLog


class CaseFile(models.Model):
    """One per jobseeker: the case owner and the current employability level.

    Other apps read the level from here (``casework.selectors.current_levels_for``)."""

    profile = models.OneToOneField(
        "jobseekers.JobseekerProfile",
        on_delete=models.CASCADE,
        related_name="case_file",
        verbose_name=_("person"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_cases",
        verbose_name=_("case owner"),
    )
    level = models.CharField(
        _("employability level"), max_length=10, choices=EmployabilityLevel.choices, blank=True
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        indexes = [models.Index(fields=["owner", "level"], name="casework_owner_level")]

    def __str__(self):
        return _("Case file #%(pk)s") % {"pk": self.pk}

    @property
    def plan_status_label(self):
        """The status of the latest plan, on a case read through ``selectors.caseload_of``."""
        status = getattr(self, "plan_status", None)
        return PlanStatus(status).label if status else ""


class OwnerAssignment(TransitionLog):
    """The history of who owned a case: every assignment and reassignment."""

    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="assignments")
    from_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("case owner change")
        verbose_name_plural = _("case owner changes")


# --- Profiling ------------------------------------------------------------------------------------


class ProfilingFactor(models.Model):
    """One question of the profiling questionnaire, with its weight. Data, not code: the national
    analyst edits weights, points and level thresholds without a release."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("question"), max_length=200)
    label_en = models.CharField(_("question in English"), max_length=200, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=4,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("profiling factor")
        verbose_name_plural = _("profiling factors")

    def __str__(self):
        return self.display_label

    @property
    def display_label(self):
        """The question in the reader's language (puls.translated)."""
        return in_active_language(self.label, self.label_en)


class ProfilingOption(models.Model):
    """One answer to a factor; more points mean further from the labour market."""

    factor = models.ForeignKey(ProfilingFactor, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("answer"), max_length=200)
    label_en = models.CharField(_("answer in English"), max_length=200, blank=True)
    points = models.PositiveSmallIntegerField(_("points"), validators=[MaxValueValidator(10)])
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # What the dossier says, in the words of ``casework.prefill`` (``age_18_24``, ``higher``…):
    # the answer proposed when the facts match. Empty for answers PULS cannot know.
    prefill_code = models.SlugField(_("prefill code"), max_length=40, blank=True)

    class Meta:
        ordering = ["factor", "order", "pk"]
        verbose_name = _("profiling answer")
        verbose_name_plural = _("profiling answers")

    def __str__(self):
        return self.display_label

    @property
    def display_label(self):
        return in_active_language(self.label, self.label_en)


class LevelThreshold(models.Model):
    """The lowest weighted score at which a level starts (the easiest level starts at 0)."""

    level = models.CharField(
        _("level"), max_length=10, choices=EmployabilityLevel.choices, unique=True
    )
    min_score = models.DecimalField(
        _("from score"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["min_score"]
        verbose_name = _("level threshold")
        verbose_name_plural = _("level thresholds")

    def __str__(self):
        return f"{self.get_level_display()} ≥ {self.min_score}"


class ProfilingResult(models.Model):
    """One profiling, kept for ever: the answers with the weights of that day, the score, the
    computed level and, when the counsellor disagreed, the override with its reason."""

    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="profilings")
    answers = models.JSONField(
        _("answers"),
        default=list,
        help_text=_("Per factor: code, question, answer, points, weight and contribution."),
    )
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2)
    computed_level = models.CharField(
        _("computed level"), max_length=10, choices=EmployabilityLevel.choices
    )
    override_level = models.CharField(
        _("level set by the counsellor"),
        max_length=10,
        choices=EmployabilityLevel.choices,
        blank=True,
    )
    override_reason = models.TextField(_("reason for the override"), blank=True, max_length=2000)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overridden_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("profiled by"),
    )
    created_at = models.DateTimeField(_("profiled at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("profiling")
        verbose_name_plural = _("profilings")
        constraints = [
            models.CheckConstraint(
                condition=Q(override_level="") | ~Q(override_reason=""),
                name="casework_override_has_reason",
                violation_error_message=_("An override needs a written reason."),
            ),
        ]

    def __str__(self):
        return f"{self.get_level_display()} ({self.created_at:%Y-%m-%d})"

    @property
    def level(self):
        return self.override_level or self.computed_level

    def get_level_display(self):
        return EmployabilityLevel(self.level).label

    def deciding_factors(self):
        """The answers that weighed most, heaviest first (those with a contribution)."""
        return sorted(
            (a for a in self.answers if float(a["contribution"]) > 0),
            key=lambda a: -float(a["contribution"]),
        )


# --- Individual mediation plan --------------------------------------------------------------------


class MeasureType(models.Model):
    """The catalogue of measures a plan is made of (data: agencies may add measures)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    is_referral = models.BooleanField(_("referral to a partner organisation"), default=False)
    # The competences a training measure teaches: "Jobs that fit me" links a competence a vacancy
    # asks for and the person lacks to the measures that teach it.
    skills = models.ManyToManyField(
        "reference.Skill",
        blank=True,
        related_name="taught_by_measures",
        verbose_name=_("competences it teaches"),
    )
    active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("measure type")
        verbose_name_plural = _("measure catalogue")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The measure's name in the reader's language (puls.translated)."""
        return in_active_language(self.name, self.name_en)

    @property
    def display_description(self):
        return in_active_language(self.description, self.description_en)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Waiting for the person's acknowledgement")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged by the person")
    CLOSED = "closed", _("Closed")


class Plan(models.Model):
    """The individual mediation plan (Law 76/2002 art. 60) of a case; one open plan at a time."""

    OPEN_STATUSES = (PlanStatus.DRAFT, PlanStatus.ISSUED, PlanStatus.ACKNOWLEDGED)
    # to: {from} (puls.workflow); an acknowledged plan given a new measure is issued again
    TRANSITIONS = {
        PlanStatus.ISSUED: {PlanStatus.DRAFT, PlanStatus.ACKNOWLEDGED},
        PlanStatus.ACKNOWLEDGED: {PlanStatus.ISSUED},
        PlanStatus.CLOSED: set(OPEN_STATUSES),
    }
    TRANSITION_REFUSALS = {
        PlanStatus.ISSUED: _("Only a draft plan can be given to the person."),
        PlanStatus.ACKNOWLEDGED: _("This plan is not waiting for your acknowledgement."),
        PlanStatus.CLOSED: _("This plan is already closed."),
    }

    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="plans")
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    goal = models.TextField(_("employment goal"), max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("drawn up by"),
    )
    created_at = models.DateTimeField(_("drawn up at"), default=timezone.now)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("individual mediation plan")
        verbose_name_plural = _("individual mediation plans")
        constraints = [
            models.UniqueConstraint(
                fields=["case_file"],
                condition=~Q(status="closed"),
                name="casework_one_open_plan",
                violation_error_message=_("This person already has an open plan."),
            ),
        ]

    def __str__(self):
        return _("Individual mediation plan #%(pk)s") % {"pk": self.pk}


class PlanTransition(TransitionLog):
    plan = TransitionLog.subject(Plan)
    from_status, to_status = TransitionLog.statuses(Plan)

    class Meta(TransitionLog.Meta):
        verbose_name = _("plan status change")
        verbose_name_plural = _("plan status changes")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class PlanMeasureQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=PlanMeasure.OPEN_STATUSES)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(deadline__lt=today).exclude(plan__status=PlanStatus.CLOSED)


class PlanMeasure(models.Model):
    """One action of a plan: a measure of the catalogue, who does it, by when, and its outcome."""

    OPEN_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)
    # to: {from} (puls.workflow)
    TRANSITIONS = {
        MeasureStatus.IN_PROGRESS: {MeasureStatus.PLANNED},
        MeasureStatus.DONE: set(OPEN_STATUSES),
        MeasureStatus.CANCELLED: set(OPEN_STATUSES),
    }
    TRANSITION_REFUSALS = {
        MeasureStatus.IN_PROGRESS: _("Only a planned measure can start."),
        MeasureStatus.DONE: _("This measure is already finished."),
        MeasureStatus.CANCELLED: _("This measure is already finished."),
    }

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    measure_type = models.ForeignKey(
        MeasureType, on_delete=models.PROTECT, related_name="+", verbose_name=_("measure")
    )
    details = models.CharField(_("details"), max_length=300, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="responsible_measures",
        verbose_name=_("responsible person"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    outcome = models.TextField(_("outcome"), blank=True, max_length=2000)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PlanMeasureQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("plan measure")
        verbose_name_plural = _("plan measures")
        indexes = [models.Index(fields=["status", "deadline"], name="casework_measure_due")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(outcome=""),
                name="casework_done_measure_has_outcome",
                violation_error_message=_("A measure done needs its outcome."),
            ),
        ]

    def __str__(self):
        return f"{self.measure_type} · {self.deadline}"

    @property
    def is_overdue(self):
        return self.status in self.OPEN_STATUSES and self.deadline < timezone.localdate()


class MeasureTransition(TransitionLog):
    measure = TransitionLog.subject(PlanMeasure)
    from_status, to_status = TransitionLog.statuses(PlanMeasure)

    class Meta(TransitionLog.Meta):
        verbose_name = _("measure status change")
        verbose_name_plural = _("measure status changes")


class DigestDelivery(models.Model):
    """A weekly digest sent to a counsellor: one row per counsellor and week, checked first."""

    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    week_start = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    overdue_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["counsellor", "week_start"], name="casework_digest_once_a_week"
            )
        ]

    def __str__(self):
        return f"{self.counsellor_id} · {self.week_start}"


# --- Interventions --------------------------------------------------------------------------------


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    ONLINE = "online", _("Online")
    MOBILE_TEAM = "mobile_team", _("Mobile team")


class InterventionKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    COUNSELLING = "counselling", _("Counselling")
    MEDIATION = "mediation", _("Mediation")
    FOLLOW_UP = "follow_up", _("Follow-up")
    OUTREACH = "outreach", _("Outreach")


class Intervention(models.Model):
    """One contact with the person. A sensitive note is read only by the case owner and the
    agency administrator, and every read of it is audited."""

    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="interventions")
    happened_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    kind = models.CharField(_("type"), max_length=12, choices=InterventionKind.choices)
    note = models.TextField(_("note"), max_length=2000)
    sensitive = models.BooleanField(
        _("sensitive counselling note"),
        default=False,
        help_text=_("Only the case owner and the agency administrator can read it."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-happened_on", "-pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")

    def __str__(self):
        return _("Intervention #%(pk)s") % {"pk": self.pk}

    def clean(self):
        if self.happened_on and self.happened_on > timezone.localdate():
            raise ValidationError({"happened_on": _("The date cannot be in the future.")})


# --- Mediation groups (seed 004) ------------------------------------------------------------------


class MediationGroup(models.Model):
    """Jobseekers of one agency grouped by professional experience and career options."""

    agency = models.ForeignKey(
        "reference.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    name = models.CharField(_("name"), max_length=150, validators=[validate_plain_text])
    description = models.TextField(_("what brings them together"), blank=True, max_length=2000)
    members = models.ManyToManyField(
        "jobseekers.JobseekerProfile",
        blank=True,
        related_name="mediation_groups",
        verbose_name=_("members"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mediation group")
        verbose_name_plural = _("mediation groups")

    def __str__(self):
        return self.name


class GroupSession(models.Model):
    """A job club, a meeting with one or several employers, or a job fair, for one group."""

    class Kind(models.TextChoices):
        JOB_CLUB = "job_club", _("Job club")
        EMPLOYER_MEETING = "employer_meeting", _("Meeting with employers")
        JOB_FAIR = "job_fair", _("Job fair")

    group = models.ForeignKey(MediationGroup, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200)
    invited_companies = models.ManyToManyField(
        "employers.Company", blank=True, related_name="+", verbose_name=_("invited employers")
    )
    proposals = models.ManyToManyField(
        "mediation.Proposal",
        blank=True,
        related_name="+",
        verbose_name=_("proposals that came from the session"),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")

    def __str__(self):
        return f"{self.get_kind_display()} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"


class Attendance(models.Model):
    session = models.ForeignKey(GroupSession, on_delete=models.CASCADE, related_name="attendances")
    profile = models.ForeignKey(
        "jobseekers.JobseekerProfile", on_delete=models.CASCADE, related_name="+"
    )
    attended = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "profile"], name="casework_attendance_once")
        ]

    def __str__(self):
        return f"{self.session_id} · {self.profile_id}: {self.attended}"


# --- Referrals to the partner network (seed 002) --------------------------------------------------


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Waiting for the organisation's answer")
    ACCEPTED = "accepted", _("Accepted by the organisation")
    DECLINED = "declined", _("Declined by the organisation")
    COMPLETED = "completed", _("Completed")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")
    WITHDRAWN = "withdrawn", _("Withdrawn by the counsellor")


class Referral(models.Model):
    """A client referred to an organisation of the partner network, and what came of it.

    The organisation's representatives answer it in PULS (accept or decline, then report the
    outcome); for an organisation with no representative in PULS the counsellor records the
    outcome they learnt of (``casework.services.referral_record_result``)."""

    class Purpose(models.TextChoices):
        OUTREACH = "outreach", _("Outreach and support")
        OUTPLACEMENT = "outplacement", _("Outplacement")

    OPEN_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)
    ENDED_STATUSES = (ReferralStatus.COMPLETED, ReferralStatus.NOT_TAKEN_UP)
    # to: {from} (puls.workflow). An outcome straight from "sent" is the counsellor's record for
    # an organisation that does not answer in PULS.
    TRANSITIONS = {
        ReferralStatus.ACCEPTED: {ReferralStatus.SENT},
        ReferralStatus.DECLINED: {ReferralStatus.SENT},
        ReferralStatus.WITHDRAWN: {ReferralStatus.SENT},
        ReferralStatus.COMPLETED: set(OPEN_STATUSES),
        ReferralStatus.NOT_TAKEN_UP: set(OPEN_STATUSES),
    }
    TRANSITION_REFUSALS = {
        ReferralStatus.ACCEPTED: _("This referral has already been answered."),
        ReferralStatus.DECLINED: _("This referral has already been answered."),
        ReferralStatus.WITHDRAWN: _(
            "Only a referral still waiting for an answer can be withdrawn."
        ),
        ReferralStatus.COMPLETED: _("The outcome of this referral is already recorded."),
        ReferralStatus.NOT_TAKEN_UP: _("The outcome of this referral is already recorded."),
    }

    case_file = models.ForeignKey(CaseFile, on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partner organisation"),
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    note = models.CharField(_("note for the organisation"), max_length=500, blank=True)
    contact = models.CharField(
        _("contact the person gives the organisation"),
        max_length=200,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("A phone number or an e-mail address the person agreed to share."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)
    result = models.TextField(_("outcome"), blank=True, max_length=2000)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    referred_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("outcome recorded by"),
    )
    closed_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["-referred_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["organisation", "status"], name="casework_referral_received")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="casework_declined_referral_has_reason",
                violation_error_message=_("A declined referral needs the reason."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["completed", "not_taken_up"]) | ~Q(result=""),
                name="casework_ended_referral_has_outcome",
                violation_error_message=_("An ended referral needs its outcome."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_status_display()}"

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @property
    def shares_person(self):
        """Whether the organisation still sees who the person is: not once it declined the
        referral or the counsellor withdrew it (it has no use for the person's data then)."""
        return self.status not in (ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN)


class ReferralTransition(TransitionLog):
    referral = TransitionLog.subject(Referral)
    from_status, to_status = TransitionLog.statuses(Referral)

    class Meta(TransitionLog.Meta):
        verbose_name = _("referral status change")
        verbose_name_plural = _("referral status changes")
