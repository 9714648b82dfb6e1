"""Programme targets and milestones, online-access counters, monthly snapshots for forecasts,
generated report runs, and questionnaires defined as data with their answers."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puls.documents.models import private_storage
from puls.translated import in_active_language
from puls.validators import validate_plain_text
from puls.workflow import TransitionLog


class Indicator(models.TextChoices):
    PERSONS_SERVED = "persons_served", _("Persons who benefited from services")
    EMPLOYERS_ASSISTED = "employers_assisted", _("Employers who used services")
    VACANCIES_LOADED = "vacancies_loaded", _("Vacancies loaded")
    PERSONS_MEDIATED = "persons_mediated", _("Persons mediated on competences")
    PLACEMENTS = "placements", _("Placements")
    ONLINE_ACCESSES = "online_accesses", _("Online accesses")
    EMPLOYER_CONTACTS = "employer_contacts", _("Contacts with employers (prospecting)")


class Programme(models.Model):
    """A funded programme (SMART-SPO, eSPOR) whose targets the indicators are measured against."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    start_date = models.DateField(
        _("start date"),
        null=True,
        blank=True,
        help_text=_(
            "Month 1 of the milestone table starts here. Empty when the project's documents do "
            "not give it: its milestones then have no due date."
        ),
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), null=True, blank=True
    )

    class Meta:
        ordering = [models.F("start_date").desc(nulls_last=True), "code"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name


class Milestone(models.Model):
    """A cumulative target of one indicator to be reached by the end of a project month."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("programme")
    )
    indicator = models.CharField(_("indicator"), max_length=20, choices=Indicator.choices)
    month = models.PositiveSmallIntegerField(_("project month"))
    target = models.PositiveIntegerField(_("cumulative target"))
    note = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["programme", "indicator", "month"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "indicator", "month"],
                name="reports_milestone_once",
                violation_error_message=_("This indicator already has a milestone in that month."),
            ),
            models.CheckConstraint(condition=Q(month__gte=1), name="reports_milestone_month_1"),
        ]

    def __str__(self):
        return f"{self.programme.code} {self.indicator} M{self.month}: {self.target}"

    @property
    def due_date(self):
        """The last day of the project month (None while the programme's start is not known)."""
        start = self.programme.start_date
        if start is None:
            return None
        index = start.year * 12 + start.month - 1 + self.month
        first_next = start.replace(year=index // 12, month=index % 12 + 1, day=1)
        return first_next - datetime.timedelta(days=1)


class LiveMeasure(models.TextChoices):
    """The figures PULS counts for a programme's target (``selectors.target_figures``)."""

    CASE_MANAGEMENT = "case_management", _("Jobseekers profiled in case management")
    STAFF_TRAINED = "staff_trained", _("SPO staff trained (certificate issued)")
    STRUCTURES = "structures", _("SPO structures recorded in PULS")


class ProgrammeTarget(models.Model):
    """A target of a programme beside its monthly indicators: a condition of the financing
    agreement (SMART-SPO's conditions 1–4), the beneficiaries of a project (case management), the
    structures of its target group; as the seed states it, with how it is verified and, where PULS
    holds the data, the measure it is counted by (none: "not measured in PULS")."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="targets", verbose_name=_("programme")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    condition = models.PositiveSmallIntegerField(
        _("condition number"),
        null=True,
        blank=True,
        help_text=_("The number of the condition in the programme's documents, if it has one."),
    )
    title = models.CharField(_("target"), max_length=300, validators=[validate_plain_text])
    title_en = models.CharField(
        _("target in English"), max_length=300, blank=True, validators=[validate_plain_text]
    )
    target = models.PositiveIntegerField(
        _("figure"),
        null=True,
        blank=True,
        help_text=_("Empty for a result that is not a number (a strategy approved)."),
    )
    verification = models.TextField(_("means of verification"), max_length=2000)
    verification_en = models.TextField(
        _("means of verification in English"), max_length=2000, blank=True
    )
    measure = models.CharField(
        _("measured in PULS by"),
        max_length=20,
        choices=LiveMeasure.choices,
        blank=True,
        help_text=_("Empty when PULS does not hold the data."),
    )
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["programme_id", "position", "pk"]
        verbose_name = _("programme target")
        verbose_name_plural = _("programme targets")

    def __str__(self):
        return f"{self.programme.code}: {self.title}"

    @property
    def display_title(self):
        return in_active_language(self.title, self.title_en)

    @property
    def display_verification(self):
        return in_active_language(self.verification, self.verification_en)


class TargetStage(models.Model):
    """What a programme target asks by the end of a project month (cumulative when a figure)."""

    programme_target = models.ForeignKey(
        ProgrammeTarget, on_delete=models.CASCADE, related_name="stages", verbose_name=_("target")
    )
    month = models.PositiveSmallIntegerField(_("project month"))
    figure = models.PositiveIntegerField(_("cumulative figure"), null=True, blank=True)
    description = models.CharField(
        _("description"), max_length=300, validators=[validate_plain_text]
    )
    description_en = models.CharField(
        _("description in English"), max_length=300, blank=True, validators=[validate_plain_text]
    )

    class Meta:
        ordering = ["programme_target_id", "month"]
        verbose_name = _("target stage")
        verbose_name_plural = _("target stages")
        constraints = [
            models.UniqueConstraint(
                fields=["programme_target", "month"],
                name="reports_target_stage_once",
                violation_error_message=_("This target already has a stage in that month."),
            ),
            models.CheckConstraint(condition=Q(month__gte=1), name="reports_target_stage_month_1"),
        ]

    def __str__(self):
        return f"M{self.month}: {self.description}"

    @property
    def display_description(self):
        return in_active_language(self.description, self.description_en)


class AccessKind(models.TextChoices):
    SIGN_IN = "sign_in", _("Sign-in")
    BOOKING = "booking", _("Appointment booked online")
    VACANCY_COMMUNICATED = "vacancy", _("Vacancy communicated online")
    QUESTIONNAIRE = "questionnaire", _("Questionnaire answered")


class AccessCounter(models.Model):
    """Online accesses per day, kind and agency (no user is recorded: aggregates only)."""

    day = models.DateField(_("day"))
    kind = models.CharField(_("kind"), max_length=15, choices=AccessKind.choices)
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
    )
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("online-access counter")
        verbose_name_plural = _("online-access counters")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "agency"], name="reports_access_counter_once"
            ),
            models.UniqueConstraint(
                fields=["day", "kind"],
                condition=Q(agency__isnull=True),
                name="reports_access_counter_once_national",
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.kind} {self.agency_id or '-'}: {self.count}"


class IndicatorSnapshot(models.Model):
    """The dashboard's indicators of one scope (national, or one agency), month by month over all
    history, as the background refresh last computed them: the page reads this row instead of
    counting the live tables (``services.indicator_snapshot_refresh``)."""

    NATIONAL = "national"

    scope = models.CharField(_("scope"), max_length=20, unique=True)
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
    )
    # When the computation started: the figures count everything committed before this moment.
    computed_at = models.DateTimeField(_("computed at"))
    duration_ms = models.PositiveIntegerField(_("computation time (ms)"), default=0)
    # {"indicators": {indicator: {"2026-03": n}}, "satisfaction": {key: {"2026-03": [avg, n]}}}
    data = models.JSONField(_("figures"), default=dict)

    class Meta:
        verbose_name = _("indicators snapshot")
        verbose_name_plural = _("indicators snapshots")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="national", agency__isnull=True)
                | (~Q(scope="national") & Q(agency__isnull=False)),
                name="reports_snapshot_scope_matches_agency",
            ),
        ]

    def __str__(self):
        return f"{self.scope} @ {self.computed_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def scope_of(agency_id: int | None) -> str:
        return IndicatorSnapshot.NATIONAL if agency_id is None else f"agency-{agency_id}"


class Series(models.TextChoices):
    VACANCIES = "vacancies", _("Vacancies loaded")
    JOBSEEKERS = "jobseekers", _("Jobseekers registered")


class MonthlyStatistic(models.Model):
    """One month's count of a forecast series in one county: the history the forecasts read.

    Closed months are snapshotted from the live tables by a monthly task; the demo backfills
    older months with synthetic figures, flagged `synthetic` and labelled as such on every page.
    """

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    county = models.ForeignKey(
        "reference.County", on_delete=models.CASCADE, related_name="+", verbose_name=_("county")
    )
    series = models.CharField(_("series"), max_length=12, choices=Series.choices)
    value = models.PositiveIntegerField(_("value"))
    synthetic = models.BooleanField(_("synthetic (demo)"), default=False)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        ordering = ["series", "county", "month"]
        verbose_name = _("monthly statistic")
        verbose_name_plural = _("monthly statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "county", "series"], name="reports_monthly_statistic_once"
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="reports_monthly_statistic_first_day"
            ),
        ]

    def __str__(self):
        return f"{self.series} {self.county_id} {self.month:%Y-%m}: {self.value}"


class ReportKind(models.TextChoices):
    INDICATORS = "indicators", _("Indicators against targets")
    VACANCIES = "vacancies", _("Vacancies by occupation, county and month")
    JOBSEEKERS = "jobseekers", _("Jobseekers by status, profile level, education, age and county")
    COMPETENCE_GAP = "competence_gap", _("Competence gap per county")
    FORECASTS = "forecasts", _("Short-term forecasts (6 and 12 months)")
    MEDIUM_TERM = "medium_term", _("Medium-term projections by occupation group (3 years)")
    TOP50 = "top50", _("Top 50 occupations in demand and their competence gap")
    SATISFACTION = "satisfaction", _("Client satisfaction")
    NATIONAL_PACK = "national_pack", _("Monthly national pack")
    # ordered from the partner network's pages (reports.views.network_report_list), not by analysts
    NETWORK_ACTIVITY = "network_activity", _("Partner network activity")


def report_file_path(run, filename):
    return f"rapoarte/{run.requested_at:%Y/%m}/{run.pk}-{filename}"


class ReportRun(models.Model):
    """A report ordered for a period and scope, built by a Celery task; its files stay private."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        """Why a run failed, worded for the person who ordered it (the details are in the logs)."""

        BUILD = (
            "build",
            _(
                "The report could not be built. Order it again; if it fails again, tell the PULS "
                "administrators."
            ),
        )
        STALLED = (
            "stalled",
            _(
                "The report stopped while it was being built and retrying it did not help. Order it "
                "again; if it fails again, tell the PULS administrators."
            ),
        )
        NOT_STARTED = (
            "not_started",
            _(
                "The report could not be started: the task queue did not take it. Order it again later."
            ),
        )

    kind = models.CharField(_("report"), max_length=16, choices=ReportKind.choices)
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
        help_text=_("Empty: national."),
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    # The requester's language when ordered: the worker builds the files in it (scheduled
    # runs: the portal's language).
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    scheduled = models.BooleanField(_("scheduled (beat)"), default=False)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    step = models.CharField(_("step"), max_length=100, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    failure = models.CharField(_("failure"), max_length=12, choices=Failure.choices, blank=True)
    # Recovery (reports.services.report_runs_recover): how many times the run was queued, when
    # it was last queued, and when its build last recorded progress.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    heartbeat_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    pdf = models.FileField(
        _("PDF"), upload_to=report_file_path, storage=private_storage, blank=True
    )
    xlsx = models.FileField(
        _("XLSX"), upload_to=report_file_path, storage=private_storage, blank=True
    )
    csv = models.FileField(
        _("CSV"), upload_to=report_file_path, storage=private_storage, blank=True
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("generated report")
        verbose_name_plural = _("generated reports")
        indexes = [models.Index(fields=["agency", "-requested_at"], name="reports_run_agency")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="reports_run_period_in_order",
                violation_error_message=_("The end of the period must not be before its start."),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="reports_run_progress_percent"
            ),
            models.UniqueConstraint(
                fields=["kind", "period_start", "period_end"],
                condition=Q(scheduled=True, agency__isnull=True),
                name="reports_run_scheduled_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_start}–{self.period_end}"

    @property
    def is_active(self):
        return self.status in {self.Status.PENDING, self.Status.RUNNING}


def _scores_1_to_5(*fields: str) -> Q:
    """The condition of a questionnaire's check constraint: each of ``fields`` is a score 1–5."""
    return Q(**{f"{field}__gte": 1 for field in fields}, **{f"{field}__lte": 5 for field in fields})


class JobseekerSatisfaction(models.Model):
    """A jobseeker's short questionnaire after an attended appointment or a proposal outcome."""

    profile = models.ForeignKey(
        "jobseekers.JobseekerProfile",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    agency = models.ForeignKey(
        "reference.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    booking = models.OneToOneField(
        "jobseekers.Booking",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("appointment"),
    )
    proposal = models.OneToOneField(
        "mediation.Proposal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposal"),
    )
    overall = models.PositiveSmallIntegerField(_("overall satisfaction (1–5)"))
    helpfulness = models.PositiveSmallIntegerField(_("how useful the help was (1–5)"))
    ease_of_use = models.PositiveSmallIntegerField(_("how easy the platform was to use (1–5)"))
    would_recommend = models.BooleanField(_("would recommend the agency"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("jobseeker questionnaire")
        verbose_name_plural = _("jobseeker questionnaires")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(booking__isnull=False, proposal__isnull=True)
                    | Q(booking__isnull=True, proposal__isnull=False)
                ),
                name="reports_satisfaction_one_subject",
            ),
            models.CheckConstraint(
                condition=_scores_1_to_5("overall", "helpfulness", "ease_of_use"),
                name="reports_satisfaction_scores_1_5",
            ),
        ]

    def __str__(self):
        return f"{self.profile_id} {self.answered_at:%Y-%m-%d}: {self.overall}"


class EmployerSubsidySatisfaction(models.Model):
    """An employer representative's short questionnaire after a subsidy application is decided
    (approved or rejected): one per application, whoever of the company answers first."""

    application = models.OneToOneField(
        "employers.SubsidyApplication",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("subsidy application"),
    )
    agency = models.ForeignKey(
        "reference.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    overall = models.PositiveSmallIntegerField(_("overall satisfaction (1–5)"))
    clarity = models.PositiveSmallIntegerField(
        _("how clear the procedure and the decision were (1–5)")
    )
    ease_of_use = models.PositiveSmallIntegerField(_("how easy the platform was to use (1–5)"))
    would_recommend = models.BooleanField(_("would apply through the agency again"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("employer questionnaire after a subsidy decision")
        verbose_name_plural = _("employer questionnaires after a subsidy decision")
        constraints = [
            models.CheckConstraint(
                condition=_scores_1_to_5("overall", "clarity", "ease_of_use"),
                name="reports_subsidy_satisfaction_scores_1_5",
            ),
        ]

    def __str__(self):
        return f"{self.application_id} {self.answered_at:%Y-%m-%d}: {self.overall}"


# --- questionnaires defined as data (the engine: reports.services.questionnaire_answer) ---------


class Audience(models.TextChoices):
    EMPLOYERS = "employers", _("Employers")
    JOBSEEKERS = "jobseekers", _("Jobseekers")
    BOTH = "both", _("Employers and jobseekers")


class Recurrence(models.TextChoices):
    """How often a respondent answers: once, or once in each year / quarter / month."""

    ONCE = "once", _("Once")
    YEARLY = "yearly", _("Once a year")
    QUARTERLY = "quarterly", _("Once a quarter")
    MONTHLY = "monthly", _("Once a month")


class Sector(models.TextChoices):
    """The sections of CAEN Rev. 2 (NACE Rev. 2), by which employers' answers are reported."""

    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, steam and air conditioning supply")
    E = "E", _("Water supply, sewerage, waste management")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade, repair of motor vehicles")
    H = "H", _("Transport and storage")
    I = "I", _("Hotels and restaurants")  # noqa: E741  # the section's letter
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Professional, scientific and technical activities")
    N = "N", _("Administrative and support service activities")
    O = "O", _("Public administration and defence")  # noqa: E741  # the section's letter
    P = "P", _("Education")
    Q = "Q", _("Human health and social work activities")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = "T", _("Activities of households as employers")
    U = "U", _("Activities of extraterritorial organisations")

    @classmethod
    def of_caen(cls, caen_code: str) -> str:
        """The section of a 4-digit CAEN code ("" when the code is missing or unknown)."""
        division = int(caen_code[:2]) if caen_code[:2].isdigit() else 0
        for last_division, section in _CAEN_SECTIONS:
            if division <= last_division:
                return section if division >= _CAEN_FIRST_DIVISION[section] else ""
        return ""


# The last division of each section, in order, and the first: CAEN Rev. 2 leaves gaps (04, 34…).
_CAEN_SECTIONS = [
    (3, "A"), (9, "B"), (33, "C"), (35, "D"), (39, "E"), (43, "F"), (47, "G"), (53, "H"),
    (56, "I"), (63, "J"), (66, "K"), (68, "L"), (75, "M"), (82, "N"), (84, "O"), (85, "P"),
    (88, "Q"), (93, "R"), (96, "S"), (98, "T"), (99, "U"),
]  # fmt: skip
_CAEN_FIRST_DIVISION = {
    "A": 1, "B": 5, "C": 10, "D": 35, "E": 36, "F": 41, "G": 45, "H": 49, "I": 55, "J": 58,
    "K": 64, "L": 68, "M": 69, "N": 77, "O": 84, "P": 85, "Q": 86, "R": 90, "S": 94, "T": 97,
    "U": 99,
}  # fmt: skip


class Questionnaire(models.Model):
    """A questionnaire defined as data by national administrators (in the admin): its questions,
    who answers it and how often. Draft while it is written, open while people answer it."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("questionnaire", "Draft")
        OPEN = "open", pgettext_lazy("questionnaire", "Open")
        CLOSED = "closed", pgettext_lazy("questionnaire", "Closed")

    TRANSITIONS = {
        Status.OPEN: {Status.DRAFT, Status.CLOSED},
        Status.CLOSED: {Status.OPEN},
    }

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    title_en = models.CharField(
        _("title in English"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    introduction = models.TextField(_("introduction"), blank=True, max_length=2000)
    introduction_en = models.TextField(_("introduction in English"), blank=True, max_length=2000)
    audience = models.CharField(_("answered by"), max_length=10, choices=Audience.choices)
    recurrence = models.CharField(
        _("how often"), max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(
        _("open until"), null=True, blank=True, help_text=_("Empty: until it is closed.")
    )
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-opens_on", "code"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True) | Q(closes_on__gte=models.F("opens_on")),
                name="reports_questionnaire_period_in_order",
                violation_error_message=_("The end of the period must not be before its start."),
            ),
        ]

    def __str__(self):
        return self.title

    def is_answerable_on(self, day: datetime.date) -> bool:
        return (
            self.status == self.Status.OPEN
            and self.opens_on <= day
            and (self.closes_on is None or day <= self.closes_on)
        )

    def period_of(self, day: datetime.date) -> str:
        """The period a respondent's answer of ``day`` belongs to: one answer in each."""
        if self.recurrence == Recurrence.YEARLY:
            return f"{day.year}"
        if self.recurrence == Recurrence.QUARTERLY:
            return f"{day.year}-T{(day.month - 1) // 3 + 1}"
        if self.recurrence == Recurrence.MONTHLY:
            return f"{day:%Y-%m}"
        return "once"


class QuestionnaireTransition(TransitionLog):
    questionnaire = TransitionLog.subject(Questionnaire, verbose_name=_("questionnaire"))
    from_status, to_status = TransitionLog.statuses(Questionnaire)

    class Meta(TransitionLog.Meta):
        verbose_name = _("questionnaire status change")
        verbose_name_plural = _("questionnaire status changes")


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale 1–5")
        YES_NO = "yes_no", _("Yes or no")
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        TEXT = "text", _("Free text")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("questionnaire"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    area = models.CharField(
        _("area"),
        max_length=150,
        blank=True,
        validators=[validate_plain_text],
        help_text=_("Questions of the same area are shown together, under its name."),
    )
    area_en = models.CharField(
        _("area in English"), max_length=150, blank=True, validators=[validate_plain_text]
    )
    text = models.CharField(_("question"), max_length=300, validators=[validate_plain_text])
    text_en = models.CharField(
        _("question in English"), max_length=300, blank=True, validators=[validate_plain_text]
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["questionnaire", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "position"],
                name="reports_question_position_once",
                violation_error_message=_("Another question has this position."),
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"

    @property
    def field_name(self) -> str:
        """The name of its field in the answer form (and of its answer in the service)."""
        return f"q{self.pk}"


class Option(models.Model):
    """One of the answers a choice question offers."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("answer"), max_length=200, validators=[validate_plain_text])
    text_en = models.CharField(
        _("answer in English"), max_length=200, blank=True, validators=[validate_plain_text]
    )

    class Meta:
        ordering = ["question", "position"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "position"], name="reports_option_position_once"
            ),
        ]

    def __str__(self):
        return self.text


class QuestionnaireResponse(models.Model):
    """One respondent's answers to a questionnaire in one period, with the county, agency and
    sector of the moment (the report groups by them, whatever changes later)."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        related_name="responses",
        verbose_name=_("questionnaire"),
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    company = models.ForeignKey(
        "employers.Company",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("company"),
    )
    profile = models.ForeignKey(
        "jobseekers.JobseekerProfile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    period = models.CharField(_("period"), max_length=10)
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
    )
    county = models.ForeignKey(
        "reference.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county"),
    )
    sector = models.CharField(_("sector"), max_length=1, choices=Sector.choices, blank=True)
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        ordering = ["-answered_at"]
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        indexes = [
            models.Index(fields=["questionnaire", "answered_at"], name="reports_response_when"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "respondent", "period"],
                condition=Q(respondent__isnull=False),
                name="reports_response_once_per_period",
                violation_error_message=_("You have already answered this questionnaire."),
            ),
        ]

    def __str__(self):
        return f"{self.questionnaire.code} {self.period} {self.answered_at:%Y-%m-%d}"


class Answer(models.Model):
    """The answer to one question: a score (1–5), yes (1) or no (0), options, or a text."""

    response = models.ForeignKey(
        QuestionnaireResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("questionnaire answer"),
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    number = models.PositiveSmallIntegerField(_("score or yes/no"), null=True, blank=True)
    options = models.ManyToManyField(
        Option, blank=True, related_name="answers", verbose_name=_("options chosen")
    )
    text = models.TextField(_("text"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="reports_answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__lte=5),
                name="reports_answer_number_0_5",
            ),
        ]

    def __str__(self):
        return f"{self.response_id} {self.question_id}"
