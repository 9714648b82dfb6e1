"""Reads for indicators and labour-market analyses, narrowed to what the user may see."""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear, Substr, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.models import CaseFile
from employers.models import (
    ApplicationStatus,
    Company,
    CompanySize,
    EmployerContact,
    SatisfactionResponse,
    SubsidyApplication,
    Vacancy,
    VacancySkill,
)
from employers.selectors import companies_of
from jobseekers.models import (
    AccountState,
    Booking,
    BookingStatus,
    Education,
    JobseekerProfile,
    LabourStatus,
    SkillAssessment,
    VulnerabilityDeclaration,
    VulnerableGroup,
)
from mediation.models import Proposal, ProposalStatus
from puls.accounts.models import Role, User
from puls.collation import RomanianOrder, romanian_key
from puls.formatting import month_year
from puls.reference.choices import EducationLevel, EmployabilityLevel
from puls.reference.labels import concept_label
from puls.reference.models import Agency, County, IscoGroup, Skill, TrainingCentre
from puls.translated import in_active_language
from stafftraining.selectors import staff_trained

from .models import (
    AccessCounter,
    Answer,
    Audience,
    EmployerSubsidySatisfaction,
    Indicator,
    IndicatorSnapshot,
    JobseekerSatisfaction,
    LiveMeasure,
    MonthlyStatistic,
    Option,
    Programme,
    ProgrammeTarget,
    Question,
    Questionnaire,
    QuestionnaireResponse,
    ReportKind,
    ReportRun,
    Sector,
)
from .tables import SUPPRESSION_THRESHOLD, Column, Table, suppress

# --- scope ---------------------------------------------------------------------------------


def agencies_visible_to(user: User) -> QuerySet[Agency]:
    """National roles see every agency; an agency admin only their own."""
    if user.has_national_scope:
        return Agency.objects.select_related("county").order_by(RomanianOrder("county__name"))
    if user.agency_id is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk=user.agency_id).select_related("county")


def reports_visible_to(user: User) -> QuerySet[ReportRun]:
    """The statistical reports of the user's scope (the network's are on the network's pages)."""
    runs = ReportRun.objects.select_related("agency", "requested_by").exclude(
        kind=ReportKind.NETWORK_ACTIVITY
    )
    if user.has_national_scope:
        return runs
    return runs.filter(agency=user.agency_id)


def network_activity_reports() -> QuerySet[ReportRun]:
    """Every partner-network activity report: network readers all see them (network pages)."""
    return ReportRun.objects.filter(kind=ReportKind.NETWORK_ACTIVITY).select_related("requested_by")


def programmes() -> QuerySet[Programme]:
    return Programme.objects.prefetch_related("milestones")


