"""Writes of the reports app: access counters, monthly snapshots, milestones, report runs,
satisfaction questionnaires, questionnaires defined as data (opening, closing, answering)."""

import datetime
import logging
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.forms import BaseInlineFormSet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from employers.models import Company, SubsidyApplication, Vacancy
from employers.selectors import companies_of
from jobseekers.models import Booking, JobseekerProfile
from mediation.models import Proposal
from network.permissions import is_network_manager
from puls.accounts.models import Role, User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.reference.models import Agency, County
from puls.tasks import enqueue_on_commit
from puls.workflow import transition, transition_check

from . import selectors
from .models import (
    AccessCounter,
    AccessKind,
    Answer,
    EmployerSubsidySatisfaction,
    IndicatorSnapshot,
    JobseekerSatisfaction,
    MonthlyStatistic,
    Programme,
    Question,
    Questionnaire,
    QuestionnaireResponse,
    ReportKind,
    ReportRun,
    Sector,
    Series,
)

logger = logging.getLogger(__name__)


def access_record(
    *, kind: str, agency_id: int | None = None, day: datetime.date | None = None
) -> None:
    """Add one online access of `kind` to today's counter (one UPDATE; an INSERT the first time)."""
    day = day or timezone.localdate()
    indicators_moved(agency_id=agency_id)
    counters = AccessCounter.objects.filter(day=day, kind=kind, agency=agency_id)
    if counters.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            AccessCounter.objects.create(day=day, kind=kind, agency_id=agency_id, count=1)
    except IntegrityError:  # created meanwhile by a concurrent request
        counters.update(count=F("count") + 1)


# --- the dashboard's snapshots ---------------------------------------------------------------


def indicator_snapshot_refresh(*, agency_id: int | None) -> IndicatorSnapshot:
    """Count the scope's indicators (national, or one agency) from the live tables and store them
    as its snapshot. Idempotent; a computation that started before the stored one (two workers,
    a slow run overtaken) leaves the newer figures alone."""
    started = timezone.now()
    clock = time.monotonic()
    agency = Agency.objects.get(pk=agency_id) if agency_id is not None else None
    data = selectors.indicator_history(agency=agency)
    duration_ms = round((time.monotonic() - clock) * 1000)
    scope = IndicatorSnapshot.scope_of(agency_id)
    for _attempt in range(2):
        try:
            with transaction.atomic():
                snapshot = IndicatorSnapshot.objects.select_for_update().filter(scope=scope).first()
                if snapshot is None:
                    snapshot = IndicatorSnapshot(scope=scope, agency_id=agency_id)
                elif snapshot.computed_at >= started:
                    return snapshot
                snapshot.computed_at = started
                snapshot.duration_ms = duration_ms
                snapshot.data = data
                snapshot.full_clean()
                snapshot.save()
                return snapshot
        except IntegrityError:  # created meanwhile by a concurrent refresh: compare with it
            continue
    return IndicatorSnapshot.objects.get(scope=scope)


def indicator_snapshots_refresh() -> int:
    """Refresh the national snapshot and every agency's (beat, and after a deploy)."""
    scopes = [None, *Agency.objects.order_by("pk").values_list("pk", flat=True)]
    for agency_id in scopes:
        indicator_snapshot_refresh(agency_id=agency_id)
    return len(scopes)


def indicators_moved(*, agency_id: int | None = None, county_id: str | None = None) -> None:
    """Something the dashboard counts has changed (a registration, a verified company, a vacancy
    communicated, a proposal, a hire, an online access, a questionnaire answer): after commit,
    refresh the national snapshot and the agency's, at most once per
    ``REPORTS_SNAPSHOT_DEBOUNCE_SECONDS`` per scope. The refresh runs at the end of that window,
    so it counts every event of the window; beat refreshes everything anyway
    (``refresh_indicator_snapshots``), so a lost message only delays."""
    from . import tasks

    if agency_id is None and county_id is not None:
        agency_id = Agency.objects.filter(county_id=county_id).values_list("pk", flat=True).first()
    debounce = settings.REPORTS_SNAPSHOT_DEBOUNCE_SECONDS
    for scope_agency in {None, agency_id}:
        key = f"reports:snapshot-queued:{IndicatorSnapshot.scope_of(scope_agency)}"
        if cache.add(key, True, timeout=debounce):
            enqueue_on_commit(tasks.refresh_indicator_snapshot, scope_agency, countdown=debounce)


