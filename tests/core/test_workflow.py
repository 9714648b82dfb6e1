"""Every lifecycle's declared table, run through the one engine: each allowed change works and is
logged, every other change is refused with the engine's error and leaves nothing behind."""

from functools import partial

import pytest
from django.apps import apps
from django.utils import translation

from casework.models import PlanStatus
from puls.workflow import TransitionLog, TransitionRefused, transition, transition_check
from tests.accounts.factories import UserFactory
from tests.casework.factories import PlanFactory, PlanMeasureFactory, ReferralFactory
from tests.employers.factories import CompanyFactory, SubsidyApplicationFactory, VacancyFactory
from tests.helpdesk.factories import HelpRequestFactory
from tests.helpdesk.factories import ProposalFactory as ImprovementProposalFactory
from tests.jobseekers.factories import BookingFactory
from tests.mediation.factories import ProposalFactory
from tests.network.factories import (
    ActionFactory,
    JointProjectFactory,
    MeetingFactory,
    MemberEventFactory,
    MinutesFactory,
    OrganisationFactory,
)
from tests.news.factories import AnnouncementFactory, NewsletterFactory
from tests.reports.factories import QuestionnaireFactory
from tests.stafftraining.factories import EnrolmentFactory, SessionFactory

pytestmark = pytest.mark.django_db

FACTORIES = {
    "employers.Company": CompanyFactory,
    "employers.Vacancy": VacancyFactory,
    "employers.SubsidyApplication": SubsidyApplicationFactory,
    "jobseekers.Booking": BookingFactory,
    # the fields the database requires of a rejected proposal or a done measure
    "mediation.Proposal": partial(ProposalFactory, rejection_reason="skills"),
    "casework.Plan": PlanFactory,
    "casework.PlanMeasure": partial(PlanMeasureFactory, outcome="Făcut"),
    # the reason of a declined referral and the outcome of an ended one
    "casework.Referral": partial(ReferralFactory, decline_reason="Fără locuri", result="Angajat"),
    "network.Organisation": OrganisationFactory,
    "network.Meeting": MeetingFactory,
    "network.Minutes": MinutesFactory,
    "network.Action": ActionFactory,
    "network.JointProject": JointProjectFactory,
    "network.MemberEvent": MemberEventFactory,
    "news.Announcement": AnnouncementFactory,
    "news.Newsletter": NewsletterFactory,
    "helpdesk.HelpRequest": HelpRequestFactory,
    "helpdesk.Proposal": ImprovementProposalFactory,
    "stafftraining.TrainingSession": SessionFactory,
    "stafftraining.Enrolment": EnrolmentFactory,
    "reports.Questionnaire": QuestionnaireFactory,
}


def _lifecycles():
    return sorted(model._meta.label for model in apps.get_models() if hasattr(model, "TRANSITIONS"))


def test_every_lifecycle_is_in_the_matrix_and_every_status_log_has_a_lifecycle():
    assert _lifecycles() == sorted(FACTORIES)
    status_logs = [
        model
        for model in apps.get_models()
        if issubclass(model, TransitionLog)
        and any(f.name == "to_status" for f in model._meta.fields)
    ]
    subjects = sorted(
        field.related_model._meta.label
        for log in status_logs
        for field in log._meta.fields
        if field.is_relation and field.remote_field.related_name == "transitions"
    )
    assert subjects == sorted(FACTORIES)


@pytest.mark.parametrize("label", sorted(FACTORIES))
def test_the_table_decides_every_change(label):
    model = apps.get_model(label)
    obj = FACTORIES[label]()
    by = UserFactory()
    statuses = [value for value, _label in model._meta.get_field("status").choices]
    wrong = []
    for source in statuses:
        for target in statuses:
            model.objects.filter(pk=obj.pk).update(status=source)
            obj.refresh_from_db()
            logs = obj.transitions.count()
            allowed = source in model.TRANSITIONS.get(target, ())
            try:
                transition(obj, to=target, by=by, reason="matrix")
            except TransitionRefused as error:
                obj.refresh_from_db()
                if allowed or obj.status != source or obj.transitions.count() != logs:
                    wrong.append((source, target, "refused", error.messages))
                continue
            obj.refresh_from_db()
            log = obj.transitions.order_by("pk").last()
            if not (
                allowed
                and obj.status == target
                and obj.transitions.count() == logs + 1
                and (log.from_status, log.to_status, log.by, log.reason)
                == (source, target, by, "matrix")
            ):
                wrong.append((source, target, "allowed"))
    assert wrong == []


def test_a_refusal_names_both_statuses_in_the_readers_language():
    vacancy = VacancyFactory(published=True)
    with pytest.raises(TransitionRefused) as refused:
        transition(vacancy, to="submitted", by=None)
    assert refused.value.messages == [
        "Vacancy: the status cannot change from “Published” to “Submitted to the agency”."
    ]
    with translation.override("ro"), pytest.raises(TransitionRefused) as refused:
        transition(vacancy, to="submitted", by=None)
    message = refused.value.messages[0]
    assert "Publicat" in message and "cannot" not in message


def test_a_service_may_narrow_the_declared_sources_but_never_widen_them():
    plan = PlanFactory.build(status=PlanStatus.DRAFT)
    transition_check(plan, to=PlanStatus.ISSUED, sources={PlanStatus.DRAFT})
    plan.status = PlanStatus.ACKNOWLEDGED  # declared for ISSUED, but not among these sources
    transition_check(plan, to=PlanStatus.ISSUED)
    with pytest.raises(TransitionRefused, match="Only a draft plan"):
        transition_check(plan, to=PlanStatus.ISSUED, sources={PlanStatus.DRAFT})
    with pytest.raises(ValueError, match="not declared"):
        transition_check(plan, to=PlanStatus.ISSUED, sources={PlanStatus.CLOSED})