# --- months --------------------------------------------------------------------------------


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    months, month = [], month_start(start)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def aware_bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """[start 00:00, end+1 00:00) in the local time zone."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), zone),
        timezone.make_aware(
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), zone
        ),
    )


def _as_month(value: datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _monthly(queryset: QuerySet[Any], field: str, aggregate: Any) -> Counter[datetime.date]:
    rows = (
        queryset.annotate(bucket=TruncMonth(field))
        .values("bucket")
        .annotate(value=aggregate)
        .order_by()
    )
    counts: Counter[datetime.date] = Counter()
    for row in rows:
        if row["bucket"] is not None:
            counts[_as_month(row["bucket"])] += row["value"] or 0
    return counts


# --- indicators ----------------------------------------------------------------------------


def _indicator_querysets(
    agency: Agency | None, since: datetime.datetime, until: datetime.datetime
) -> tuple[QuerySet[Any], ...]:
    county = agency.county_id if agency else None
    profiles = JobseekerProfile.objects.filter(registered_at__gte=since, registered_at__lt=until)
    companies = Company.objects.filter(
        status=Company.Status.VERIFIED, verified_at__gte=since, verified_at__lt=until
    )
    vacancies = Vacancy.objects.filter(communicated_at__gte=since, communicated_at__lt=until)
    proposals = Proposal.objects.all()
    hired = Proposal.objects.filter(
        status=ProposalStatus.HIRED, hired_on__gte=since.date(), hired_on__lt=until.date()
    )
    accesses = AccessCounter.objects.filter(day__gte=since.date(), day__lt=until.date())
    if agency:
        profiles = profiles.filter(agency=agency)
        companies = companies.filter(county_id=county)
        vacancies = vacancies.filter(county_id=county)
        proposals = proposals.filter(agency=agency)
        hired = hired.filter(agency=agency)
        accesses = accesses.filter(agency=agency)
    return profiles, companies, vacancies, proposals, hired, accesses


def indicator_monthly(
    *, agency: Agency | None, start: datetime.date, end: datetime.date
) -> dict[str, Counter[datetime.date]]:
    """{indicator: Counter(month -> count)} for [start, end] (dates), one query per indicator."""
    since, until = aware_bounds(start, end)
    profiles, companies, vacancies, proposals, hired, accesses = _indicator_querysets(
        agency, since, until
    )
    first_proposals = (
        proposals.values("profile_id")
        .annotate(first=Min("created_at"))
        .filter(first__gte=since, first__lt=until)
        .values_list("first", flat=True)
    )
    mediated = Counter(_as_month(first) for first in first_proposals)
    contacts = EmployerContact.objects.filter(
        contacted_on__gte=since.date(), contacted_on__lt=until.date()
    )
    if agency:
        contacts = contacts.filter(agency=agency)
    return {
        Indicator.PERSONS_SERVED: _monthly(profiles, "registered_at", Count("id")),
        Indicator.EMPLOYERS_ASSISTED: _monthly(companies, "verified_at", Count("id")),
        Indicator.VACANCIES_LOADED: _monthly(vacancies, "communicated_at", Count("id")),
        Indicator.PERSONS_MEDIATED: mediated,
        Indicator.PLACEMENTS: _monthly(hired, "hired_on", Count("id")),
        Indicator.ONLINE_ACCESSES: _monthly(accesses, "day", Sum("count")),
        Indicator.EMPLOYER_CONTACTS: _monthly(contacts, "contacted_on", Count("id")),
    }


def satisfaction_monthly(
    *, agency: Agency | None, start: datetime.date, end: datetime.date
) -> dict[str, Any]:
    """Average overall score (1–5) and number of answers per month, employers and jobseekers."""
    since, until = aware_bounds(start, end)
    employers = SatisfactionResponse.objects.filter(answered_at__gte=since, answered_at__lt=until)
    jobseekers = JobseekerSatisfaction.objects.filter(answered_at__gte=since, answered_at__lt=until)
    subsidies = EmployerSubsidySatisfaction.objects.filter(
        answered_at__gte=since, answered_at__lt=until
    )
    if agency:
        employers = employers.filter(vacancy__county_id=agency.county_id)
        jobseekers = jobseekers.filter(agency=agency)
        subsidies = subsidies.filter(agency=agency)
    result = {}
    for key, queryset in (
        ("employers", employers),
        ("jobseekers", jobseekers),
        ("employers_subsidy", subsidies),
    ):
        rows = (
            queryset.annotate(bucket=TruncMonth("answered_at"))
            .values("bucket")
            .annotate(score=Avg("overall"), answers=Count("id"))
            .order_by("bucket")
        )
        result[key] = {_as_month(row["bucket"]): (row["score"], row["answers"]) for row in rows}
    # Employers answer after a vacancy closes or after a subsidy decision: both count as theirs.
    vacancy_answers = result.pop("employers")
    result["employers_subsidy"] = subsidy_answers = result.pop("employers_subsidy")
    result["employers"] = {}
    for month in sorted(set(vacancy_answers) | set(subsidy_answers)):
        parts = [part for part in (vacancy_answers.get(month), subsidy_answers.get(month)) if part]
        answers = sum(n for _score, n in parts)
        result["employers"][month] = (sum(score * n for score, n in parts) / answers, answers)
    return result


def dashboard(
    *, agency: Agency | None, programme: Programme | None, start: datetime.date, end: datetime.date
) -> dict[str, Any]:
    """Monthly series, cumulative totals and the programme's milestones with what was reached,
    counted now from the live tables (reports; the page reads ``dashboard_from_snapshot``)."""
    first = min(start, programme.start_date) if programme and programme.start_date else start
    return _dashboard(
        indicator_monthly(agency=agency, start=first, end=end),
        satisfaction_monthly(agency=agency, start=start, end=end),
        programme=programme,
        start=start,
        end=end,
    )


# Where the snapshot's history begins: before any data PULS holds.
HISTORY_START = datetime.date(2000, 1, 1)


def _month_key(month: datetime.date) -> str:
    return month.strftime("%Y-%m")


def _key_month(key: str) -> datetime.date:
    year, month = key.split("-")
    return datetime.date(int(year), int(month), 1)


def indicator_history(*, agency: Agency | None) -> dict[str, Any]:
    """Every month's indicators and satisfaction of the scope, from the live tables, in the form
    an ``IndicatorSnapshot`` stores (JSON: months as "YYYY-MM")."""
    today = timezone.localdate()
    monthly = indicator_monthly(agency=agency, start=HISTORY_START, end=today)
    satisfaction = satisfaction_monthly(agency=agency, start=HISTORY_START, end=today)
    return {
        "indicators": {
            str(indicator): {_month_key(month): n for month, n in counts.items()}
            for indicator, counts in monthly.items()
        },
        "case_management": case_management_counts(agency),
        "satisfaction": {
            key: {
                _month_key(month): [float(average), answers]
                for month, (average, answers) in by_month.items()
            }
            for key, by_month in satisfaction.items()
        },
    }


def indicator_snapshot(agency: Agency | None) -> IndicatorSnapshot | None:
    """The latest computed indicators of the scope, if the background refresh made them."""
    scope = IndicatorSnapshot.scope_of(agency.pk if agency else None)
    return IndicatorSnapshot.objects.filter(scope=scope).first()


def dashboard_from_snapshot(
    snapshot: IndicatorSnapshot,
    *,
    programme: Programme | None,
    start: datetime.date,
    end: datetime.date,
) -> dict[str, Any]:
    """``dashboard`` read from a snapshot: whole calendar months, up to the snapshot's time."""
    data = snapshot.data
    monthly: dict[str, Counter[datetime.date]] = {
        indicator: Counter(
            {_key_month(key): n for key, n in data["indicators"].get(str(indicator), {}).items()}
        )
        for indicator in Indicator
    }
    satisfaction = {
        key: {_key_month(month): (average, answers) for month, (average, answers) in rows.items()}
        for key, rows in data["satisfaction"].items()
    }
    return _dashboard(monthly, satisfaction, programme=programme, start=start, end=end)


def employer_contacts_by_agency(
    *, start: datetime.date, end: datetime.date
) -> list[dict[str, Any]]:
    """The national dashboard's prospecting table: per agency, the contacts with employers in the
    period's whole months, read from every agency's snapshot (one query)."""
    first, last = _month_key(month_start(start)), _month_key(month_start(end))
    rows = []
    snapshots = IndicatorSnapshot.objects.exclude(scope=IndicatorSnapshot.NATIONAL).select_related(
        "agency__county"
    )
    for snapshot in snapshots:
        months = snapshot.data.get("indicators", {}).get(str(Indicator.EMPLOYER_CONTACTS), {})
        rows.append(
            {
                "agency": snapshot.agency,
                "contacts": sum(n for key, n in months.items() if first <= key <= last),
                "as_of": snapshot.computed_at,
            }
        )
    rows.sort(key=lambda row: (-row["contacts"], str(row["agency"])))
    return rows


