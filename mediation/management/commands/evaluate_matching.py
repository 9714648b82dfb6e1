"""`manage.py evaluate_matching`: ranking quality on generated cases whose true occupations are
known: the production ranking against BM25 over skill ids and against occupation codes alone, in
one run on the same cases, overall and by segment (see mediation.evaluation for how the cases are
drawn and what each figure means). Nothing is written to the database."""

import time

from django.core.management.base import BaseCommand, CommandError

from mediation import evaluation, facts
from mediation.scoring import DEFAULT_WEIGHTS


class Command(BaseCommand):
    help = (
        "Reports nDCG@10, precision@10, recall@50 and MRR of the matching score, of BM25 over "
        "skills and of occupation codes only, by direction, scope and segment, on generated "
        "cases (needs load_reference)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=3000)
        parser.add_argument("--vacancies", type=int, default=200)
        parser.add_argument("--families", type=int, default=30)
        parser.add_argument("--seed", type=int, default=11)

    def handle(self, *args, people, vacancies, families, seed, **options):
        started = time.monotonic()
        try:
            generator = evaluation.CaseGenerator(seed=seed, families=families)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        cases = generator.cases(people=people, vacancies=vacancies)
        context = facts.build_context(open_vacancies_count=False)
        results = evaluation.evaluate(cases, context, weights=DEFAULT_WEIGHTS, seed=seed)
        if not results:
            raise CommandError("No query had a relevant result: raise --people or --vacancies.")
        segments = {segment: 0 for segment in ("own", "previous", "none")}
        for case in cases.people:
            segments[case.segment] += 1
        occupations = sum(len(family) for family in cases.families)
        self.stdout.write(
            f"{people} people ({', '.join(f'{name} {count}' for name, count in segments.items())})"
            f", {vacancies} vacancies, {occupations} occupations in {len(cases.families)} "
            f"families of neighbours, counties {', '.join(evaluation.COUNTIES)}, seed {seed}"
        )
        self.stdout.write(
            "Rankings: prod = competence matching (mediation.scoring), bm25 = BM25 over skill "
            "ids, codes = occupation codes only"
        )
        for line in evaluation.table(results):
            self.stdout.write(line)
        won, lines = evaluation.ndcg_wins(results)
        self.stdout.write(f"Production beats BM25 and codes on nDCG@10 in {won} of {lines} lines")
        found = evaluation.found_as_often(results)
        self.stdout.write(
            "Found as often (recall@50, vacancy → people, national): "
            + ", ".join(f"{segment} {value:.3f}" for segment, value in found.items())
        )
        self.stdout.write(f"({time.monotonic() - started:.1f} s)")
