"""An honest evaluation of the ranking: generated cases whose true occupations are known, three
rankings on the same cases, metrics overall and by segment. Used by ``manage.py evaluate_matching``.

The cases are drawn from ESCO's occupation–skill relations with a noise model of their own, not
from the engine's formulas: no specificity weights, no saturation, no levels that mean anything.

* The occupations: ``families`` seed occupations, each with up to three neighbours that share the
  most skills with it (the hardest confusions: a welder and a metal fabricator), demand Zipf-like.
* A person has a true occupation. Each of its essential skills is in their dossier with a
  probability of their own (how completely they documented it, 25–75 %), an optional one at a
  third of that; one in eight is written as a broader or narrower ESCO skill instead; plus skills
  of a former occupation, transversal skills ("use a computer") and random ones; levels at random.
* Segments, by what the person declared: ``own`` (a current job in the true occupation, 55 %),
  ``previous`` (career changers: only a former job in another occupation, fewer skills of the new
  one and many of the old, 25 %), ``none`` (no experience declared, 20 %). Wishes: often the true
  occupation, sometimes another.
* A vacancy lists only part of its occupation's skills (3–8 essential, 0–3 optional), one in ten
  written as a related skill, sometimes a transversal one added.

Relevance: a person whose true occupation is the vacancy's (gain 3) or in its ISCO-08 unit group
(gain 1). Rankings: ``production`` (mediation.scoring, the weights in use), ``bm25`` (Okapi BM25
over skill ids, k1 1.2, b 0.75, the vacancy's skills as the query and each person's as the
document, or the reverse), ``codes`` (the declared codes: same ESCO occupation, then same unit
group, in experience or wishes; ties in random order). Metrics per query, then averaged: nDCG@10,
precision@10, recall@50 and MRR (reciprocal rank of the first relevant result).

Segments of vacancy → people keep, for segment S, the relevant people of S and every
non-relevant person (the relevant people of other segments are left out of that list), so each
segment says how well its people are found against the same competition. Person → vacancies
groups the people asking by segment. Scopes: ``national`` (everyone, every vacancy) and
``county`` (the vacancy's county, or the person's).
"""

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from puls.reference.models import EscoOccupation, OccupationSkill, Skill

from . import facts, synthetic
from .scoring import PersonFacts, VacancyFacts, score

RANKINGS = ("production", "bm25", "codes")
METRICS = ("ndcg10", "p10", "r50", "mrr")
METRIC_LABELS = {"ndcg10": "nDCG@10", "p10": "P@10", "r50": "R@50", "mrr": "MRR"}
SEGMENTS = ("all", "own", "previous", "none")
SCOPES = ("national", "county")
DIRECTIONS = ("vacancy_people", "person_vacancies")
DIRECTION_LABELS = {"vacancy_people": "vacancy → people", "person_vacancies": "person → vacancies"}
# Neighbouring counties, so that commuting and place matter as they do in a region.
COUNTIES = ("CJ", "BH", "AB", "SJ", "MS", "BN")
BM25_K1 = 1.2
BM25_B = 0.75


@dataclass
class Case:
    """A person of the evaluation: the facts the rankings see, the truth they do not."""

    facts: PersonFacts
    true_occupation: int
    segment: str


@dataclass
class Job:
    facts: VacancyFacts
    occupation: int


@dataclass
class Cases:
    people: list
    vacancies: list
    isco_of: dict
    families: list = field(default_factory=list)