def statistics_snapshot(*, month: datetime.date) -> None:
    """Record one closed month's counts per county of every forecast series from the live tables
    (replacing earlier or synthetic figures of that month). Idempotent."""
    month = month.replace(day=1)
    since, until = selectors.aware_bounds(
        month, selectors.add_months(month, 1) - datetime.timedelta(days=1)
    )
    live = {
        Series.VACANCIES: Vacancy.objects.filter(
            communicated_at__gte=since, communicated_at__lt=until
        )
        .values_list("county_id")
        .annotate(n=Count("id"))
        .order_by(),
        Series.JOBSEEKERS: JobseekerProfile.objects.filter(
            registered_at__gte=since, registered_at__lt=until
        )
        .values_list("county_id")
        .annotate(n=Count("id"))
        .order_by(),
    }
    counties = list(County.objects.values_list("pk", flat=True))
    with transaction.atomic():
        for series, rows in live.items():
            counts = dict(rows)
            for county in counties:
                MonthlyStatistic.objects.update_or_create(
                    month=month,
                    county_id=county,
                    series=series,
                    defaults={
                        "value": counts.get(county, 0),
                        "synthetic": False,
                        "computed_at": timezone.now(),
                    },
                )


def statistics_backfill() -> int:
    """Snapshot every closed month since the first vacancy or registration (for a new install or
    after generate_scale_data). Returns the number of months recorded."""
    first_dates = [
        value
        for value in (
            Vacancy.objects.order_by("communicated_at")
            .exclude(communicated_at=None)
            .values_list("communicated_at", flat=True)
            .first(),
            JobseekerProfile.objects.order_by("registered_at")
            .values_list("registered_at", flat=True)
            .first(),
        )
        if value is not None
    ]
    if not first_dates:
        return 0
    start = timezone.localtime(min(first_dates)).date().replace(day=1)
    last_closed = selectors.add_months(timezone.localdate().replace(day=1), -1)
    months = selectors.months_between(start, last_closed)
    for month in months:
        statistics_snapshot(month=month)
    return len(months)


@transaction.atomic
def report_request(
    *,
    by: User,
    kind: str,
    agency: Agency | None,
    period_start: datetime.date,
    period_end: datetime.date,
    ip: str | None = None,
) -> ReportRun:
    """Order a report; refused if the period is out of order or the scope is not the user's."""
    if agency is None:
        allowed = by.has_national_scope
    else:
        allowed = selectors.agencies_visible_to(by).filter(pk=agency.pk).exists()
    if not allowed:
        raise ValidationError(_("You may not order reports for this scope."))
    run = ReportRun(
        requested_by=by,
        kind=kind,
        agency=agency,
        period_start=period_start,
        period_end=period_end,
        language=_requester_language(),
    )
    run.full_clean()
    run.save()
    audit_record(actor=by, action="create", target=run, ip=ip)
    _schedule(run)
    return run


@transaction.atomic
def network_activity_request(
    *, by: User, period_start: datetime.date, period_end: datetime.date, ip: str | None = None
) -> ReportRun:
    """Order the partner network's activity report (national: the network has no agency scope);
    only the network's managers may."""
    if not is_network_manager(by):
        raise PermissionDenied
    run = ReportRun(
        requested_by=by,
        kind=ReportKind.NETWORK_ACTIVITY,
        period_start=period_start,
        period_end=period_end,
        language=_requester_language(),
    )
    run.full_clean()
    run.save()
    audit_record(actor=by, action="create", target=run, ip=ip)
    _schedule(run)
    return run


@transaction.atomic
def milestones_save(
    *, programme: Programme, formset: BaseInlineFormSet, by: User, ip: str | None = None
) -> None:
    """Save the milestones of ``programme`` as the analyst edited them (``formset`` is valid)."""
    formset.save()
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=programme, ip=ip)