def _dashboard(
    monthly: dict[str, Counter[datetime.date]],
    satisfaction: dict[str, Any],
    *,
    programme: Programme | None,
    start: datetime.date,
    end: datetime.date,
) -> dict[str, Any]:
    months = months_between(start, end)
    indicators = []
    milestones = list(programme.milestones.all()) if programme else []
    for indicator in Indicator:
        counts = monthly[indicator]
        values = [counts.get(month, 0) for month in months]
        since_programme = programme.start_date if programme and programme.start_date else start
        targets = []
        for milestone in (m for m in milestones if m.indicator == indicator):
            if milestone.due_date is None:  # the programme's start is not known yet
                continue
            reached = sum(
                v
                for month, v in counts.items()
                if month_start(since_programme) <= month <= min(milestone.due_date, end)
            )
            due = milestone.due_date
            targets.append(
                {
                    "milestone": milestone,
                    "due": due,
                    "target": milestone.target,
                    "reached": reached if due <= end or due <= timezone.localdate() else None,
                    "met": reached >= milestone.target,
                    "counted": reached,
                    "percent": round(100 * reached / milestone.target) if milestone.target else 0,
                }
            )
        indicators.append(
            {
                "indicator": indicator,
                "label": indicator.label,
                "months": months,
                "values": values,
                "total": sum(values),
                "cumulative": _cumulative(values),
                "rows": list(zip(months, values, _cumulative(values), strict=True)),
                "targets": targets,
            }
        )
    return {
        "indicators": indicators,
        "months": months,
        "satisfaction": satisfaction,
    }


def _cumulative(values: Iterable[int]) -> list[int]:
    total, result = 0, []
    for value in values:
        total += value
        result.append(total)
    return result


# --- programme targets beside the indicators -----------------------------------------------

VULNERABLE_LEVELS = [EmployabilityLevel.HARD, EmployabilityLevel.VERY_HARD]


def case_management_counts(agency: Agency | None) -> dict[str, int]:
    """Seed 001's beneficiaries as PULS holds them, counted from the live tables (the snapshot
    stores them): jobseekers whose case file was profiled (it has a level), the vulnerable among
    them (hard or very hard to employ, or a declared vulnerable situation), and each of those."""
    files = CaseFile.objects.exclude(level="")
    if agency is not None:
        files = files.filter(profile__agency=agency)
    declared = VulnerabilityDeclaration.objects.filter(profile_id=OuterRef("profile_id"))
    totals = files.annotate(declared=Exists(declared)).aggregate(
        total=Count("pk"),
        vulnerable=Count("pk", filter=Q(level__in=VULNERABLE_LEVELS) | Q(declared=True)),
        **{str(level): Count("pk", filter=Q(level=level)) for level in VULNERABLE_LEVELS},
    )
    groups = (
        VulnerabilityDeclaration.objects.filter(profile__case_file__in=files)
        .values_list("group")
        .annotate(people=Count("profile_id", distinct=True))
    )
    return {**totals, **{str(group): people for group, people in groups}}


def case_management_figures(counts: dict[str, int]) -> dict[str, Any]:
    """The counts above as the dashboard shows them: the breakdown of the vulnerable, in which
    any count under 5 is shown as "<5"."""
    breakdown: list[tuple[Any, Any]] = [(_("of whom vulnerable"), suppress(counts["vulnerable"]))]
    breakdown += [(level.label, suppress(counts.get(level, 0))) for level in VULNERABLE_LEVELS]
    breakdown += [(group.label, suppress(counts.get(group, 0))) for group in VulnerableGroup]
    return {"reached": counts["total"], "vulnerable": counts["vulnerable"], "breakdown": breakdown}


def structure_figures() -> dict[str, Any]:
    """The SPO's structures PULS records: ANOFM (the national level), the agencies, the training
    centres; national whatever the scope."""
    agencies = Agency.objects.count()
    centres = dict(
        TrainingCentre.objects.values_list("kind").annotate(n=Count("pk")).order_by("kind")
    )
    breakdown = [
        (_("ANOFM (the national level)"), 1),
        (_("Agencies (AJOFM, AMOFM)"), agencies),
        *((kind.label, centres.get(kind, 0)) for kind in TrainingCentre.Kind),
    ]
    return {"reached": sum(n for _label, n in breakdown), "breakdown": breakdown}


def _case_management(snapshot: IndicatorSnapshot | None, agency: Agency | None) -> dict[str, int]:
    counts = snapshot.data.get("case_management") if snapshot is not None else None
    return counts if counts is not None else case_management_counts(agency)


