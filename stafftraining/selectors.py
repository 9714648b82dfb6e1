"""Reads of staff training, each narrowed to what the asking user may see (out of scope → 404)."""

from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext as _

from puls.accounts.models import Role, User
from puls.reference.models import Agency

from .models import (
    HOLDING_A_PLACE,
    Enrolment,
    EnrolmentStatus,
    Evaluation,
    Indicator,
    Programme,
    SessionMode,
    SessionStatus,
    TargetGroup,
    TrainingSession,
    TrainingTarget,
)

AUTHORISED_MIN_HOURS = 40  # the seeds' authorised programmes: 40 hours plus the final exam
HELD = [SessionStatus.HELD, SessionStatus.CLOSED]


def programmes() -> QuerySet[Programme]:
    """The national catalogue: every member of staff may read it."""
    return Programme.objects.select_related("curriculum_document")


def sessions_managed_by(user: User) -> QuerySet[TrainingSession]:
    """An agency administrator's agency sessions; the national team's national sessions."""
    sessions = TrainingSession.objects.select_related("programme", "agency", "centre")
    if user.has_national_scope:
        return sessions.filter(agency__isnull=True)
    if user.role == Role.AGENCY_ADMIN and user.agency_id:
        return sessions.filter(agency_id=user.agency_id)
    return sessions.none()


def session_list(user: User) -> QuerySet[TrainingSession]:
    return (
        sessions_managed_by(user)
        .annotate(enrolled=Count("enrolments", filter=Q(enrolments__status__in=HOLDING_A_PLACE)))
        .order_by("-start_date", "-pk")
    )


def places_taken(session: TrainingSession) -> int:
    return session.enrolments.filter(status__in=HOLDING_A_PLACE).count()


def session_enrolments(session: TrainingSession) -> QuerySet[Enrolment]:
    return session.enrolments.select_related("trainee", "trainee__agency", "evaluation")


def eligible_staff(session: TrainingSession) -> QuerySet[User]:
    """Who may be trained in the session: active staff of its agency, or of any agency (and the
    national team) for a national session."""
    staff = User.objects.filter(is_active=True, role__in=Role.staff_roles()).select_related(
        "agency"
    )
    if session.agency_id:
        staff = staff.filter(agency_id=session.agency_id, role__in=Role.agency_roles())
    return staff.order_by("last_name", "first_name", "email")


def enrolable_staff(session: TrainingSession) -> QuerySet[User]:
    """The eligible staff not enrolled yet (the choices of the enrolment form)."""
    return eligible_staff(session).exclude(
        pk__in=session.enrolments.filter(status__in=HOLDING_A_PLACE).values("trainee_id")
    )


def enrolments_of(user: User) -> QuerySet[Enrolment]:
    """A member of staff's own trainings, newest first ("Instruirile mele")."""
    return (
        Enrolment.objects.filter(trainee=user)
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .select_related(
            "session",
            "session__programme",
            "session__agency",
            "session__centre",
            "evaluation",
        )
        .order_by("-session__start_date", "-pk")
    )


def enrolments_visible_to(user: User) -> QuerySet[Enrolment]:
    """The trainee's own enrolments and those of the sessions the user manages (certificates)."""
    return Enrolment.objects.filter(
        Q(trainee=user) | Q(session__in=sessions_managed_by(user))
    ).select_related("session", "session__programme", "session__agency", "trainee")


def evaluation_summary(session: TrainingSession) -> dict[str, Any]:
    """The session's averages per question (1–5) and its comments, without names."""
    evaluations = Evaluation.objects.filter(enrolment__session=session)
    averages = evaluations.aggregate(
        answers=Count("pk"), **{question: Avg(question) for question in Evaluation.QUESTIONS}
    )
    labels = {field.name: field.verbose_name for field in Evaluation._meta.fields}
    return {
        "answers": averages.pop("answers"),
        "questions": [(labels[question], averages[question]) for question in Evaluation.QUESTIONS],
        "comments": list(
            evaluations.exclude(comment="")
            .order_by("submitted_at")
            .values_list("comment", flat=True)
        ),
    }


