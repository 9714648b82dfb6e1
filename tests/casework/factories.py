"""Factories of the case-management tests: case files, plans with measures, interventions."""

import datetime

import factory
from django.utils import timezone

from casework import models
from tests.accounts.factories import UserFactory
from tests.jobseekers.factories import JobseekerProfileFactory


class CaseFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CaseFile

    profile = factory.SubFactory(JobseekerProfileFactory)
    owner = factory.SubFactory(UserFactory, counsellor=True)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Plan

    case_file = factory.SubFactory(CaseFileFactory)
    goal = "Angajare ca brutar în Cluj-Napoca"
    created_by = factory.LazyAttribute(lambda o: o.case_file.owner)

    class Params:
        issued = factory.Trait(
            status=models.PlanStatus.ISSUED, issued_at=factory.LazyFunction(timezone.now)
        )


def measure_type(code="information_counselling"):
    return models.MeasureType.objects.get(code=code)


class PlanMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PlanMeasure

    plan = factory.SubFactory(PlanFactory)
    measure_type = factory.LazyFunction(measure_type)
    responsible = factory.LazyAttribute(lambda o: o.plan.case_file.owner)
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))

    class Params:
        overdue = factory.Trait(
            deadline=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
        )


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Intervention

    case_file = factory.SubFactory(CaseFileFactory)
    happened_on = factory.LazyFunction(timezone.localdate)
    channel = models.Channel.IN_PERSON
    kind = models.InterventionKind.COUNSELLING
    note = "Discuție despre motivație și opțiuni de carieră."
    author = factory.LazyAttribute(lambda o: o.case_file.owner)

    class Params:
        sensitive_note = factory.Trait(sensitive=True, note="Dependență declarată; sprijin ANA.")


def answers_with(points_by_code):
    """Answers choosing, for each active factor, the option with the given points (0 if absent)."""
    answers = {}
    for factor in models.ProfilingFactor.objects.filter(active=True).prefetch_related("options"):
        wanted = points_by_code.get(factor.code, 0)
        answers[factor] = next(o for o in factor.options.all() if o.points == wanted)
    return answers


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral sent to a member organisation (the organisation has no representative unless
    the test gives it one: tests.network.factories.RepresentativeFactory)."""

    class Meta:
        model = models.Referral

    # a name of its own, so that a page showing the person is told apart from the member's own
    case_file = factory.SubFactory(
        CaseFileFactory,
        profile__user__first_name="Ioana",
        profile__user__last_name=factory.Sequence(lambda n: f"Vasilescu{n}"),
    )
    organisation = factory.SubFactory("tests.network.factories.OrganisationFactory")
    purpose = models.Referral.Purpose.OUTREACH
    note = "Sprijin pentru întocmirea CV-ului."
    contact = "0722 000 111"
    referred_by = factory.LazyAttribute(lambda o: o.case_file.owner)
