"""`manage.py evaluate_matching`: ranking quality on generated data whose true occupations are
known, against a baseline that matches occupation codes only.

A pool of people and a set of vacancies are drawn in memory by mediation.synthetic (nothing is
written), all in one county so that place does not decide. A person is relevant to a vacancy when
their true occupation is the vacancy's (gain 3) or in its ISCO-08 unit group (gain 1). For each
vacancy with at least one relevant person, both rankings are cut at 10: precision@10 counts the
relevant people, nDCG@10 weighs them by gain and rank. The baseline ranks by the occupation codes
people declared (experience and wishes): the same ESCO occupation first, then the same ISCO unit
group, ties in random order.
"""

import dataclasses
import math
import random

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mediation import facts, synthetic
from mediation.scoring import PersonFacts, VacancyFacts, score

CUTOFF = 10


def person_facts(position, person, isco_of, today):
    isco_years = {}
    for occupation_id, start, end in person.experience:
        code = isco_of[occupation_id]
        isco_years[code] = isco_years.get(code, 0.0) + facts.years_between(start, end, today)
    return PersonFacts(
        id=position,
        skills=person.skills,
        occupations=frozenset(occupation for occupation, _start, _end in person.experience),
        isco_years=isco_years,
        wished_occupations=frozenset(person.wished),
        wished_isco=frozenset(isco_of[occupation] for occupation in person.wished),
        education_rank=facts.EDUCATION_RANK.get(person.education, 0),
        languages={
            code: 6 if mother else facts.CEFR_RANK[level]
            for code, level, mother in person.languages
        },
        licences=frozenset(person.licences),
        county=person.county,
        locality=facts.locality_key(person.locality),
        wished_counties=frozenset(person.wished_counties),
        willing_to_commute=person.willing_to_commute,
        willing_to_relocate=person.willing_to_relocate,
        minimum_pay=person.minimum_pay,
        schedule=person.schedule,
        status=person.status,
    )


def vacancy_facts(position, vacancy, isco_of):
    return VacancyFacts(
        id=position,
        essential=tuple(vacancy.essential),
        optional=tuple(skill for skill in vacancy.optional if skill not in vacancy.essential),
        esco_occupation=vacancy.occupation,
        isco_code=isco_of[vacancy.occupation],
        education_rank=facts.EDUCATION_RANK.get(vacancy.education, 0),
        experience_years=vacancy.experience_years,
        languages={code: facts.CEFR_RANK[level] for code, level in vacancy.languages},
        licences=frozenset(vacancy.licences),
        county=vacancy.county,
        locality=facts.locality_key(vacancy.locality),
        pay_max=float(vacancy.pay_max),
        schedule=vacancy.schedule,
    )


def code_match(person, vacancy):
    """The baseline: 2 for a declared ESCO occupation equal to the vacancy's, 1 for one in the
    same ISCO unit group, else 0."""
    if vacancy.esco_occupation in person.occupations | person.wished_occupations:
        return 2
    return 1 if vacancy.isco_code in set(person.isco_years) | person.wished_isco else 0


def ndcg(gains, ideal):
    def dcg(values):
        return sum(gain / math.log2(rank + 2) for rank, gain in enumerate(values[:CUTOFF]))

    best = dcg(sorted(ideal, reverse=True))
    return dcg(gains) / best if best else 0.0


class Command(BaseCommand):
    help = (
        "Reports precision@10 and nDCG@10 of the matching score and of an occupation-code "
        "baseline on generated data (needs load_reference)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=3000)
        parser.add_argument("--vacancies", type=int, default=150)
        parser.add_argument("--county", default="CJ")
        parser.add_argument("--seed", type=int, default=11)

    def handle(self, *args, people, vacancies, county, seed, **options):
        try:
            generator = synthetic.Generator(seed=seed)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        today = timezone.localdate()
        isco_of = {occupation.id: occupation.isco for occupation in generator.occupations}
        pool = [generator.person(today=today, county=county) for _ in range(people)]
        persons = [
            person_facts(position, person, isco_of, today) for position, person in enumerate(pool)
        ]
        drafts = [generator.vacancy(county=county) for _ in range(vacancies)]
        context = facts.build_context()
        shuffle = random.Random(seed)
        totals = {"engine": [0.0, 0.0], "baseline": [0.0, 0.0]}
        evaluated = 0
        for position, draft in enumerate(drafts):
            vacancy = vacancy_facts(position, dataclasses.replace(draft, county=county), isco_of)
            gains = [
                3
                if person.true_occupation == draft.occupation
                else 1
                if isco_of[person.true_occupation] == vacancy.isco_code
                else 0
                for person in pool
            ]
            if not any(gains):
                continue
            evaluated += 1
            engine = sorted(
                range(len(persons)),
                key=lambda index: (-score(persons[index], vacancy, context).score, index),
            )
            order = list(range(len(persons)))
            shuffle.shuffle(order)

            baseline = sorted(order, key=lambda index: -code_match(persons[index], vacancy))
            for name, ranking in (("engine", engine), ("baseline", baseline)):
                top = [gains[index] for index in ranking[:CUTOFF]]
                totals[name][0] += sum(1 for gain in top if gain) / CUTOFF
                totals[name][1] += ndcg(top, gains)
        if not evaluated:
            raise CommandError("No vacancy had a relevant person: raise --people.")
        self.stdout.write(
            f"{evaluated} vacancies with relevant people, pool of {people} "
            f"people in {county} (seed {seed})"
        )
        for name, label in (
            ("engine", "competence matching (mediation.scoring)"),
            ("baseline", "occupation codes only (baseline)"),
        ):
            precision, gain = (value / evaluated for value in totals[name])
            self.stdout.write(f"{label:<42} precision@10 {precision:.3f}   nDCG@10 {gain:.3f}")