class CaseGenerator:
    """Draws the cases from the reference data, deterministically by seed."""

    def __init__(self, *, seed, families=30):
        self.random = random.Random(seed)
        self.synthetic = synthetic.Generator(seed=seed + 1)
        essential = defaultdict(list)
        optional = defaultdict(list)
        for occupation_id, skill_id, relation in OccupationSkill.objects.order_by(
            "occupation_id", "skill_id"
        ).values_list("occupation_id", "skill_id", "relation_type"):
            (essential if relation == "essential" else optional)[occupation_id].append(skill_id)
        self.essential, self.optional = essential, optional
        self.isco_of = dict(EscoOccupation.objects.values_list("pk", "isco_group__code"))
        candidates = sorted(pk for pk in essential if len(essential[pk]) >= 6)
        if not candidates:
            raise RuntimeError("No ESCO occupations with skills: run manage.py load_reference.")
        through = Skill.broader_skills.through
        self.variants = defaultdict(list)
        for narrower, broader in through.objects.values_list("from_skill_id", "to_skill_id"):
            self.variants[narrower].append(broader)
            self.variants[broader].append(narrower)
        counts = defaultdict(int)
        holders = defaultdict(list)
        for occupation in essential:
            for skill_id in set(essential[occupation]) | set(optional[occupation]):
                counts[skill_id] += 1
                holders[skill_id].append(occupation)
        ranked = sorted(counts, key=lambda skill_id: (-counts[skill_id], skill_id))
        self.transversal = ranked[:200]
        self.all_skills = ranked
        self.families = self._families(candidates, holders, families)
        universe = [occupation for family in self.families for occupation in family]
        self.random.shuffle(universe)
        self.universe = universe
        self.demand = [1.0 / (rank + 1) ** 0.7 for rank in range(len(universe))]
        self.family_of = {occupation: family for family in self.families for occupation in family}

    def _families(self, candidates, holders, count):
        """Seed occupations and the neighbours sharing the most skills with each (Jaccard)."""
        families = []
        taken = set()
        seeds = self.random.sample(candidates, min(len(candidates), count * 3))
        for seed in seeds:
            if len(families) >= count:
                break
            if seed in taken:
                continue
            mine = set(self.essential[seed]) | set(self.optional[seed])
            shared = defaultdict(int)
            for skill_id in mine:
                for other in holders[skill_id]:
                    if other != seed:
                        shared[other] += 1
            neighbours = []
            for other, common in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
                if other in taken or len(self.essential[other]) < 6:
                    continue
                theirs = set(self.essential[other]) | set(self.optional[other])
                if common / len(mine | theirs) < 0.15:
                    break
                neighbours.append(other)
                if len(neighbours) == 3:
                    break
            family = [seed, *neighbours]
            taken.update(family)
            families.append(family)
        return families

    def occupation(self):
        return self.random.choices(self.universe, weights=self.demand)[0]

    def _written(self, skill_id, share):
        """The skill, or now and then a broader or narrower one written instead."""
        variants = self.variants.get(skill_id)
        if variants and self.random.random() < share:
            return self.random.choice(variants)
        return skill_id

    def _skills_of(self, occupation, completeness, skills):
        rng = self.random
        for skill_id in self.essential[occupation]:
            if rng.random() < completeness:
                skills.setdefault(self._written(skill_id, 0.125), self._level())
        for skill_id in self.optional[occupation]:
            if rng.random() < completeness / 3:
                skills.setdefault(self._written(skill_id, 0.125), self._level())

    def _level(self):
        return self.random.choices([1, 2, 3, 4], weights=[15, 35, 35, 15])[0]

    def person(self, position, *, today):
        rng = self.random
        true = self.occupation()
        roll = rng.random()
        segment = "own" if roll < 0.55 else "previous" if roll < 0.80 else "none"
        former = None
        if segment == "previous" or (segment == "own" and rng.random() < 0.3):
            family = self.family_of[true]
            others = [occupation for occupation in family if occupation != true]
            if others and rng.random() < 0.5:
                former = rng.choice(others)
            else:
                former = rng.choice(
                    [occupation for occupation in self.universe if occupation != true]
                )
        skills = {}
        completeness = rng.uniform(0.2, 0.6) if segment == "previous" else rng.uniform(0.25, 0.75)
        self._skills_of(true, completeness, skills)
        if former is not None:
            self._skills_of(former, rng.uniform(0.2, 0.5), skills)
        for skill_id in rng.sample(self.transversal, rng.randint(0, 3)):
            skills.setdefault(skill_id, self._level())
        for _ in range(rng.randint(0, 2)):
            skills.setdefault(rng.choice(self.all_skills), self._level())
        while len(skills) < 2:
            skills.setdefault(rng.choice(self.essential[true]), self._level())
        experience = []  # (occupation, years, current)
        if segment == "own":
            experience.append((true, rng.uniform(1, 12), True))
        if former is not None:
            experience.append((former, rng.uniform(1, 10), False))
        wished = []
        if rng.random() < (0.5 if segment == "previous" else 0.4):
            wished.append(true)
        if rng.random() < 0.15:
            wished.append(rng.choice(self.universe))
        county = rng.choices(COUNTIES, weights=[5, 4, 3, 2, 3, 2])[0]
        base = self.synthetic.person(today=today, county=county)
        isco_years = defaultdict(float)
        for occupation, years, _current in experience:
            isco_years[self.isco_of[occupation]] += years
        person = PersonFacts(
            id=position,
            skills=skills,
            occupations=frozenset(occupation for occupation, _years, _current in experience),
            isco_years=dict(isco_years),
            wished_occupations=frozenset(wished),
            wished_isco=frozenset(self.isco_of[occupation] for occupation in wished),
            education_rank=facts.EDUCATION_RANK.get(base.education, 0),
            languages={
                code: 6 if mother else facts.CEFR_RANK[level]
                for code, level, mother in base.languages
            },
            licences=frozenset(base.licences),
            county=county,
            locality=facts.locality_key(base.locality),
            wished_counties=frozenset(base.wished_counties),
            willing_to_commute=base.willing_to_commute,
            willing_to_relocate=base.willing_to_relocate,
            minimum_pay=base.minimum_pay,
            schedule=base.schedule,
            status=base.status,
            current_occupations=frozenset(
                occupation for occupation, _years, current in experience if current
            ),
            current_isco=frozenset(
                self.isco_of[occupation] for occupation, _years, current in experience if current
            ),
        )
        return Case(facts=person, true_occupation=true, segment=segment)

    def vacancy(self, position):
        rng = self.random
        occupation = self.occupation()
        county = rng.choices(COUNTIES, weights=[5, 4, 3, 2, 3, 2])[0]
        base = self.synthetic.vacancy(county=county)
        essential_all = self.essential[occupation]
        listed = rng.sample(essential_all, rng.randint(3, min(8, len(essential_all))))
        essential = list(dict.fromkeys(self._written(skill_id, 0.1) for skill_id in listed))
        if rng.random() < 0.2:
            essential.append(rng.choice(self.transversal))
        optional_all = self.optional[occupation]
        optional = [
            skill_id
            for skill_id in rng.sample(optional_all, min(len(optional_all), rng.randint(0, 3)))
            if skill_id not in essential
        ]
        vacancy = VacancyFacts(
            id=position,
            essential=tuple(dict.fromkeys(essential)),
            optional=tuple(optional),
            esco_occupation=occupation,
            isco_code=self.isco_of[occupation],
            education_rank=facts.EDUCATION_RANK.get(base.education, 0),
            experience_years=base.experience_years,
            languages={code: facts.CEFR_RANK[level] for code, level in base.languages},
            licences=frozenset(base.licences),
            county=county,
            locality=facts.locality_key(base.locality),
            pay_max=float(base.pay_max),
            schedule=base.schedule,
        )
        return Job(facts=vacancy, occupation=occupation)

    def cases(self, *, people, vacancies, today=None):
        today = today or timezone.localdate()
        return Cases(
            people=[self.person(position, today=today) for position in range(people)],
            vacancies=[self.vacancy(position) for position in range(vacancies)],
            isco_of=self.isco_of,
            families=self.families,
        )