def _requester_language() -> str:
    """The language the requester reads the portal in (the request's active language), which
    the report's files are then written in."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def _schedule(run: ReportRun) -> None:
    from .tasks import build_report

    enqueue_on_commit(build_report, run.pk)


def national_pack_request(*, month: datetime.date) -> ReportRun:
    """The scheduled national pack of a closed month; a second call for that month does nothing."""
    end = selectors.add_months(month.replace(day=1), 1) - datetime.timedelta(days=1)
    run, created = ReportRun.objects.get_or_create(
        kind="national_pack",
        agency=None,
        scheduled=True,
        period_start=month.replace(day=1),
        period_end=end,
    )
    if created:
        _schedule(run)
    return run


def report_progress(run: ReportRun, *, progress: int, step: str) -> None:
    """Record how far the run is, and that its build is alive (the heartbeat the recovery reads);
    committed at once so that the progress bar sees it."""
    now = timezone.now()
    ReportRun.objects.filter(pk=run.pk).update(
        progress=progress, step=step, status=ReportRun.Status.RUNNING, heartbeat_at=now
    )
    run.progress, run.step, run.status, run.heartbeat_at = (
        progress,
        step,
        ReportRun.Status.RUNNING,
        now,
    )


def report_claim(run: ReportRun) -> bool:
    """Take a waiting run for building; False when another worker has it or it is finished, so
    a duplicate or late queue message (a requeue, a broker redelivery) builds nothing twice."""
    now = timezone.now()
    claimed = ReportRun.objects.filter(pk=run.pk, status=ReportRun.Status.PENDING).update(
        status=ReportRun.Status.RUNNING, progress=0, step="", heartbeat_at=now
    )
    run.status, run.heartbeat_at = ReportRun.Status.RUNNING, now
    return claimed == 1


def report_fail(run_id: int, *, failure: str, error: object = "") -> None:
    ReportRun.objects.filter(pk=run_id).update(
        status=ReportRun.Status.FAILED,
        failure=failure,
        error=str(error)[:300],
        finished_at=timezone.now(),
    )


def report_runs_recover(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Beat, every minute: a running run whose heartbeat is older than REPORT_HEARTBEAT_TIMEOUT
    (its worker died or lost the database) and a waiting run queued longer than
    REPORT_REQUEUE_AFTER ago (its queue message was lost) are queued again, up to
    REPORT_MAX_ATTEMPTS queueings in all; then they fail with a message the person sees.
    Returns (requeued, failed)."""
    now = now or timezone.now()
    stale = now - datetime.timedelta(seconds=settings.REPORT_HEARTBEAT_TIMEOUT)
    lost = now - datetime.timedelta(seconds=settings.REPORT_REQUEUE_AFTER)
    stranded = Q(status=ReportRun.Status.RUNNING) & (
        Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True, queued_at__lt=stale)
    ) | Q(status=ReportRun.Status.PENDING, queued_at__lt=lost)
    requeued = failed = 0
    for pk in ReportRun.objects.filter(stranded).values_list("pk", flat=True):
        with transaction.atomic():
            run = ReportRun.objects.select_for_update().filter(stranded, pk=pk).first()
            if run is None:  # it moved on meanwhile
                continue
            if run.attempts >= settings.REPORT_MAX_ATTEMPTS:
                run.status, run.finished_at = ReportRun.Status.FAILED, now
                run.failure = (
                    ReportRun.Failure.NOT_STARTED
                    if run.heartbeat_at is None
                    else ReportRun.Failure.STALLED
                )
                failed += 1
            else:
                run.status, run.progress, run.step = ReportRun.Status.PENDING, 0, ""
                run.attempts += 1
                run.queued_at = now
                _schedule(run)
                requeued += 1
            run.save()
    if requeued or failed:
        logger.warning("report runs recovered: %s requeued, %s failed", requeued, failed)
    return requeued, failed


