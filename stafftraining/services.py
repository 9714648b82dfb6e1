"""Writes of staff training: programmes, sessions and their lifecycle, enrolments, attendance and
exam results, certificates, evaluations. Notices to the trainees go through the outbox."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from puls.accounts.models import Role, User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.documents.services import document_create
from puls.formatting import date_long
from puls.notifications.services import users_notify
from puls.workflow import transition, transition_begin, transition_check

from . import selectors
from .models import (
    CertificateCounter,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    Programme,
    SessionStatus,
    TrainingSession,
)

PROGRAMME_FIELDS = (
    "title",
    "title_en",
    "programme_type",
    "target_group",
    "hours",
    "curriculum",
    "curriculum_en",
    "authorised",
    "authorisation_number",
    "authorisation_date",
    "has_final_exam",
)
SESSION_FIELDS = (
    "programme",
    "start_date",
    "end_date",
    "mode",
    "centre",
    "place",
    "trainer",
    "capacity",
)


class TrainingError(ValidationError):
    """A refused action, with the message the person sees."""


# --- Programmes (the national team) ---------------------------------------------------------------


@transaction.atomic
def programme_save(
    *,
    data: dict[str, Any],
    by: User,
    programme: Programme | None = None,
    curriculum_file: File | None = None,
    ip: str | None = None,
) -> Programme:
    """Create a programme, or change one; ``curriculum_file`` (a PDF) replaces its attachment."""
    created = programme is None
    programme = programme or Programme()
    for field in PROGRAMME_FIELDS:
        # the English texts are optional (puls.translated): kept when not given
        setattr(programme, field, data[field] if field in data else getattr(programme, field))
    if not programme.authorised:
        programme.authorisation_number, programme.authorisation_date = "", None
    if curriculum_file is not None:
        # Checked first with a stand-in, so that a refused programme stores no file.
        programme.curriculum_document_id = programme.curriculum_document_id or 0
        programme.full_clean(exclude=["curriculum_document"])
        programme.curriculum_document = document_create(
            owner=by, uploaded_file=curriculum_file, kind=_("Training curriculum")
        )
    programme.full_clean()
    programme.save()
    audit_record(
        actor=by,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        target=programme,
        ip=ip,
    )
    return programme


# --- Sessions -------------------------------------------------------------------------------------


def _managed(session: TrainingSession, by: User) -> None:
    if not selectors.sessions_managed_by(by).filter(pk=session.pk).exists():
        raise PermissionDenied(_("You do not run this session."))


@transaction.atomic
def session_create(*, data: dict[str, Any], by: User, ip: str | None = None) -> TrainingSession:
    """A planned session of the creator's agency, or national when the national team creates it."""
    if by.has_national_scope:
        agency = None
    elif by.role == Role.AGENCY_ADMIN:
        agency = by.agency
    else:
        raise PermissionDenied(_("Only agency administrators and the national team run sessions."))
    session = TrainingSession(agency=agency, created_by=by, **{f: data[f] for f in SESSION_FIELDS})
    session.full_clean()
    session.save()
    transition_begin(session, by=by)
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=session, ip=ip)
    return session


@transaction.atomic
def session_update(
    *, session: TrainingSession, data: dict[str, Any], by: User, ip: str | None = None
) -> TrainingSession:
    """Change a planned session; never fewer places than people already enrolled."""
    _managed(session, by)
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.PLANNED:
        raise TrainingError(_("Only a planned session can be changed."))
    for field in SESSION_FIELDS:
        setattr(session, field, data[field])
    taken = selectors.places_taken(session)
    if session.capacity < taken:
        raise TrainingError(
            {"capacity": _("%(taken)s people are already enrolled.") % {"taken": taken}}
        )
    session.full_clean()
    session.save()
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=session, ip=ip)
    return session


@transaction.atomic
def session_mark_held(*, session: TrainingSession, by: User) -> TrainingSession:
    """The session took place: attendance and exam results can now be recorded."""
    _managed(session, by)
    transition_check(session, to=SessionStatus.HELD)
    if session.start_date > timezone.localdate():
        raise TrainingError(
            _("The session starts on %(date)s: it cannot have been held yet.")
            % {"date": date_long(session.start_date)}
        )
    if not session.enrolments.filter(status=EnrolmentStatus.ENROLLED).exists():
        raise TrainingError(_("Nobody is enrolled in the session."))
    transition(session, to=SessionStatus.HELD, by=by)
    return session