def curriculum_documents_rule(user: User) -> Q | None:
    """puls.documents access rule: staff read the curricula attached to programmes."""
    if user.role not in Role.staff_roles():
        return None
    return Q(
        pk__in=Programme.objects.exclude(curriculum_document=None).values("curriculum_document_id")
    )


# --- Indicators against the projects' targets -----------------------------------------------------


def _completed(agency: Agency | None) -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.filter(status=EnrolmentStatus.COMPLETED)
    if agency is not None:
        enrolments = enrolments.filter(trainee__agency=agency)
    return enrolments


def _people(enrolments: QuerySet[Enrolment]) -> int:
    return enrolments.values("trainee_id").distinct().count()


def _authorised(path: str = "programme") -> Q:
    """Authorised programmes of at least 40 hours with a final exam, reached through ``path``."""
    return Q(
        **{
            f"{path}__authorised": True,
            f"{path}__has_final_exam": True,
            f"{path}__hours__gte": AUTHORISED_MIN_HOURS,
        }
    )


def staff_trained(agency: Agency | None = None) -> int:
    """Distinct members of staff who completed a session (certificate issued), national or of
    one agency: SMART-SPO's condition 3 (reports) and the indicator of the same name."""
    return _people(_completed(agency))


def indicator_values(agency: Agency | None = None) -> dict[str, int]:
    """Each indicator's live figure, national or for one agency: distinct people who completed
    (certificate issued), and sessions held or closed."""
    completed = _completed(agency)
    puls = completed.filter(session__programme__target_group=TargetGroup.PULS_USE)
    authorised = completed.filter(_authorised("session__programme"))
    sessions = TrainingSession.objects.filter(status__in=HELD)
    if agency is not None:
        sessions = sessions.filter(agency=agency)
    return {
        Indicator.PULS_FACE_TO_FACE: _people(puls.filter(session__mode=SessionMode.FACE_TO_FACE)),
        Indicator.PULS_ONLINE: _people(puls.filter(session__mode=SessionMode.ONLINE)),
        Indicator.PULS_TOTAL: _people(puls),
        Indicator.PULS_SESSIONS: sessions.filter(
            programme__target_group=TargetGroup.PULS_USE
        ).count(),
        Indicator.AUTHORISED_CLIENT_SERVICES: _people(
            authorised.filter(session__programme__target_group=TargetGroup.CLIENT_SERVICES)
        ),
        Indicator.AUTHORISED_FORECASTING: _people(
            authorised.filter(session__programme__target_group=TargetGroup.FORECASTING)
        ),
        Indicator.AUTHORISED_TOTAL: _people(authorised),
        Indicator.AUTHORISED_SESSIONS: sessions.filter(_authorised()).count(),
        Indicator.STAFF_TRAINED: staff_trained(agency),
    }


def indicator_rows(agency: Agency | None = None) -> list[dict[str, Any]]:
    """One row per target: the indicator, its target and source, the national figure and its
    share of the target, and the agency's figure when one is given."""
    national = indicator_values()
    local = indicator_values(agency) if agency is not None else None
    rows = []
    for target in TrainingTarget.objects.all():
        reached = national.get(target.indicator, 0)
        rows.append(
            {
                "indicator": target.indicator,
                "label": target.get_indicator_display(),
                "target": target.target,
                "source": target.source,
                "seed": target.seed,
                "reached": reached,
                "percent": round(100 * reached / target.target, 1) if target.target else None,
                "agency": local.get(target.indicator, 0) if local is not None else None,
            }
        )
    return rows


def indicator_table(agency: Agency | None = None) -> tuple[list[str], list[list[Any]]]:
    """The rows above as an export's header and rows (numbers as numbers)."""
    rows = indicator_rows(agency)
    header = [_("Indicator"), _("Target"), _("Reached (national)"), _("% of the target")]
    if agency is not None:
        header.append(_("Reached in %(agency)s") % {"agency": agency})
    header.extend([_("Source"), _("Seed document")])
    table = []
    for row in rows:
        line: list[Any] = [str(row["label"]), row["target"], row["reached"], row["percent"]]
        if agency is not None:
            line.append(row["agency"])
        line.extend([row["source"], row["seed"]])
        table.append(line)
    return header, table