# --- Rankings ------------------------------------------------------------------------------------


def code_match(person, vacancy):
    """The code-only baseline: 2 for a declared ESCO occupation (experience or wish) equal to the
    vacancy's, 1 for one in the same ISCO unit group, else 0."""
    if vacancy.esco_occupation in person.occupations | person.wished_occupations:
        return 2
    return 1 if vacancy.isco_code in set(person.isco_years) | person.wished_isco else 0


def bm25_matrix(queries, documents):
    """Okapi BM25 of every document (a set of skill ids) for every query (a set of skill ids):
    rows are queries. IDF over the documents, term frequency 1."""
    total = len(documents)
    frequency = defaultdict(int)
    postings = defaultdict(list)
    for position, document in enumerate(documents):
        for skill_id in document:
            frequency[skill_id] += 1
            postings[skill_id].append(position)
    average = sum(len(document) for document in documents) / max(total, 1)
    norms = [
        (BM25_K1 + 1) / (1 + BM25_K1 * (1 - BM25_B + BM25_B * len(document) / (average or 1)))
        for document in documents
    ]
    rows = []
    for query in queries:
        row = [0.0] * total
        for skill_id in query:
            count = frequency.get(skill_id)
            if not count:
                continue
            idf = math.log(1 + (total - count + 0.5) / (count + 0.5))
            for position in postings[skill_id]:
                row[position] += idf * norms[position]
        rows.append(row)
    return rows