@transaction.atomic
def session_close(*, session: TrainingSession, by: User) -> TrainingSession:
    """Close a held session: everyone's attendance (and exam result) must be recorded; those who
    attended and passed (or had no exam) get their numbered certificate."""
    _managed(session, by)
    session = (
        TrainingSession.objects.select_for_update().select_related("programme").get(pk=session.pk)
    )
    transition_check(session, to=SessionStatus.CLOSED)
    enrolments = list(session.enrolments.select_for_update())
    if any(e.status == EnrolmentStatus.ENROLLED for e in enrolments):
        raise TrainingError(
            _("Record the attendance of everyone enrolled before closing the session.")
        )
    attended = [e for e in enrolments if e.status == EnrolmentStatus.ATTENDED]
    if session.programme.has_final_exam and any(e.exam_passed is None for e in attended):
        raise TrainingError(
            _("Record the exam result of everyone who attended before closing the session.")
        )
    for enrolment in attended:
        if session.programme.has_final_exam and not enrolment.exam_passed:
            continue
        enrolment.certificate_number = _next_certificate_number()
        enrolment.certificate_issued_at = timezone.now()
        transition(
            enrolment,
            to=EnrolmentStatus.COMPLETED,
            by=by,
            update_fields=["certificate_number", "certificate_issued_at"],
        )
    transition(session, to=SessionStatus.CLOSED, by=by)
    return session


def _next_certificate_number() -> str:
    # Locked until commit (fetched FOR UPDATE, or inserted by this transaction), so two closings
    # never give the same number.
    year = timezone.localdate().year
    counter, _created = CertificateCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"IP-{year}-{counter.last_number:05d}"


@transaction.atomic
def session_cancel(*, session: TrainingSession, by: User, reason: str) -> TrainingSession:
    """Cancel a planned session: its enrolments are withdrawn and the trainees told why."""
    _managed(session, by)
    transition_check(session, to=SessionStatus.CANCELLED)
    reason = reason.strip()
    if not reason:
        raise TrainingError({"reason": _("Say why the session is cancelled.")})
    transition(session, to=SessionStatus.CANCELLED, by=by, reason=reason)
    enrolled = list(
        session.enrolments.filter(status=EnrolmentStatus.ENROLLED).select_related("trainee")
    )
    for enrolment in enrolled:
        transition(enrolment, to=EnrolmentStatus.WITHDRAWN, by=by, reason=reason)
    users_notify(
        users=[enrolment.trainee for enrolment in enrolled],
        subject=lambda: _("Training session cancelled"),
        message=lambda: (
            _("The session “%(session)s” has been cancelled. Reason: %(reason)s")
            % {"session": session, "reason": reason}
        ),
        link=reverse("stafftraining:mine"),
    )
    return session


# --- Enrolments -----------------------------------------------------------------------------------


@transaction.atomic
def enrolment_create(*, session: TrainingSession, trainee: User, by: User) -> Enrolment:
    """Enrol a member of staff in a planned session, within its places; tell them by e-mail."""
    _managed(session, by)
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.status != SessionStatus.PLANNED:
        raise TrainingError(_("Staff can be enrolled only in a planned session."))
    enrolment = Enrolment.objects.filter(session=session, trainee=trainee).first()
    if enrolment is not None and enrolment.status != EnrolmentStatus.WITHDRAWN:
        raise TrainingError(
            _("%(person)s is already enrolled in the session.") % {"person": trainee}
        )
    if not selectors.eligible_staff(session).filter(pk=trainee.pk).exists():
        raise TrainingError(
            _("%(person)s cannot be enrolled in this session.") % {"person": trainee}
        )
    if selectors.places_taken(session) >= session.capacity:
        raise TrainingError(
            _("The session is full (%(capacity)s places).") % {"capacity": session.capacity}
        )
    if enrolment is not None:
        enrolment.enrolled_by, enrolment.enrolled_at = by, timezone.now()
        transition(
            enrolment,
            to=EnrolmentStatus.ENROLLED,
            by=by,
            update_fields=["enrolled_by", "enrolled_at"],
        )
    else:
        enrolment = Enrolment(session=session, trainee=trainee, enrolled_by=by)
        enrolment.full_clean()
        try:
            with transaction.atomic():
                enrolment.save()
        except IntegrityError:
            raise TrainingError(
                _("%(person)s is already enrolled in the session.") % {"person": trainee}
            ) from None
        transition_begin(enrolment, by=by)
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=enrolment)
    users_notify(
        users=[trainee],
        subject=lambda: _("You are enrolled in a training session"),
        message=lambda: (
            _(
                "You have been enrolled in “%(programme)s”, %(start)s – %(end)s, %(where)s. "
                "Trainer: %(trainer)s."
            )
            % {
                "programme": session.programme,
                "start": date_long(session.start_date),
                "end": date_long(session.end_date),
                "where": session.venue or session.get_mode_display(),
                "trainer": session.trainer,
            }
        ),
        link=reverse("stafftraining:mine"),
    )
    return enrolment


