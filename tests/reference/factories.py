"""Reference data for tests that need a few rows rather than the whole load."""

import factory

from puls.reference.models import (
    ConceptLabel,
    CorOccupation,
    EscoOccupation,
    EscoOccupationLabel,
    IscoGroup,
    OccupationSkill,
    Skill,
    SkillLabel,
)


class IscoGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IscoGroup
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{9000 + n}")
    uri = factory.LazyAttribute(lambda group: f"http://data.europa.eu/esco/isco/C{group.code}")
    level = factory.LazyAttribute(lambda group: len(group.code))
    preferred_labels = factory.LazyAttribute(lambda group: {"en": f"group {group.code}"})


class CorOccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CorOccupation

    code = factory.Sequence(lambda n: f"{900000 + n}")
    name = factory.Sequence(lambda n: f"ocupatie {n}")
    isco_group = factory.SubFactory(
        IscoGroupFactory, code=factory.LazyAttribute(lambda g: g.factory_parent.code[:4])
    )


class EscoOccupationFactory(factory.django.DjangoModelFactory):
    """An occupation with its English preferred label as a label row too (as the loader does)."""

    class Meta:
        model = EscoOccupation
        skip_postgeneration_save = True

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/occupation/test-{n}")
    code = factory.Sequence(lambda n: f"9999.{n}")
    isco_group = factory.SubFactory(IscoGroupFactory)
    preferred_labels = factory.Sequence(lambda n: {"en": f"occupation {n}"})

    @factory.post_generation
    def labels(obj, create, extracted, **kwargs):
        if not create:
            return
        for language, text in obj.preferred_labels.items():
            EscoOccupationLabel.objects.create(
                occupation=obj, language=language, label=text, kind=ConceptLabel.Kind.PREFERRED
            )
        for language, text in extracted or []:
            EscoOccupationLabel.objects.create(
                occupation=obj, language=language, label=text, kind=ConceptLabel.Kind.ALTERNATIVE
            )


class SkillFactory(factory.django.DjangoModelFactory):
    """A skill with its preferred labels as label rows; `labels=[(language, text)]` adds more."""

    class Meta:
        model = Skill
        skip_postgeneration_save = True

    uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/skill/test-{n}")
    skill_type = Skill.Type.SKILL
    preferred_labels = factory.Sequence(lambda n: {"en": f"skill {n}"})

    @factory.post_generation
    def labels(obj, create, extracted, **kwargs):
        if not create:
            return
        for language, text in obj.preferred_labels.items():
            SkillLabel.objects.create(
                skill=obj, language=language, label=text, kind=ConceptLabel.Kind.PREFERRED
            )
        for language, text in extracted or []:
            SkillLabel.objects.create(
                skill=obj, language=language, label=text, kind=ConceptLabel.Kind.ALTERNATIVE
            )


class OccupationSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OccupationSkill

    occupation = factory.SubFactory(EscoOccupationFactory)
    skill = factory.SubFactory(SkillFactory)
    relation_type = OccupationSkill.Relation.ESSENTIAL