# --- Metrics -------------------------------------------------------------------------------------


def query_metrics(ranking, gains):
    """nDCG@10, precision@10, recall@50 and MRR of ``ranking`` (positions, best first) against
    ``gains`` (position → gain > 0 for the relevant ones)."""
    relevant = len(gains)
    top = [gains.get(position, 0) for position in ranking[:50]]
    dcg = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(top[:10]))
    ideal = sorted(gains.values(), reverse=True)[:10]
    best = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    reciprocal = 0.0
    for rank, position in enumerate(ranking):
        if position in gains:
            reciprocal = 1.0 / (rank + 1)
            break
    return {
        "ndcg10": dcg / best if best else 0.0,
        "p10": sum(1 for gain in top[:10] if gain) / 10,
        "r50": sum(1 for gain in top if gain) / relevant,
        "mrr": reciprocal,
    }


@dataclass
class Totals:
    queries: int = 0
    sums: dict = field(
        default_factory=lambda: {name: dict.fromkeys(METRICS, 0.0) for name in RANKINGS}
    )

    def add(self, ranking_name, metrics):
        for metric, value in metrics.items():
            self.sums[ranking_name][metric] += value

    def mean(self, ranking_name, metric):
        return self.sums[ranking_name][metric] / self.queries if self.queries else 0.0


