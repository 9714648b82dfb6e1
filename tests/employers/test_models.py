"""Model rules: the working-day deadline of the legal notice, pay range, constraints."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from employers.models import SubsidyAmount, SubsidyProgramme

from .factories import SubsidyProgrammeFactory, VacancyFactory

pytestmark = pytest.mark.django_db


def test_deadline_skips_a_weekend_and_two_public_holidays():
    # Friday 27 November 2026; 30 November (St Andrew) and 1 December (National Day) are
    # holidays, 28–29 November a weekend: the fifth working day after is Tuesday 8 December.
    vacancy = VacancyFactory.build(vacant_since=datetime.date(2026, 11, 27))

    assert vacancy.communication_deadline == datetime.date(2026, 12, 8)


def test_deadline_of_an_ordinary_week_is_the_same_weekday_a_week_later():
    vacancy = VacancyFactory.build(vacant_since=datetime.date(2026, 3, 2))  # a Monday

    assert vacancy.communication_deadline == datetime.date(2026, 3, 9)


@pytest.mark.parametrize(
    ("communicated", "on_time"),
    [
        (datetime.date(2026, 12, 8), True),
        (datetime.date(2026, 12, 9), False),
    ],
)
def test_communicated_on_time_compares_the_bucharest_date_with_the_deadline(communicated, on_time):
    # 23:30 in Bucharest is still the same day, though UTC says 21:30.
    moment = timezone.make_aware(datetime.datetime.combine(communicated, datetime.time(23, 30)))
    vacancy = VacancyFactory.build(vacant_since=datetime.date(2026, 11, 27), communicated_at=moment)

    assert vacancy.communicated_on_time is on_time


def test_clean_refuses_a_minimum_pay_above_the_maximum():
    vacancy = VacancyFactory.build(pay_min=Decimal("9000"), pay_max=Decimal("6000"))

    with pytest.raises(ValidationError) as error:
        vacancy.clean()

    assert "pay_max" in error.value.message_dict


def test_clean_refuses_an_unknown_driving_licence_category():
    vacancy = VacancyFactory.build(driving_licences=["B", "Z"])

    with pytest.raises(ValidationError) as error:
        vacancy.clean()

    assert "Z" in error.value.message_dict["driving_licences"][0]


def test_the_database_refuses_more_open_posts_than_posts():
    vacancy = VacancyFactory(posts=1)
    vacancy.open_posts = 2

    with pytest.raises(IntegrityError):
        vacancy.save()


def test_the_terms_in_force_are_the_latest_that_took_effect_by_that_day():
    programme = SubsidyProgrammeFactory(terms=False)
    SubsidyAmount.objects.create(
        programme=programme,
        amount=Decimal("1000"),
        months_paid=6,
        effective_from=datetime.date(2025, 1, 1),
    )
    SubsidyAmount.objects.create(
        programme=programme,
        amount=Decimal("1500"),
        months_paid=12,
        months_to_keep=18,
        effective_from=datetime.date(2026, 7, 1),
    )

    assert programme.terms_on(datetime.date(2024, 12, 31)) is None
    assert programme.terms_on(datetime.date(2026, 6, 30)).months_paid == 6
    later = programme.terms_on(datetime.date(2026, 7, 1))
    assert (later.amount, later.months_paid, later.months_to_keep) == (Decimal("1500"), 12, 18)


@pytest.mark.parametrize(
    ("months_paid", "months_to_keep"), [(None, None), (0, None), (121, None), (12, 0)]
)
def test_terms_need_the_months_paid_and_whole_positive_durations(months_paid, months_to_keep):
    row = SubsidyAmount(
        programme=SubsidyProgrammeFactory(terms=False),
        amount=Decimal("2250"),
        months_paid=months_paid,
        months_to_keep=months_to_keep,
        effective_from=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError):
        row.full_clean()


def test_a_programme_accepts_applications_only_open_and_with_terms_in_force():
    today = datetime.date(2026, 3, 1)
    accepting = SubsidyProgrammeFactory()
    SubsidyProgrammeFactory(closed=True)
    SubsidyProgrammeFactory(is_open=True, terms=False)
    future = SubsidyProgrammeFactory(terms=False)
    SubsidyAmount.objects.create(
        programme=future, amount=1, months_paid=1, effective_from=datetime.date(2026, 4, 1)
    )
    without_duration = SubsidyProgrammeFactory(terms=False)
    SubsidyAmount.objects.create(  # entered before durations were recorded
        programme=without_duration, amount=1, effective_from=datetime.date(2020, 1, 1)
    )

    assert list(SubsidyProgramme.objects.accepting_applications(today)) == [accepting]
