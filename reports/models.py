"""Programme targets and milestones, online-access counters, monthly snapshots for forecasts, and
generated report runs."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puls.documents.models import private_storage
from puls.validators import validate_plain_text


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
        _("start date"), help_text=_("Month 1 of the milestone table starts here.")
    )
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"))

    class Meta:
        ordering = ["-start_date", "code"]
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
        """The last day of the project month."""
        start = self.programme.start_date
        index = start.year * 12 + start.month - 1 + self.month
        first_next = start.replace(year=index // 12, month=index % 12 + 1, day=1)
        return first_next - datetime.timedelta(days=1)


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
