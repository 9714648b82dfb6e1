"""Factories of the jobseekers tests: profiles with dossier rows, ESCO concepts, slots, bookings."""

import datetime
import itertools

import factory
from django.utils import timezone

from jobseekers import models
from puls.reference.models import (
    Agency,
    County,
    EscoOccupation,
    EscoOccupationLabel,
    IscoGroup,
    OccupationSkill,
    Skill,
    SkillLabel,
)
from tests.accounts.factories import UserFactory

_serials = itertools.count(1)


def make_cnp(*, first="2", birth="900312", county="12", serial=None):
    """A valid CNP (right control digit) for the given sex/century digit, YYMMDD and county."""
    serial = f"{(serial or next(_serials)) % 1000:03d}"
    body = f"{first}{birth}{county}{serial}"
    total = sum(int(d) * int(w) for d, w in zip(body, "279146358279", strict=True))
    control = total % 11
    return body + ("1" if control == 10 else str(control))


class IscoGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IscoGroup
        django_get_or_create = ["code"]

    code = "2512"
    level = 4
    uri = factory.LazyAttribute(lambda o: f"http://data.europa.eu/esco/isco/C{o.code}")
    preferred_labels = {"en": "Software developers", "ro": "Dezvoltatori de software"}


class EscoOccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EscoOccupation
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"2512.{n}")
    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/occupation/test-{n}")
    isco_group = factory.SubFactory(IscoGroupFactory)
    preferred_labels = factory.Sequence(
        lambda n: {"en": f"software developer {n}", "ro": f"dezvoltator software {n}"}
    )

    @factory.post_generation
    def labels(obj, create, extracted, **kwargs):
        """Label rows, which the reference searches read, from the preferred labels."""
        for language, label in obj.preferred_labels.items():
            EscoOccupationLabel.objects.create(
                occupation=obj,
                language=language,
                label=label,
                kind=EscoOccupationLabel.Kind.PREFERRED,
            )


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        skip_postgeneration_save = True

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/skill/test-{n}")
    skill_type = Skill.Type.SKILL
    preferred_labels = factory.Sequence(
        lambda n: {"en": f"programming skill {n}", "ro": f"competență de programare {n}"}
    )

    @factory.post_generation
    def labels(obj, create, extracted, **kwargs):
        for language, label in obj.preferred_labels.items():
            SkillLabel.objects.create(
                skill=obj, language=language, label=label, kind=SkillLabel.Kind.PREFERRED
            )


def link_skill(occupation, skill, relation=OccupationSkill.Relation.ESSENTIAL):
    return OccupationSkill.objects.create(
        occupation=occupation, skill=skill, relation_type=relation
    )


class JobseekerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.JobseekerProfile

    user = factory.SubFactory(UserFactory)
    cnp = factory.LazyFunction(make_cnp)
    birth_date = datetime.date(1990, 3, 12)
    birth_year = 1990
    sex = "F"
    phone = "0722123456"
    address = "Str. Memorandumului 28"
    county = factory.LazyFunction(lambda: County.objects.get(code="CJ"))
    locality = "Cluj-Napoca"
    agency = factory.LazyAttribute(lambda o: Agency.objects.get(county=o.county))
    status = models.LabourStatus.UNEMPLOYED
    consent_at = factory.LazyFunction(timezone.now)
    consent_notice_version = models.PRIVACY_NOTICE_VERSION


def counsellor_factory(county_code="CJ", **kwargs):
    return UserFactory(counsellor=True, agency=Agency.objects.get(county_id=county_code), **kwargs)


class AvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Availability

    counsellor = factory.LazyFunction(counsellor_factory)
    agency = factory.LazyAttribute(lambda o: o.counsellor.agency)
    weekday = 0
    start_time = datetime.time(9, 0)
    end_time = datetime.time(11, 0)
    slot_minutes = 30
    purpose = models.Purpose.COUNSELLING
    valid_from = factory.LazyFunction(timezone.localdate)


def aware(day, hour, minute=0):
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Slot

    counsellor = factory.LazyFunction(counsellor_factory)
    agency = factory.LazyAttribute(lambda o: o.counsellor.agency)
    start = factory.LazyFunction(
        lambda: aware(timezone.localdate() + datetime.timedelta(days=3), 10)
    )
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(minutes=30))
    purpose = models.Purpose.COUNSELLING


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Booking

    slot = factory.SubFactory(SlotFactory)
    profile = factory.SubFactory(JobseekerProfileFactory)