def programme_targets(
    agency: Agency | None = None,
    *,
    national: IndicatorSnapshot | None = None,
    local: IndicatorSnapshot | None = None,
) -> list[dict[str, Any]]:
    """Every programme's targets beside its monthly indicators, with the live figure where PULS
    holds the data (national, and the agency's when one is given; structures are national) and
    None where it does not. Since the start, whatever the dashboard's period. Case management is
    read from the scopes' snapshots (``national``, ``local``), counted only when one has none."""
    targets = list(
        ProgrammeTarget.objects.select_related("programme")
        .prefetch_related("stages")
        .order_by("programme_id", "position", "pk")
    )
    measures = {target.measure for target in targets} - {""}
    figures: dict[str, dict[str, dict[str, Any]]] = {}
    scopes: list[Agency | None] = [None] if agency is None else [None, agency]
    if LiveMeasure.CASE_MANAGEMENT in measures:
        figures[LiveMeasure.CASE_MANAGEMENT] = {
            "national" if scope is None else "local": case_management_figures(
                _case_management(local if scope else national, scope)
            )
            for scope in scopes
        }
    if LiveMeasure.STAFF_TRAINED in measures:
        figures[LiveMeasure.STAFF_TRAINED] = {
            "national" if scope is None else "local": {
                "reached": staff_trained(scope),
                "breakdown": [],
            }
            for scope in scopes
        }
    if LiveMeasure.STRUCTURES in measures:
        figures[LiveMeasure.STRUCTURES] = {"national": structure_figures()}

    rows = []
    for target in targets:
        scoped = figures.get(target.measure, {})
        here, there = scoped.get("national"), scoped.get("local")
        reached = here["reached"] if here else None
        start = target.programme.start_date
        rows.append(
            {
                "target": target,
                "programme": target.programme,
                "reached": reached,
                "percent": round(100 * reached / target.target, 1)
                if reached is not None and target.target
                else None,
                "breakdown": (there or here or {}).get("breakdown", []),
                "agency_reached": there["reached"] if there else None,
                "stages": [
                    {
                        "stage": stage,
                        "due": add_months(start, stage.month) - datetime.timedelta(days=1)
                        if start
                        else None,
                        "met": reached is not None
                        and stage.figure is not None
                        and reached >= stage.figure,
                    }
                    for stage in target.stages.all()
                ],
            }
        )
    return rows


# --- labour-market analyses ----------------------------------------------------------------

VACANCY_GROUPS = {
    "isco": ("cor_occupation__isco_group_id", gettext_lazy("ISCO-08 group")),
    "esco": ("esco_occupation_id", gettext_lazy("ESCO occupation")),
    "county": ("county_id", gettext_lazy("County")),
    "month": ("month", gettext_lazy("Month")),
    "size": ("company__size_band", gettext_lazy("Company size")),
}
JOBSEEKER_GROUPS = ("status", "level", "education", "age", "county")
AGE_BANDS = [
    (0, 24, "15–24"),
    (25, 34, "25–34"),
    (35, 44, "35–44"),
    (45, 54, "45–54"),
    (55, 200, "55+"),
]


def _vacancies(
    *,
    agency: Agency | None,
    start: datetime.date,
    end: datetime.date,
    county: County | None = None,
    isco_major: str = "",
) -> QuerySet[Vacancy]:
    since, until = aware_bounds(start, end)
    vacancies = Vacancy.objects.filter(communicated_at__gte=since, communicated_at__lt=until)
    if agency:
        vacancies = vacancies.filter(county_id=agency.county_id)
    if county:
        vacancies = vacancies.filter(county=county)
    if isco_major:
        vacancies = vacancies.filter(cor_occupation__code__startswith=isco_major)
    return vacancies


def vacancies_analysis(
    *,
    agency: Agency | None,
    start: datetime.date,
    end: datetime.date,
    group: str = "isco",
    county: County | None = None,
    isco_major: str = "",
) -> Table:
    """Vacancies and posts grouped by ISCO group, ESCO occupation, county, month or the
    employer's size band (with how many employers: SMEs are the ones that need support)."""
    from puls.reference.models import EscoOccupation

    field, label = VACANCY_GROUPS[group]
    vacancies = _vacancies(
        agency=agency, start=start, end=end, county=county, isco_major=isco_major
    )
    if group == "month":
        vacancies = vacancies.annotate(month=TruncMonth("communicated_at"))
    counted: dict[str, Any] = {"vacancies": Count("id"), "posts": Sum("posts")}
    if group == "size":
        counted["companies"] = Count("company", distinct=True)
    rows = list(vacancies.values(field).annotate(**counted).order_by("-posts"))
    keys = [row[field] for row in rows if row[field] is not None]
    if group == "isco":
        names: dict[object, str] = {g.pk: str(g) for g in IscoGroup.objects.filter(pk__in=keys)}
    elif group == "esco":
        names = {o.pk: concept_label(o) for o in EscoOccupation.objects.filter(pk__in=keys)}
    elif group == "county":
        names = dict(County.objects.filter(pk__in=keys).values_list("pk", "name"))
    elif group == "size":
        names = {value: str(label) for value, label in CompanySize.choices}
    else:
        names = {}
    table_rows = []
    if group == "month":
        rows.sort(key=lambda row: (row[field] is None, row[field] or ""))
    if group == "size":  # every band, smallest first, then the companies that did not say
        by_band = {row[field] or "": row for row in rows}
        rows = [
            by_band.get(value, {field: value, "vacancies": 0, "posts": 0, "companies": 0})
            for value in [*CompanySize.values, ""]
            if value or value in by_band
        ]
    for row in rows:
        key = row[field]
        if group == "month":
            name = month_year(_as_month(key)) if key else "—"
        else:
            name = names.get(key, _("Not given"))
        table_rows.append(
            {"group": name, **{key: row[key] for key in counted}},
        )
    columns = [
        Column("group", label),
        Column("vacancies", _("Vacancies"), count=True),
        Column("posts", _("Posts"), count=True),
    ]
    if group == "size":
        columns.append(Column("companies", _("Employers"), count=True))
    return Table(
        title=_("Vacancies by %(group)s") % {"group": label.lower()},
        columns=columns,
        rows=table_rows,
    )


def _profiles(
    *,
    agency: Agency | None,
    start: datetime.date,
    end: datetime.date,
    county: County | None = None,
) -> QuerySet[JobseekerProfile]:
    since, until = aware_bounds(start, end)
    profiles = JobseekerProfile.objects.filter(registered_at__gte=since, registered_at__lt=until)
    profiles = profiles.exclude(account_state=AccountState.CLOSED)
    if agency:
        profiles = profiles.filter(agency=agency)
    if county:
        profiles = profiles.filter(county=county)
    return profiles