def evaluate(cases, context, *, weights=None, seed=0):
    """{(direction, scope, segment): Totals} for the three rankings on ``cases``."""
    people, vacancies = cases.people, cases.vacancies
    isco_of = cases.isco_of
    shuffle = random.Random(seed)
    people_tie = list(range(len(people)))
    shuffle.shuffle(people_tie)
    vacancy_tie = list(range(len(vacancies)))
    shuffle.shuffle(vacancy_tie)
    production = [
        [score(case.facts, job.facts, context, weights).score for case in people]
        for job in vacancies
    ]
    codes = [[code_match(case.facts, job.facts) for case in people] for job in vacancies]
    person_skills = [set(case.facts.skills) for case in people]
    vacancy_skills = [set(job.facts.essential) | set(job.facts.optional) for job in vacancies]
    bm25_people = bm25_matrix(vacancy_skills, person_skills)
    bm25_vacancies = bm25_matrix(person_skills, vacancy_skills)

    def gain(case, job):
        if case.true_occupation == job.occupation:
            return 3
        return 1 if isco_of[case.true_occupation] == job.facts.isco_code else 0

    results = defaultdict(Totals)
    # Vacancy → people: one ranking per vacancy and scope, cut by segment.
    for v, job in enumerate(vacancies):
        gains = {}
        for p, case in enumerate(people):
            value = gain(case, job)
            if value:
                gains[p] = value
        for scope in SCOPES:
            pool = [
                p
                for p, case in enumerate(people)
                if scope == "national" or case.facts.county == job.facts.county
            ]
            pool_set = set(pool)
            rankings = {
                "production": _rank(pool, production[v], people_tie),
                "bm25": _rank(pool, bm25_people[v], people_tie),
                "codes": _rank(pool, codes[v], people_tie),
            }
            for segment in SEGMENTS:
                wanted = {
                    p: value
                    for p, value in gains.items()
                    if (segment == "all" or people[p].segment == segment) and p in pool_set
                }
                if not wanted:
                    continue
                left_out = {p for p in gains if p not in wanted}
                totals = results[("vacancy_people", scope, segment)]
                totals.queries += 1
                for name, ranking in rankings.items():
                    kept = [p for p in ranking if p not in left_out] if left_out else ranking
                    totals.add(name, query_metrics(kept, wanted))
    # Person → vacancies: one ranking per person and scope.
    for p, case in enumerate(people):
        for scope in SCOPES:
            pool = [
                v
                for v, job in enumerate(vacancies)
                if scope == "national" or job.facts.county == case.facts.county
            ]
            wanted = {v: gain(case, vacancies[v]) for v in pool if gain(case, vacancies[v])}
            if not wanted:
                continue
            rankings = {
                "production": _rank(
                    pool, [production[v][p] for v in range(len(vacancies))], vacancy_tie
                ),
                "bm25": _rank(pool, bm25_vacancies[p], vacancy_tie),
                "codes": _rank(pool, [codes[v][p] for v in range(len(vacancies))], vacancy_tie),
            }
            for segment in ("all", case.segment):
                totals = results[("person_vacancies", scope, segment)]
                totals.queries += 1
                for name, ranking in rankings.items():
                    totals.add(name, query_metrics(ranking, wanted))
    return results


def _rank(pool, values, tie):
    return sorted(pool, key=lambda position: (-values[position], tie[position]))


def table(results):
    """The report: one line per direction, scope and segment; each metric for production, BM25
    and codes; on how many metrics production beats both baselines (a tie is not a win)."""
    header = (
        f"{'direction':<19} {'scope':<9} {'segment':<9} {'queries':>7}  "
        + "  ".join(f"{METRIC_LABELS[metric] + ' prod/bm25/codes':<23}" for metric in METRICS)
        + "  beats both"
    )
    lines = [header, "-" * len(header)]
    for direction, scope, segment in keys(results):
        totals = results[(direction, scope, segment)]
        cells = []
        wins = 0
        for metric in METRICS:
            values = [totals.mean(name, metric) for name in RANKINGS]
            wins += values[0] > max(values[1:])
            cells.append(f"{' / '.join(f'{value:.3f}' for value in values):<23}")
        lines.append(
            f"{DIRECTION_LABELS[direction]:<19} {scope:<9} {segment:<9} "
            f"{totals.queries:>7}  " + "  ".join(cells) + f"  {wins}/{len(METRICS)}"
        )
    return lines


def keys(results):
    """The (direction, scope, segment) lines of ``results`` that have queries, in report order."""
    return [
        (direction, scope, segment)
        for direction in DIRECTIONS
        for scope in SCOPES
        for segment in SEGMENTS
        if (direction, scope, segment) in results and results[(direction, scope, segment)].queries
    ]


def ndcg_wins(results):
    """How many lines production beats both baselines on nDCG@10, out of how many."""
    lines = keys(results)
    won = 0
    for key in lines:
        totals = results[key]
        production = totals.mean("production", "ndcg10")
        won += production > max(totals.mean("bm25", "ndcg10"), totals.mean("codes", "ndcg10"))
    return won, len(lines)


def found_as_often(results):
    """Recall@50 of the production ranking by segment (vacancy → people, national): how often
    people with no code or an out-of-date one are found, against those with a current one."""
    return {
        segment: results[("vacancy_people", "national", segment)].mean("production", "r50")
        for segment in ("own", "previous", "none")
        if ("vacancy_people", "national", segment) in results
    }