@transaction.atomic
def jobseeker_satisfaction_record(
    *,
    profile: JobseekerProfile,
    booking: Booking | None = None,
    proposal: Proposal | None = None,
    answers: dict[str, Any],
) -> JobseekerSatisfaction:
    """Record the questionnaire of an attended appointment or a decided proposal, once."""
    subject_taken = (
        JobseekerSatisfaction.objects.filter(booking=booking)
        if booking
        else JobseekerSatisfaction.objects.filter(proposal=proposal)
    )
    if subject_taken.exists():
        raise ValidationError(_("You have already answered this questionnaire."))
    response = JobseekerSatisfaction(
        profile=profile, agency_id=profile.agency_id, booking=booking, proposal=proposal, **answers
    )
    # Uniqueness is the database's: checked above for the common case, and its refusal on save
    # is the same message for an answer posted twice at the same moment.
    response.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as error:
        raise ValidationError(_("You have already answered this questionnaire.")) from error
    access_record(kind=AccessKind.QUESTIONNAIRE, agency_id=profile.agency_id)
    return response


@transaction.atomic
def employer_subsidy_satisfaction_record(
    *, application: SubsidyApplication, by: User, answers: dict[str, Any]
) -> EmployerSubsidySatisfaction:
    """Record a company representative's questionnaire on a decided subsidy application, once per
    application; refused for anyone outside the company and for undecided applications."""
    if EmployerSubsidySatisfaction.objects.filter(application=application).exists():
        raise ValidationError(_("Your company has already answered this questionnaire."))
    if not selectors.subsidy_questionnaires_pending(by).filter(pk=application.pk).exists():
        raise ValidationError(_("This subsidy application has no questionnaire for you."))
    agency = application.company.county.agency
    response = EmployerSubsidySatisfaction(
        application=application, agency=agency, respondent=by, **answers
    )
    response.full_clean()
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as error:  # answered meanwhile by a colleague
        raise ValidationError(_("Your company has already answered this questionnaire.")) from error
    access_record(kind=AccessKind.QUESTIONNAIRE, agency_id=agency.pk)
    return response


# --- questionnaires defined as data ----------------------------------------------------------


def questionnaire_open(*, questionnaire: Questionnaire, by: User | None) -> None:
    """Open a draft (or closed) questionnaire to its audience; it must ask something, and each of
    its choice questions must offer at least two answers."""
    transition_check(questionnaire, to=Questionnaire.Status.OPEN)
    questions = selectors.questionnaire_with_questions(questionnaire)
    if not questions:
        raise ValidationError(_("A questionnaire needs at least one question before it opens."))
    for question in questions:
        if question.kind in Question.CHOICE_KINDS and len(question.options.all()) < 2:
            raise ValidationError(
                _("Question %(position)s offers fewer than two answers to choose from.")
                % {"position": question.position}
            )
    transition(questionnaire, to=Questionnaire.Status.OPEN, by=by)


def questionnaire_close(*, questionnaire: Questionnaire, by: User | None) -> None:
    transition(questionnaire, to=Questionnaire.Status.CLOSED, by=by)


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _is_number(text: str) -> bool:
    """ASCII digits only: int() refuses some of what str.isdigit() accepts ("²")."""
    return text.isascii() and text.isdigit()


def _option_ids(question: Question, raw: Any) -> list[int]:
    """The options named by ``raw`` (one id, or a list of ids), all of which must be the
    question's; a value that is not an option of this question is refused."""
    values = list(raw) if isinstance(raw, list | tuple) else [raw]
    offered = {option.pk for option in question.options.all()}
    chosen = []
    for value in values:
        text = str(value)
        if not _is_number(text) or int(text) not in offered:
            raise ValidationError(_("Choose one of the answers offered."))
        chosen.append(int(text))
    if question.kind == Question.Kind.SINGLE and len(chosen) != 1:
        raise ValidationError(_("Choose one answer."))
    return sorted(set(chosen))