def jobseekers_analysis(
    *,
    agency: Agency | None,
    start: datetime.date,
    end: datetime.date,
    group: str = "status",
    county: County | None = None,
) -> Table:
    """Registered jobseekers by labour status, profiling level (casework), highest education, age
    band or county."""
    profiles = _profiles(agency=agency, start=start, end=end, county=county)
    if group == "level":
        # One query through the case file; no case file or an empty level: never profiled.
        tally = Counter(
            dict(profiles.values_list("case_file__level").annotate(n=Count("id")).order_by())
        )
        counts: dict[str, int] = {
            str(level.label): tally.get(level.value, 0) for level in EmployabilityLevel
        }
        counts[_("Not profiled")] = tally.get(None, 0) + tally.get("", 0)
        label = _("Profile level")
    elif group == "status":
        labels = dict(LabourStatus.choices)
        counts = {
            labels.get(k, k): n
            for k, n in profiles.values_list("status").annotate(n=Count("id")).order_by()
        }
        label = _("Labour status")
    elif group == "county":
        counts = dict(profiles.values_list("county__name").annotate(n=Count("id")).order_by())
        label = _("County")
    elif group == "age":
        year = end.year
        bands: Counter[str] = Counter()
        for birth_year, n in profiles.values_list("birth_year").annotate(n=Count("id")).order_by():
            age = year - birth_year
            band = next(name for low, high, name in AGE_BANDS if low <= age <= high)
            bands[band] += n
        counts = {name: bands.get(name, 0) for _low, _high, name in AGE_BANDS}
        label = _("Age band")
    else:
        highest: dict[int, str] = {}
        rank = {value: index for index, value in enumerate(EducationLevel.values)}
        for profile_id, level in Education.objects.filter(
            profile__in=profiles.values("pk")
        ).values_list("profile_id", "level"):
            if rank.get(level, -1) > rank.get(highest.get(profile_id, ""), -1):
                highest[profile_id] = level
        tally = Counter(highest.values())
        counts = {str(level.label): tally.get(level.value, 0) for level in EducationLevel}
        counts[_("Not given")] = profiles.count() - len(highest)
        label = _("Highest education")
    rows: list[dict[str, Any]] = [{"group": key, "jobseekers": n} for key, n in counts.items()]
    if group in ("status", "county"):
        rows.sort(key=lambda row: -row["jobseekers"])
    return Table(
        title=_("Jobseekers by %(group)s") % {"group": label.lower()},
        columns=[Column("group", label), Column("jobseekers", _("Jobseekers"), count=True)],
        rows=rows,
    )


def _gap(posts: int, holders: int) -> int | str:
    """Posts − holders, or "—" when either count is suppressed (under 5): the difference beside
    a "<5" cell would give the hidden count back."""
    if posts < SUPPRESSION_THRESHOLD or holders < SUPPRESSION_THRESHOLD:
        return "—"
    return posts - holders


def competence_gap(
    *,
    agency: Agency | None,
    start: datetime.date,
    end: datetime.date,
    county: County | None = None,
    per_county: int = 10,
) -> Table:
    """Per county: the competences most demanded by vacancies (posts asking for them) against how
    many registered jobseekers of that county hold them."""
    vacancies = _vacancies(agency=agency, start=start, end=end, county=county)
    demanded = (
        VacancySkill.objects.filter(vacancy__in=vacancies.values("pk"))
        .values("vacancy__county_id", "skill_id")
        .annotate(posts=Sum("vacancy__posts"))
        .order_by()
    )
    by_county = defaultdict(list)
    for row in demanded:
        by_county[row["vacancy__county_id"]].append((row["posts"], row["skill_id"]))
    chosen = {c: sorted(rows, reverse=True)[:per_county] for c, rows in by_county.items()}
    skill_ids = {skill for rows in chosen.values() for _posts, skill in rows}
    holders: Counter[tuple[int, int]] = Counter()
    people = JobseekerProfile.objects.exclude(account_state=AccountState.CLOSED)
    if agency:
        people = people.filter(agency=agency)
    for county_id, skill_id, n in (
        SkillAssessment.objects.filter(skill_id__in=skill_ids, profile__in=people.values("pk"))
        .values_list("profile__county_id", "skill_id")
        .annotate(n=Count("profile_id"))
        .order_by()
    ):
        holders[county_id, skill_id] = n
    skills = Skill.objects.in_bulk(skill_ids)
    counties = dict(County.objects.values_list("pk", "name"))
    rows = []
    for county_id in sorted(chosen, key=lambda c: romanian_key(counties.get(c, ""))):
        for posts, skill_id in chosen[county_id]:
            held = holders[county_id, skill_id]
            rows.append(
                {
                    "county": counties.get(county_id, county_id),
                    "skill": concept_label(skills[skill_id]),
                    "posts": posts,
                    "holders": held,
                    "gap": _gap(posts, held),
                }
            )
    return Table(
        title=_("Competence gap per county"),
        columns=[
            Column("county", _("County")),
            Column("skill", _("Competence (ESCO)")),
            Column("posts", _("Posts asking for it"), count=True),
            Column("holders", _("Jobseekers holding it"), count=True),
            Column("gap", _("Gap (posts − holders)")),
        ],
        rows=rows,
        note=_(
            "A positive gap means more posts ask for the competence than registered "
            "jobseekers of the county hold it."
        ),
    )


# --- history for forecasts -----------------------------------------------------------------


