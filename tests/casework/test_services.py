"""Case-management rules: profiling levels from data, overrides, plan and measure transitions,
overdue detection, the weekly digest, ownership and balancing."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from casework import selectors, services
from casework.models import (
    CaseFile,
    LevelThreshold,
    MeasureStatus,
    PlanStatus,
    ProfilingFactor,
)
from puls.workflow import TransitionRefused
from tests.accounts.factories import UserFactory, agency
from tests.jobseekers.factories import JobseekerProfileFactory

from .factories import CaseFileFactory, PlanFactory, PlanMeasureFactory, answers_with, measure_type

pytestmark = pytest.mark.django_db

HARDEST = {
    "age_band": 3,
    "education": 3,
    "time_out_of_work": 3,
    "work_experience": 3,
    "vulnerable_situation": 2,
}


@pytest.mark.parametrize(
    ("points", "level"),
    [
        ({}, "easy"),
        ({"age_band": 3, "education": 2}, "medium"),
        ({"age_band": 3, "education": 3, "time_out_of_work": 3}, "hard"),
        (HARDEST, "very_hard"),
    ],
)
def test_each_level_is_reachable(points, level):
    case_file = CaseFileFactory()
    result = services.profiling_record(
        case_file=case_file, answers=answers_with(points), by=case_file.owner
    )
    assert result.computed_level == level
    case_file.refresh_from_db()
    assert case_file.level == level
    assert selectors.current_levels_for([case_file.profile_id]) == {case_file.profile_id: level}


def test_weights_and_thresholds_are_read_from_the_data():
    case_file = CaseFileFactory()
    answers = answers_with({"age_band": 3})
    assert (
        services.profiling_record(
            case_file=case_file, answers=answers, by=case_file.owner
        ).computed_level
        == "easy"
    )
    ProfilingFactor.objects.filter(code="age_band").update(weight=Decimal("5"))
    result = services.profiling_record(
        case_file=case_file, answers=answers_with({"age_band": 3}), by=case_file.owner
    )
    assert result.score == Decimal("15")
    assert result.computed_level == "very_hard"
    assert result.deciding_factors()[0]["code"] == "age_band"
    LevelThreshold.objects.filter(level="very_hard").update(min_score=Decimal("16"))
    assert (
        services.profiling_record(
            case_file=case_file, answers=answers_with({"age_band": 3}), by=case_file.owner
        ).computed_level
        == "hard"
    )
    # The history keeps each profiling with the weights of its day.
    assert case_file.profilings.count() == 3
    assert case_file.profilings.last().answers[0]["weight"] == "1.00"


def test_a_missing_answer_is_refused():
    case_file = CaseFileFactory()
    answers = answers_with({})
    answers.pop(next(iter(answers)))
    with pytest.raises(ValidationError, match="Answer every question"):
        services.profiling_record(case_file=case_file, answers=answers, by=case_file.owner)
    assert not case_file.profilings.exists()


def test_override_with_reason_sets_the_current_level():
    case_file = CaseFileFactory()
    result = services.profiling_record(
        case_file=case_file, answers=answers_with({}), by=case_file.owner
    )
    services.profiling_override(
        result=result, level="hard", reason="Dependență nedeclarată", by=case_file.owner
    )
    case_file.refresh_from_db()
    assert case_file.level == "hard"
    result.refresh_from_db()
    assert (result.computed_level, result.level) == ("easy", "hard")


@pytest.mark.parametrize("reason", ["", "   "])
def test_override_without_reason_is_refused(reason):
    case_file = CaseFileFactory()
    result = services.profiling_record(
        case_file=case_file, answers=answers_with({}), by=case_file.owner
    )
    with pytest.raises(ValidationError, match="reason"):
        services.profiling_override(result=result, level="hard", reason=reason, by=case_file.owner)
    case_file.refresh_from_db()
    result.refresh_from_db()
    assert case_file.level == "easy" and result.override_level == ""


def test_only_the_latest_profiling_can_be_overridden():
    case_file = CaseFileFactory()
    first = services.profiling_record(
        case_file=case_file, answers=answers_with({}), by=case_file.owner
    )
    services.profiling_record(case_file=case_file, answers=answers_with({}), by=case_file.owner)
    with pytest.raises(ValidationError, match="latest"):
        services.profiling_override(result=first, level="hard", reason="x", by=case_file.owner)


def test_plan_lifecycle_and_reacknowledgement():
    case_file = CaseFileFactory()
    owner, person = case_file.owner, case_file.profile.user
    plan = services.plan_create(case_file=case_file, goal="Brutar", by=owner)
    with pytest.raises(ValidationError, match="at least one measure"):
        services.plan_issue(plan=plan, by=owner)
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    services.plan_measure_add(
        plan=plan, measure_type=measure_type(), responsible=owner, deadline=deadline, by=owner
    )
    with pytest.raises(ValidationError, match="not waiting"):
        services.plan_acknowledge(plan=plan, by=person)
    services.plan_issue(plan=plan, by=owner)
    assert len(mail.outbox) == 0 or mail.outbox[-1].to == [person.email]
    with pytest.raises(ValidationError, match="Only the person"):
        services.plan_acknowledge(plan=plan, by=owner)
    services.plan_acknowledge(plan=plan, by=person)
    assert plan.status == PlanStatus.ACKNOWLEDGED
    with pytest.raises(TransitionRefused, match="Only a draft plan"):
        services.plan_issue(plan=plan, by=owner)
    # A measure added afterwards sends the plan back to the person.
    services.plan_measure_add(
        plan=plan,
        measure_type=measure_type("job_club"),
        responsible=owner,
        deadline=deadline,
        by=owner,
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED and plan.acknowledged_at is None
    services.plan_close(plan=plan, by=owner, reason="Angajat")
    with pytest.raises(ValidationError, match="already closed"):
        services.plan_close(plan=plan, by=owner, reason="Din nou")
    assert [t.to_status for t in plan.transitions.all()] == [
        "draft",
        "issued",
        "acknowledged",
        "issued",
        "closed",
    ]


def test_a_second_open_plan_is_refused():
    plan = PlanFactory()
    with pytest.raises(ValidationError, match="already has an open plan"):
        services.plan_create(case_file=plan.case_file, goal="Alt plan", by=plan.created_by)


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("responsible", "responsible person and a deadline"),
        ("deadline", "responsible person and a deadline"),
    ],
)
def test_a_measure_without_deadline_or_responsible_is_refused(field, message):
    plan = PlanFactory()
    values = {
        "responsible": plan.created_by,
        "deadline": timezone.localdate() + datetime.timedelta(days=3),
        field: None,
    }
    with pytest.raises(ValidationError, match=message):
        services.plan_measure_add(
            plan=plan, measure_type=measure_type(), by=plan.created_by, **values
        )
    assert not plan.measures.exists()


def test_a_responsible_person_of_another_agency_is_refused():
    plan = PlanFactory()
    other = UserFactory(counsellor=True, agency=agency("AB"))
    with pytest.raises(ValidationError, match="work for the person's agency"):
        services.plan_measure_add(
            plan=plan,
            measure_type=measure_type(),
            responsible=other,
            deadline=timezone.localdate(),
            by=plan.created_by,
        )


def test_measure_transitions():
    measure = PlanMeasureFactory()
    owner = measure.plan.created_by
    services.measure_start(measure=measure, by=owner)
    with pytest.raises(ValidationError, match="Only a planned"):
        services.measure_start(measure=measure, by=owner)
    with pytest.raises(ValidationError, match="outcome"):
        services.measure_complete(measure=measure, by=owner, outcome=" ")
    services.measure_complete(measure=measure, by=owner, outcome="A participat la 3 sesiuni")
    assert measure.status == MeasureStatus.DONE and measure.completed_on == timezone.localdate()
    with pytest.raises(ValidationError, match="already finished"):
        services.measure_cancel(measure=measure, by=owner, reason="x")
    assert [t.to_status for t in measure.transitions.all()] == ["in_progress", "done"]


def test_overdue_detection():
    overdue = PlanMeasureFactory(overdue=True)
    owner = overdue.plan.case_file.owner
    PlanMeasureFactory(plan=overdue.plan)  # not due yet
    done = PlanMeasureFactory(
        plan=overdue.plan, overdue=True, status=MeasureStatus.DONE, outcome="Făcut"
    )
    assert list(selectors.overdue_measures_of(owner)) == [overdue]
    assert overdue.is_overdue and not done.is_overdue
    row = selectors.caseload_of(owner).get()
    assert row.overdue == 1 and row.next_deadline == overdue.deadline
    services.plan_close(plan=overdue.plan, by=owner, reason="Angajat")
    assert not selectors.overdue_measures_of(owner).exists()


def test_clients_without_a_plan_are_flagged_after_the_deadline(settings):
    settings.CASEWORK_PLAN_DUE_DAYS = 30
    owner = UserFactory(counsellor=True)
    late = CaseFileFactory(
        owner=owner,
        profile=JobseekerProfileFactory(registered_at=timezone.now() - datetime.timedelta(days=40)),
    )
    CaseFileFactory(owner=owner)  # registered today: still within the deadline
    PlanFactory(
        case_file=CaseFileFactory(
            owner=owner,
            profile=JobseekerProfileFactory(
                registered_at=timezone.now() - datetime.timedelta(days=40)
            ),
        )
    )
    assert list(selectors.clients_without_plan(owner)) == [late]


def test_weekly_digest_is_sent_once_a_week(django_capture_on_commit_callbacks):
    measure = PlanMeasureFactory(overdue=True)
    owner = measure.plan.case_file.owner
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send(counsellor_id=owner.pk, today=today) is True
    with django_capture_on_commit_callbacks(execute=True):  # a retry, later the same week
        later = min(
            today + datetime.timedelta(days=1), today + datetime.timedelta(days=6 - today.weekday())
        )
        assert services.digest_send(counsellor_id=owner.pk, today=later) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert str(measure.measure_type) in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.digest_send(counsellor_id=owner.pk, today=today + datetime.timedelta(days=7))
            is True
        )
    assert len(mail.outbox) == 2


def test_digest_task_queues_one_per_counsellor_with_cases(django_capture_on_commit_callbacks):
    from casework import tasks

    CaseFileFactory()
    CaseFileFactory()
    UserFactory(counsellor=True)  # no cases: no digest
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_weekly_digests.delay().get() == 2
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_weekly_digests.delay()
    assert len(mail.outbox) == 2


def test_weekly_digests_are_not_lost_when_the_broker_fails_mid_loop(
    django_capture_on_commit_callbacks, monkeypatch
):
    from casework import tasks
    from puls import tasks as queueing
    from puls.notifications.services import outbox_sweep
    from tests.outages import RedisServer, celery_broker

    monkeypatch.setattr(queueing, "_broker_paused_until", 0.0)
    CaseFileFactory()
    CaseFileFactory()
    broker = RedisServer()
    broker.stop()
    with celery_broker(broker.url), django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_weekly_digests() == 2  # as beat's worker runs it
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        outbox_sweep()  # the broker is back: the next sweep
    assert len(mail.outbox) == 2


def test_assignment_keeps_history_and_refuses_other_agencies():
    admin = UserFactory(agency_admin=True)
    case_file = CaseFileFactory()
    new_owner = UserFactory(counsellor=True)
    services.case_owner_assign(case_file=case_file, owner=new_owner, by=admin, reason="Concediu")
    assert CaseFile.objects.get(pk=case_file.pk).owner == new_owner
    assert case_file.assignments.get().to_owner == new_owner
    with pytest.raises(ValidationError, match="counsellor of the person's agency"):
        services.case_owner_assign(
            case_file=case_file, by=admin, owner=UserFactory(counsellor=True, agency=agency("AB"))
        )


def test_balancing_gives_cases_to_the_least_loaded():
    admin = UserFactory(agency_admin=True)
    busy, free = UserFactory(counsellor=True), UserFactory(counsellor=True)
    CaseFileFactory.create_batch(2, owner=busy)
    profiles = JobseekerProfileFactory.create_batch(3)
    assert services.caseload_balance(agency=admin.agency, by=admin, profiles=profiles) == 3
    loads = {user.pk: user.load for user in selectors.counsellor_loads(admin.agency)}
    assert loads[free.pk] == 2 and loads[busy.pk] == 3
