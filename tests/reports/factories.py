"""Factories of questionnaires defined as data."""

import datetime

import factory

from reports.models import Option, Question, Questionnaire


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    """A draft questionnaire for employers; ``open=True`` opens it (with the status only: the
    lifecycle's own checks are tested through the service)."""

    class Meta:
        model = Questionnaire

    code = factory.Sequence(lambda n: f"chestionar-{n}")
    title = factory.Sequence(lambda n: f"Chestionar de test {n}")
    title_en = factory.Sequence(lambda n: f"Test questionnaire {n}")
    audience = "employers"
    recurrence = "yearly"
    opens_on = datetime.date(2026, 1, 1)

    class Params:
        open = factory.Trait(status=Questionnaire.Status.OPEN)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Întrebarea {n}")
    text_en = factory.Sequence(lambda n: f"Question {n}")
    kind = Question.Kind.SCALE


def with_options(question, *texts):
    """Give a choice question its options, in order."""
    for position, text in enumerate(texts, start=1):
        Option.objects.create(question=question, position=position, text=text, text_en=text)
    return question