def monthly_history(
    *, series: str, county: County | None = None
) -> tuple[list[tuple[datetime.date, Any]], bool]:
    """[(month, value)] from the snapshots, gaps filled with 0; national sums every county.
    Also says whether any month of it is synthetic (demo)."""
    rows = MonthlyStatistic.objects.filter(series=series)
    if county:
        rows = rows.filter(county=county)
    totals = list(
        rows.values("month")
        .annotate(value=Sum("value"), synthetic=Count("id", filter=Q(synthetic=True)))
        .order_by("month")
    )
    if not totals:
        return [], False
    by_month = {row["month"]: row["value"] for row in totals}
    months = months_between(totals[0]["month"], totals[-1]["month"])
    return (
        [(month, by_month.get(month, 0)) for month in months],
        any(row["synthetic"] for row in totals),
    )


def yearly_vacancies_by_major_group(
    *, county: County | None = None, last_year: int
) -> tuple[dict[str, list[tuple[int, int]]], list[int]]:
    """({ISCO major group code: [(year, vacancies)]}, years) from the live vacancies, whole years
    up to `last_year`, every group over the same years (from the first year with any vacancy),
    gaps filled with 0. The major group is the first digit of the COR code (= ISCO-08)."""
    vacancies = Vacancy.objects.exclude(communicated_at=None).exclude(cor_occupation=None)
    if county:
        vacancies = vacancies.filter(county=county)
    rows = (
        vacancies.annotate(
            year=ExtractYear("communicated_at"), major=Substr("cor_occupation__code", 1, 1)
        )
        .filter(year__lte=last_year)
        .values("year", "major")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(row["year"], row["major"]): row["n"] for row in rows}
    if not counts:
        return {}, []
    years = list(range(min(year for year, _major in counts), last_year + 1))
    majors = sorted({major for _year, major in counts})
    return (
        {major: [(year, counts.get((year, major), 0)) for year in years] for major in majors},
        years,
    )


# --- top-50 occupations study --------------------------------------------------------------

TOP_OCCUPATIONS = 50
SKILLS_PER_OCCUPATION = 5
UNFILLED_WEIGHT_DAYS = 90