def _locked(enrolment: Enrolment) -> Enrolment:
    """The enrolment as the database holds it now, locked, with its session and programme."""
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("session__programme", "trainee")
        .get(pk=enrolment.pk)
    )


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, by: User) -> Enrolment:
    """Take a trainee off a planned session, freeing the place."""
    _managed(enrolment.session, by)
    enrolment = _locked(enrolment)
    if enrolment.session.status != SessionStatus.PLANNED:
        raise TrainingError(_("Enrolments can be withdrawn only while the session is planned."))
    transition(enrolment, to=EnrolmentStatus.WITHDRAWN, by=by)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=enrolment)
    return enrolment


@transaction.atomic
def enrolment_record(
    *,
    enrolment: Enrolment,
    attended: bool,
    exam_score: Decimal | None,
    exam_passed: bool | None,
    by: User,
) -> Enrolment:
    """Record whether the trainee attended a held session and, if the programme has an exam,
    their result (score 0–100 and passed or not)."""
    _managed(enrolment.session, by)
    enrolment = _locked(enrolment)
    if enrolment.session.status != SessionStatus.HELD:
        raise TrainingError(
            _(
                "Attendance and exam results are recorded once the session is held, until it is closed."
            )
        )
    has_exam = enrolment.session.programme.has_final_exam
    if attended and has_exam:
        if (exam_score is None) != (exam_passed is None):
            raise TrainingError(
                _("Give both the exam score and whether the exam was passed, or neither yet.")
            )
    elif exam_score is not None or exam_passed is not None:
        raise TrainingError(
            _(
                "An exam result is recorded only for a trainee who attended a programme with a final exam."
            )
        )
    enrolment.exam_score, enrolment.exam_passed = exam_score, exam_passed
    enrolment.full_clean()
    target = EnrolmentStatus.ATTENDED if attended else EnrolmentStatus.ABSENT
    if enrolment.status == target:
        enrolment.save(update_fields=["exam_score", "exam_passed"])
    else:
        transition(enrolment, to=target, by=by, update_fields=["exam_score", "exam_passed"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=enrolment)
    return enrolment


# --- Evaluation questionnaire ---------------------------------------------------------------------


def _evaluated(enrolment: Enrolment) -> bool:
    try:
        enrolment.evaluation  # noqa: B018 - read through select_related where the caller used it
    except Evaluation.DoesNotExist:
        return False
    return True


def may_evaluate(enrolment: Enrolment) -> bool:
    """An attendee evaluates a session once it was held, once."""
    return (
        enrolment.status in (EnrolmentStatus.ATTENDED, EnrolmentStatus.COMPLETED)
        and enrolment.session.status in (SessionStatus.HELD, SessionStatus.CLOSED)
        and not _evaluated(enrolment)
    )


@transaction.atomic
def evaluation_submit(*, enrolment: Enrolment, by: User, answers: dict[str, Any]) -> Evaluation:
    if enrolment.trainee_id != by.pk:
        raise PermissionDenied(_("Only the trainee evaluates their session."))
    enrolment = Enrolment.objects.select_for_update().select_related("session").get(pk=enrolment.pk)
    if Evaluation.objects.filter(enrolment=enrolment).exists():
        raise TrainingError(_("You have already evaluated this session. Thank you!"))
    if not may_evaluate(enrolment):
        raise TrainingError(
            _("The session can be evaluated by those who attended, once it was held.")
        )
    evaluation = Evaluation(
        enrolment=enrolment,
        comment=answers.get("comment", ""),
        **{question: answers[question] for question in Evaluation.QUESTIONS},
    )
    evaluation.full_clean()
    evaluation.save()
    return evaluation
