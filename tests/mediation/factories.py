"""A small world for mediation tests: an occupation with skills, a vacancy asking for them, and
people who hold some of them. Builds on the employers and jobseekers factories."""

import datetime

import factory
from django.utils import timezone

from jobseekers.models import Experience, SkillAssessment
from mediation.models import Proposal, ProposalStatus
from tests.employers.factories import VacancyFactory
from tests.jobseekers.factories import JobseekerProfileFactory
from tests.reference.factories import (
    CorOccupationFactory,
    EscoOccupationFactory,
    IscoGroupFactory,
    OccupationSkillFactory,
    SkillFactory,
)


def make_occupation(code="2512", *, essential=4, optional=2):
    """An ISCO unit group, a COR and an ESCO occupation in it, with essential/optional skills."""
    group = IscoGroupFactory(code=code, level=4)
    cor = CorOccupationFactory(code=f"{code}01", isco_group=group)
    esco = EscoOccupationFactory(isco_group=group)
    essential_skills = [SkillFactory() for _ in range(essential)]
    optional_skills = [SkillFactory() for _ in range(optional)]
    for skill in essential_skills:
        OccupationSkillFactory(occupation=esco, skill=skill)
    for skill in optional_skills:
        OccupationSkillFactory(occupation=esco, skill=skill, relation_type="optional")
    return cor, esco, essential_skills, optional_skills


def make_vacancy(cor, esco, essential, optional=(), **kwargs):
    kwargs.setdefault("published", True)
    vacancy = VacancyFactory(cor_occupation=cor, esco_occupation=esco, **kwargs)
    for skill in essential:
        vacancy.vacancy_skills.create(skill=skill, essential=True)
    for skill in optional:
        vacancy.vacancy_skills.create(skill=skill, essential=False)
    return vacancy


def make_person(skills=(), *, occupation=None, level=3, **kwargs):
    kwargs.setdefault("share_with_employers", True)
    profile = JobseekerProfileFactory(**kwargs)
    for skill in skills:
        SkillAssessment.objects.create(profile=profile, skill=skill, level=level)
    if occupation is not None:
        Experience.objects.create(
            profile=profile,
            occupation=occupation,
            employer_name="SC Test",
            start_date=timezone.localdate() - datetime.timedelta(days=1500),
            end_date=timezone.localdate() - datetime.timedelta(days=30),
        )
    return profile


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    vacancy = factory.SubFactory(VacancyFactory, published=True)
    profile = factory.SubFactory(JobseekerProfileFactory, share_with_employers=True)
    agency = factory.LazyAttribute(lambda o: o.profile.agency)
    score = 70
    status = ProposalStatus.PROPOSED

    class Params:
        sent = factory.Trait(status=ProposalStatus.SENT, sent_at=factory.LazyFunction(timezone.now))