def top_occupations(
    *, agency: Agency | None, start: datetime.date, end: datetime.date, limit: int = TOP_OCCUPATIONS
) -> list[Table]:
    """The occupations (COR) most in demand: posts offered, each weighted by how long it stayed
    unfilled (1 + days open / 90, capped at a year), with for each the ESCO competences most often
    required and how many registered jobseekers hold them."""
    from puls.reference.models import CorOccupation

    vacancies = _vacancies(agency=agency, start=start, end=end)
    _since, until = aware_bounds(start, end)
    demand: Counter[int] = Counter()
    posts: Counter[int] = Counter()
    count: Counter[int] = Counter()
    for occupation, n, communicated, closed in vacancies.values_list(
        "cor_occupation_id", "posts", "communicated_at", "closed_at"
    ).iterator(chunk_size=5000):
        days = (min(closed or until, until) - communicated).days if communicated else 0
        weight = 1 + min(max(days, 0), 365) / UNFILLED_WEIGHT_DAYS
        demand[occupation] += n * weight  # type: ignore[assignment]  # weighted: a float
        posts[occupation] += n
        count[occupation] += 1
    top = [occupation for occupation, _score in demand.most_common(limit)]
    required: defaultdict[int, Counter[int]] = defaultdict(Counter)
    for occupation, skill, n in (
        VacancySkill.objects.filter(
            vacancy__in=vacancies.filter(cor_occupation_id__in=top).values("pk")
        )
        .values_list("vacancy__cor_occupation_id", "skill_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        required[occupation][skill] = n
    chosen = {
        occupation: required[occupation].most_common(SKILLS_PER_OCCUPATION) for occupation in top
    }
    skill_ids = {skill for skills in chosen.values() for skill, _n in skills}
    people = JobseekerProfile.objects.exclude(account_state=AccountState.CLOSED)
    if agency:
        people = people.filter(agency=agency)
    holders = dict(
        SkillAssessment.objects.filter(skill_id__in=skill_ids, profile__in=people.values("pk"))
        .values_list("skill_id")
        .annotate(n=Count("profile_id"))
        .order_by()
    )
    skills = Skill.objects.in_bulk(skill_ids)
    occupations = CorOccupation.objects.in_bulk(top)
    summary, detail = [], []
    for rank, occupation in enumerate(top, start=1):
        name = str(occupations[occupation])
        coverage = (
            [
                min(1.0, holders.get(skill, 0) / posts[occupation])
                for skill, _n in chosen[occupation]
            ]
            if posts[occupation]
            else []
        )
        # a holders count under 5 is suppressed, so no coverage may be computed from it
        shown = coverage and all(
            holders.get(skill, 0) >= SUPPRESSION_THRESHOLD for skill, _n in chosen[occupation]
        )
        summary.append(
            {
                "rank": rank,
                "occupation": name,
                "vacancies": count[occupation],
                "posts": posts[occupation],
                "score": round(demand[occupation], 1),
                "coverage": (round(100 * sum(coverage) / len(coverage)) if shown else "—"),
            }
        )
        for skill, n in chosen[occupation]:
            detail.append(
                {
                    "rank": rank,
                    "occupation": name,
                    "skill": concept_label(skills[skill]),
                    "vacancies": n,
                    "holders": holders.get(skill, 0),
                    "gap": _gap(posts[occupation], holders.get(skill, 0)),
                }
            )
    return [
        Table(
            title=_("Top %(n)d occupations in demand") % {"n": limit},
            columns=[
                Column("rank", _("Rank")),
                Column("occupation", _("Occupation (COR)")),
                Column("vacancies", _("Vacancies"), count=True),
                Column("posts", _("Posts"), count=True),
                Column("score", _("Demand score")),
                Column("coverage", _("Competence coverage (%)")),
            ],
            rows=summary,
            note=_(
                "Demand score: posts weighted by how long they stayed unfilled "
                "(1 + days open / 90, at most a year). Coverage: the average, over the "
                "competences most often required, of jobseekers holding the competence per "
                "post offered (capped at 100 %)."
            ),
        ),
        Table(
            title=_("Competences most often required and the competence gap"),
            columns=[
                Column("rank", _("Rank")),
                Column("occupation", _("Occupation (COR)")),
                Column("skill", _("Competence (ESCO)")),
                Column("vacancies", _("Vacancies requiring it"), count=True),
                Column("holders", _("Jobseekers holding it"), count=True),
                Column("gap", _("Gap (posts − holders)")),
            ],
            rows=detail,
        ),
    ]


# --- jobseekers' questionnaires ------------------------------------------------------------

OUTCOME_STATUSES = (ProposalStatus.HIRED, ProposalStatus.REJECTED, ProposalStatus.DECLINED)


def questionnaires_pending(
    profile: JobseekerProfile,
) -> tuple[QuerySet[Booking], QuerySet[Proposal]]:
    """The attended appointments and decided proposals of `profile` not yet rated."""
    answered = JobseekerSatisfaction.objects.filter(profile=profile)
    bookings = (
        Booking.objects.filter(profile=profile, status=BookingStatus.ATTENDED)
        .exclude(pk__in=answered.exclude(booking=None).values("booking_id"))
        .select_related("slot")
        .order_by("-slot__start")
    )
    proposals = (
        Proposal.objects.filter(profile=profile, status__in=OUTCOME_STATUSES)
        .exclude(pk__in=answered.exclude(proposal=None).values("proposal_id"))
        .select_related("vacancy")
        .order_by("-created_at")
    )
    return bookings, proposals


DECIDED_SUBSIDY_STATUSES = (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED)


def subsidy_questionnaires_pending(user: User) -> QuerySet[SubsidyApplication]:
    """The decided (approved or rejected) subsidy applications of the companies `user` represents
    that nobody of the company has rated yet."""
    answered = EmployerSubsidySatisfaction.objects.values("application_id")
    return (
        SubsidyApplication.objects.filter(
            company__memberships__user=user, status__in=DECIDED_SUBSIDY_STATUSES
        )
        .exclude(pk__in=answered)
        .select_related("company__county__agency", "programme")
        .order_by("-decided_at", "-pk")
    )


def satisfaction_table(*, agency: Agency | None, start: datetime.date, end: datetime.date) -> Table:
    data = satisfaction_monthly(agency=agency, start=start, end=end)
    months = sorted(set(data["employers"]) | set(data["jobseekers"]))
    rows = []
    for month in months:
        row: dict[str, Any] = {"month": month_year(month)}
        for key in ("employers", "jobseekers"):
            score, answers = data[key].get(month, (None, 0))
            row[f"{key}_answers"] = answers
            row[f"{key}_score"] = (
                round(Decimal(score), 2) if score is not None and answers >= 5 else "—"
            )
        row["subsidy_answers"] = data["employers_subsidy"].get(month, (None, 0))[1]
        rows.append(row)
    return Table(
        title=_("Client satisfaction per month"),
        columns=[
            Column("month", _("Month")),
            Column("employers_answers", _("Employers' answers"), count=True),
            Column("subsidy_answers", _("of which after a subsidy decision"), count=True),
            Column("employers_score", _("Employers' average (1–5)")),
            Column("jobseekers_answers", _("Jobseekers' answers"), count=True),
            Column("jobseekers_score", _("Jobseekers' average (1–5)")),
        ],
        rows=rows,
        note=_(
            "An average is shown only when at least 5 people answered that month. Employers "
            "answer after a vacancy closes or after a decision on a subsidy application."
        ),
    )


# --- questionnaires defined as data ----------------------------------------------------------

AUDIENCES_OF_ROLE: dict[str, tuple[str, ...]] = {
    Role.EMPLOYER: (Audience.EMPLOYERS, Audience.BOTH),
    Role.JOBSEEKER: (Audience.JOBSEEKERS, Audience.BOTH),
}


def questionnaires_open_to(user: User, *, day: datetime.date | None = None) -> list[Questionnaire]:
    """The open questionnaires of the user's audience (employers who represent a company,
    jobseekers with a profile) that the user has not answered yet in the current period."""
    day = day or timezone.localdate()
    audiences = AUDIENCES_OF_ROLE.get(user.role) or ()
    if not audiences:
        return []
    if user.role == Role.EMPLOYER and not companies_of(user).exists():
        return []
    if user.role == Role.JOBSEEKER and not JobseekerProfile.objects.filter(user=user).exists():
        return []
    candidates = list(
        Questionnaire.objects.filter(
            Q(closes_on__isnull=True) | Q(closes_on__gte=day),
            status=Questionnaire.Status.OPEN,
            audience__in=audiences,
            opens_on__lte=day,
        ).order_by("opens_on", "pk")
    )
    answered = set(
        QuestionnaireResponse.objects.filter(
            respondent=user, questionnaire__in=candidates
        ).values_list("questionnaire_id", "period")
    )
    return [q for q in candidates if (q.pk, q.period_of(day)) not in answered]


def questionnaire_with_questions(questionnaire: Questionnaire) -> list[Question]:
    """The questions in order, each with its options (two queries)."""
    return list(
        questionnaire.questions.prefetch_related(
            Prefetch("options", queryset=Option.objects.order_by("position"))
        ).order_by("position")
    )


def questionnaire_answered_by(user: User) -> QuerySet[Questionnaire]:
    """The questionnaires the user has answered (in any period)."""
    return Questionnaire.objects.filter(
        pk__in=QuestionnaireResponse.objects.filter(respondent=user).values("questionnaire_id")
    )


def questionnaires_reported_to(user: User) -> QuerySet[Questionnaire]:
    """Every questionnaire that was opened, for whoever may read indicators (their answers are
    narrowed to the reader's scope by ``questionnaire_report``)."""
    return Questionnaire.objects.exclude(status=Questionnaire.Status.DRAFT).order_by(
        "-opens_on", "code"
    )


QUESTIONNAIRE_GROUPS = {
    "total": gettext_lazy("Total"),
    "county": gettext_lazy("County"),
    "sector": gettext_lazy("Sector (CAEN section)"),
}


def _group_labels(group: str, keys: Iterable[Any]) -> dict[Any, str]:
    if group == "county":
        names = dict(County.objects.filter(pk__in=[k for k in keys if k]).values_list("pk", "name"))
        return {key: names.get(key, _("No county")) for key in keys}
    if group == "sector":
        sectors = dict(Sector.choices)
        return {
            key: f"{key} – {sectors[key]}" if key in sectors else _("No sector (jobseekers)")
            for key in keys
        }
    return {key: str(QUESTIONNAIRE_GROUPS["total"]) for key in keys}


def questionnaire_report(
    *,
    questionnaire: Questionnaire,
    agency: Agency | None,
    start: datetime.date,
    end: datetime.date,
    group: str = "total",
) -> list[Table]:
    """One table of respondents, then one per question: per county, per sector or in total, the
    number of answers, the average of a scale, and how often each value or option was chosen.
    Counts under 5 are suppressed and an average is shown only from 5 answers; free texts are
    counted, not shown (they may name people)."""
    since, until = aware_bounds(start, end)
    responses = QuestionnaireResponse.objects.filter(
        questionnaire=questionnaire, answered_at__gte=since, answered_at__lt=until
    )
    if agency is not None:
        responses = responses.filter(agency=agency)
    by = {"total": None, "county": "county_id", "sector": "sector"}[group]
    key = (lambda row: row[f"response__{by}"]) if by else (lambda row: None)
    answers = Answer.objects.filter(response__in=responses)
    numbers: dict[tuple[int, Any], Counter] = defaultdict(Counter)
    for row in answers.values(
        "question_id", "number", *([f"response__{by}"] if by else [])
    ).annotate(n=Count("id")):
        numbers[(row["question_id"], key(row))][row["number"]] += row["n"]
    chosen: dict[tuple[int, Any], Counter] = defaultdict(Counter)
    option_rows = Answer.options.through.objects.filter(answer__in=answers).values(
        "answer__question_id", "option_id", *([f"answer__response__{by}"] if by else [])
    )
    for row in option_rows.annotate(n=Count("id")):
        group_key = row[f"answer__response__{by}"] if by else None
        chosen[(row["answer__question_id"], group_key)][row["option_id"]] += row["n"]
    if by:
        grouped = responses.order_by().values(by).annotate(n=Count("id"))
        respondents = Counter({row[by]: row["n"] for row in grouped})
    else:
        respondents = Counter({None: responses.count()} if responses.exists() else {})
    keys = sorted(respondents, key=lambda k: (k is None, "" if k is None else str(k)))
    labels = _group_labels(group, keys)
    if group == "county":
        keys.sort(key=lambda k: romanian_key(labels[k]))
    group_column = Column("group", QUESTIONNAIRE_GROUPS[group])
    tables = [
        Table(
            title=_("Respondents"),
            columns=[group_column, Column("respondents", _("Respondents"), count=True)],
            rows=[{"group": labels[k], "respondents": respondents[k]} for k in keys],
        )
    ]
    for question in questionnaire_with_questions(questionnaire):
        tables.append(_question_table(question, keys, labels, numbers, chosen, group_column))
    return tables


def _question_table(
    question: Question,
    keys: list[Any],
    labels: dict[Any, str],
    numbers: dict[tuple[int, Any], Counter],
    chosen: dict[tuple[int, Any], Counter],
    group_column: Column,
) -> Table:
    kind = Question.Kind
    columns = [group_column, Column("answers", _("Answers"), count=True)]
    if question.kind == kind.SCALE:
        columns.append(Column("average", _("Average (1–5)")))
        columns += [Column(f"v{n}", str(n), count=True) for n in range(1, 6)]
    elif question.kind == kind.YES_NO:
        columns += [Column("v1", _("Yes"), count=True), Column("v0", _("No"), count=True)]
    elif question.kind in Question.CHOICE_KINDS:
        columns += [
            Column(f"o{option.pk}", in_active_language(option.text, option.text_en), count=True)
            for option in question.options.all()
        ]
    rows = []
    for group_key in keys:
        values = numbers.get((question.pk, group_key), Counter())
        row: dict[str, Any] = {"group": labels[group_key], "answers": sum(values.values())}
        if question.kind in (kind.SCALE, kind.YES_NO):
            scored = {n: c for n, c in values.items() if n is not None}
            row.update({f"v{n}": scored.get(n, 0) for n in range(6)})
            total = sum(scored.values())
            if question.kind == kind.SCALE:
                row["average"] = (
                    round(Decimal(sum(n * c for n, c in scored.items())) / total, 2)
                    if total >= SUPPRESSION_THRESHOLD
                    else "—"
                )
        elif question.kind in Question.CHOICE_KINDS:
            counts = chosen.get((question.pk, group_key), Counter())
            row.update({f"o{o.pk}": counts.get(o.pk, 0) for o in question.options.all()})
        rows.append(row)
    return Table(
        title=f"{question.position}. {in_active_language(question.text, question.text_en)}",
        columns=columns,
        rows=rows,
        note=_("Free-text answers are counted, not shown: they may name people.")
        if question.kind == kind.TEXT
        else "",
    )
