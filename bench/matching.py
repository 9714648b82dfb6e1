"""Benchmark of the matching engine against the two straightforward approaches, in one run.

    .venv/bin/python bench/matching.py --size full     # on a database filled by generate_scale_data
    .venv/bin/python bench/matching.py --size small    # generates 1 % data first if there is none

Prints, for random vacancies, the latency of "top 50 candidates" nationally and county-filtered,
and for random jobseekers "top 50 vacancies" (p50, p95, max), the process's peak memory, and the
same queries answered by a SQL GROUP BY over the person–skill table and by loading candidates to
score in Python (on a sample), with the ratios; and how much of the exhaustive top 50 (every
person scored) the engine's retrieval keeps.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puls.settings.local")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from employers.models import Vacancy, VacancySkill  # noqa: E402
from jobseekers.models import AccountState, JobseekerProfile, SkillAssessment  # noqa: E402
from mediation import facts, index, synthetic  # noqa: E402
from mediation.scoring import score  # noqa: E402
from puls.reference.models import Skill  # noqa: E402

TARGETS_MS = {"national": 100, "county": 50, "vacancies": 50}
SIZES = {"small": 0.01, "full": 1.0}


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(function, items):
    durations = []
    for item in items:
        started = time.perf_counter()
        function(item)
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def summary(durations):
    ordered = sorted(durations)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"p50": statistics.median(ordered), "p95": p95, "max": ordered[-1], "n": len(ordered)}


def line(label, stats):
    return (
        f"{label:<46} p50 {stats['p50']:8.1f} ms   p95 {stats['p95']:8.1f} ms   "
        f"max {stats['max']:8.1f} ms   (n={stats['n']})"
    )


def ensure_data(scale):
    if Skill.objects.count() == 0:
        print("No reference data: running load_reference …", flush=True)
        call_command("load_reference", verbosity=0)
    if not JobseekerProfile.objects.filter(user__email__endswith="@sintetic.puls.ro").exists():
        print(f"No synthetic data: running generate_scale_data --scale {scale} …", flush=True)
        call_command("generate_scale_data", scale=scale)


def sql_group_by_people(weights, county=None, limit=50):
    """Baseline 1: one GROUP BY summing skill weights over the person–skill table."""
    values = ", ".join(["(%s, %s)"] * len(weights))
    params = [value for pair in weights for value in pair]
    profile = connection.ops.quote_name(JobseekerProfile._meta.db_table)
    assessment = connection.ops.quote_name(SkillAssessment._meta.db_table)
    county_sql = ""
    if county:
        county_sql = "AND p.county_id = %s"
        params.append(county)
    params += [AccountState.ACTIVE, True, limit]
    sql = (
        f"WITH w(skill_id, weight) AS (VALUES {values}) "
        f"SELECT s.profile_id, SUM(w.weight) AS total FROM {assessment} s "
        f"JOIN w ON w.skill_id = s.skill_id JOIN {profile} p ON p.id = s.profile_id "
        f"WHERE 1 = 1 {county_sql} AND p.account_state = %s AND p.share_with_employers = %s "
        f"GROUP BY s.profile_id ORDER BY total DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def sql_group_by_vacancies(weights, limit=50):
    values = ", ".join(["(%s, %s)"] * len(weights))
    params = [value for pair in weights for value in pair] + ["published", "submitted", limit]
    vacancy = connection.ops.quote_name(Vacancy._meta.db_table)
    vacancy_skill = connection.ops.quote_name(VacancySkill._meta.db_table)
    sql = (
        f"WITH w(skill_id, weight) AS (VALUES {values}) "
        f"SELECT s.vacancy_id, SUM(w.weight) AS total FROM {vacancy_skill} s "
        f"JOIN w ON w.skill_id = s.skill_id JOIN {vacancy} v ON v.id = s.vacancy_id "
        f"WHERE v.status IN (%s, %s) AND v.open_posts > 0 "
        f"GROUP BY s.vacancy_id ORDER BY total DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def python_scoring(vacancy, context, limit=50):
    """Baseline 2: load every person sharing a skill with the vacancy, score each in Python."""
    skills = list(vacancy.essential) + list(vacancy.optional)
    ids = list(
        SkillAssessment.objects.filter(
            skill_id__in=skills,
            profile__account_state=AccountState.ACTIVE,
            profile__share_with_employers=True,
        )
        .values_list("profile_id", flat=True)
        .distinct()
    )
    matches = []
    for start in range(0, len(ids), 5000):
        for person in facts.people_facts(ids[start : start + 5000]).values():
            matches.append((score(person, vacancy, context).score, person.id))
    matches.sort(reverse=True)
    return matches[:limit]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--python-sample", type=int, default=10)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    synthetic.lift_statement_timeout()
    if args.size == "small":
        ensure_data(SIZES["small"])
    print(f"Database: {connection.vendor} {connection.settings_dict.get('NAME')}", flush=True)
    started = time.perf_counter()
    snapshot = index.get_index(force=True)
    build = time.perf_counter() - started
    print(
        f"Index: {snapshot.people.size} people, {snapshot.vacancies.size} open vacancies, "
        f"{sum(len(rows) for rows in snapshot.people.skill_postings.values())} person-skill "
        f"postings; built in {build:.1f} s; peak memory so far {peak_mb():.0f} MB",
        flush=True,
    )
    if not snapshot.people.size or not snapshot.vacancies.size:
        print("Nothing to benchmark: generate data first.")
        return 1
    rng = random.Random(args.seed)
    vacancy_rows = [rng.randrange(snapshot.vacancies.size) for _ in range(args.queries)]
    person_rows = [rng.randrange(snapshot.people.size) for _ in range(args.queries)]
    vacancies = [snapshot.vacancies.facts(row) for row in vacancy_rows]
    people = [snapshot.people.facts(row) for row in person_rows]

    results = {
        "national": summary(timed(lambda v: snapshot.top_candidates(v, limit=50), vacancies)),
        "county": summary(
            timed(lambda v: snapshot.top_candidates(v, limit=50, county=v.county), vacancies)
        ),
        "vacancies": summary(timed(lambda p: snapshot.top_vacancies(p, limit=50), people)),
    }
    weight = snapshot.context.weight

    def vacancy_weights(vacancy):
        return (
            [(skill, weight(skill)) for skill in vacancy.essential]
            + [(skill, 0.3 * weight(skill)) for skill in vacancy.optional]
        ) or [(0, 0.0)]

    baselines = {
        "national": summary(timed(lambda v: sql_group_by_people(vacancy_weights(v)), vacancies)),
        "county": summary(
            timed(lambda v: sql_group_by_people(vacancy_weights(v), v.county), vacancies)
        ),
        "vacancies": summary(
            timed(
                lambda p: sql_group_by_vacancies(
                    [(skill, weight(skill)) for skill in p.skills] or [(0, 0.0)]
                ),
                people,
            )
        ),
    }
    sample = vacancies[: args.python_sample]
    python = summary(timed(lambda v: python_scoring(v, snapshot.context), sample))
    print()
    print(f"Two-stage engine (in-memory index + exact re-ranking of the best {index.RERANK}):")
    labels = {
        "national": "top 50 candidates, national",
        "county": "top 50 candidates, county of the vacancy",
        "vacancies": "top 50 vacancies for a jobseeker",
    }
    for key, label in labels.items():
        verdict = "meets" if results[key]["p95"] <= TARGETS_MS[key] else "MISSES"
        print(line(label, results[key]) + f"   target p95 ≤ {TARGETS_MS[key]} ms: {verdict}")
    print()
    print("Baseline 1: SQL GROUP BY summing skill weights over the person-skill table:")
    for key, label in labels.items():
        ratio = baselines[key]["p50"] / max(results[key]["p50"], 1e-6)
        print(line(label, baselines[key]) + f"   {ratio:6.1f}× the engine's p50")
    print()
    print(
        f"Baseline 2: load candidates sharing a skill and score them in Python "
        f"(sample of {len(sample)} vacancies):"
    )
    ratio = python["p50"] / max(results["national"]["p50"], 1e-6)
    print(line("top 50 candidates, national", python) + f"   {ratio:6.1f}× the engine's p50")
    print()
    kept, checked = stage1_recall(snapshot, vacancies)
    print(
        f"Stage 1 keeps {kept:.1%} of the exhaustive top 50 (every person scored, "
        f"{checked} vacancies)"
    )
    print()
    print(f"Peak memory of this process: {peak_mb():.0f} MB")
    return 0


def stage1_recall(snapshot, vacancies, *, budget=200_000, limit=50):
    """Share of the exhaustive top ``limit`` (every person scored) that the engine returns, over
    as many vacancies as ``budget`` person-vacancy scores allow (at least one)."""
    everyone = [snapshot.people.facts(row) for row in range(snapshot.people.size)]
    sample = vacancies[: max(1, min(20, budget // max(1, len(everyone))))]
    kept = 0.0
    for vacancy in sample:
        best = sorted(
            everyone,
            key=lambda person: (-score(person, vacancy, snapshot.context).score, person.id),
        )[:limit]
        found = {profile_id for profile_id, _match in snapshot.top_candidates(vacancy, limit=limit)}
        kept += len({person.id for person in best} & found) / max(1, len(best))
    return kept / len(sample), len(sample)


if __name__ == "__main__":
    sys.exit(main())