def _answer_of(question: Question, raw: Any) -> tuple[int | None, str, list[int]]:
    """Check one answer against its question: (number, text, option ids)."""
    kind = Question.Kind
    if question.kind == kind.SCALE:
        text = str(raw).strip()
        if not (_is_number(text) and 1 <= int(text) <= 5):
            raise ValidationError(_("Choose a score from 1 to 5."))
        return int(text), "", []
    if question.kind == kind.YES_NO:
        if raw not in (True, False, "yes", "no"):
            raise ValidationError(_("Answer yes or no."))
        return int(raw in (True, "yes")), "", []
    if question.kind in Question.CHOICE_KINDS:
        return None, "", _option_ids(question, raw)
    if not isinstance(raw, str):
        raise ValidationError(_("Write the answer as text."))
    text = raw.strip()
    if len(text) > 2000:
        raise ValidationError(_("Write at most 2,000 characters."))
    return None, text, []


def _respondent(
    *, questionnaire: Questionnaire, by: User, company: Company | None
) -> dict[str, Any]:
    """Who answers, with the agency, county and sector they answer from: an employer for one of
    the companies they represent, a jobseeker for themselves."""
    audiences = selectors.AUDIENCES_OF_ROLE.get(by.role) or ()
    if questionnaire.audience not in audiences:
        raise PermissionDenied(_("This questionnaire is not addressed to you."))
    if by.role == Role.EMPLOYER:
        if company is None or not companies_of(by).filter(pk=company.pk).exists():
            raise ValidationError({"company": _("Choose a company you represent.")})
        agency = Agency.objects.filter(county_id=company.county_id).first()
        return {
            "company": company,
            "county_id": company.county_id,
            "agency": agency,
            "sector": Sector.of_caen(company.caen_code),
        }
    profile = JobseekerProfile.objects.filter(user=by).first()
    if profile is None:
        raise PermissionDenied(_("This questionnaire is not addressed to you."))
    return {
        "profile": profile,
        "county_id": profile.county_id,
        "agency_id": profile.agency_id,
        "sector": "",
    }


@transaction.atomic
def questionnaire_answer(
    *,
    questionnaire: Questionnaire,
    by: User,
    answers: dict[str, Any],
    company: Company | None = None,
) -> QuestionnaireResponse:
    """Record a respondent's answers, once per period, each checked against its question
    (``answers`` maps ``Question.field_name`` to the value posted). Every error names its
    question; nothing is saved unless every answer is right."""
    today = timezone.localdate()
    if not questionnaire.is_answerable_on(today):
        raise ValidationError(_("This questionnaire is not open."))
    respondent = _respondent(questionnaire=questionnaire, by=by, company=company)
    questions = selectors.questionnaire_with_questions(questionnaire)
    unknown = set(answers) - {question.field_name for question in questions}
    if unknown:
        raise ValidationError(_("The answers name a question this questionnaire does not ask."))
    checked: list[tuple[Question, int | None, str, list[int]]] = []
    errors: dict[str, list[str]] = {}
    for question in questions:
        raw = answers.get(question.field_name)
        if _is_empty(raw):
            if question.required:
                errors[question.field_name] = [_("Answer this question.")]
            continue
        try:
            number, text, option_ids = _answer_of(question, raw)
        except ValidationError as error:
            errors[question.field_name] = error.messages
        else:
            checked.append((question, number, text, option_ids))
    if errors:
        raise ValidationError(errors)
    period = questionnaire.period_of(today)
    if QuestionnaireResponse.objects.filter(
        questionnaire=questionnaire, respondent=by, period=period
    ).exists():
        raise ValidationError(_("You have already answered this questionnaire."))
    response = QuestionnaireResponse(
        questionnaire=questionnaire, respondent=by, period=period, **respondent
    )
    response.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as error:  # the same answers posted twice at the same moment
        raise ValidationError(_("You have already answered this questionnaire.")) from error
    rows = Answer.objects.bulk_create(
        Answer(response=response, question=question, number=number, text=text)
        for question, number, text, _options in checked
    )
    Answer.options.through.objects.bulk_create(
        Answer.options.through(answer_id=row.pk, option_id=option_id)
        for row, (_question, _number, _text, option_ids) in zip(rows, checked, strict=True)
        for option_id in option_ids
    )
    access_record(kind=AccessKind.QUESTIONNAIRE, agency_id=response.agency_id)
    return response
