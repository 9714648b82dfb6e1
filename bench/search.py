"""Benchmark of the public job search's queries (PostgreSQL full text).

    .venv/bin/python bench/search.py --size full     # on a database filled by generate_scale_data
    .venv/bin/python bench/search.py --size small    # generates 1 % data first if there is none

For a broad query (a word in nearly every description), a narrow one (an occupation word in one
county) and the broad one newest first, it times the first and the fifth result page as the page
reads them (the capped count, then the 20 rows with company, occupation and county), median of
seven after a warm-up, and beside them the baseline of ranking every match (what the search did
before it ranked the newest JOB_SEARCH_COUNT_LIMIT + 1 matches only). Target: p95 <= 150 ms for
the page at 10 users (bench/load.py), so well under that for the queries alone.
"""

import argparse
import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puls.settings.local")

import django  # noqa: E402

django.setup()

from django.contrib.postgres.search import SearchQuery, SearchRank  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import F  # noqa: E402
from load import BROAD_QUERY, SIZES, ensure_data  # noqa: E402  (bench/load.py)

from employers import selectors  # noqa: E402
from employers.models import Vacancy  # noqa: E402
from puls.views import CappedPaginator  # noqa: E402

PAGE_SIZE = 20
RUNS = 7


def rank_every_match(query):
    """The baseline: the same search ranking every matching vacancy."""
    search_query = SearchQuery(query, config=selectors.SEARCH_CONFIG, search_type="websearch")
    return (
        selectors.published_vacancies()
        .filter(search_vector=search_query)
        .annotate(rank=SearchRank(F("search_vector"), search_query))
        .order_by("-rank", "-published_at", "-pk")
    )


def page_ms(make_queryset, number):
    """Median milliseconds to count and read result page ``number`` as the search page does."""
    times = []
    for _ in range(RUNS + 1):
        started = time.perf_counter()
        paginator = CappedPaginator(
            make_queryset(), PAGE_SIZE, limit=selectors.JOB_SEARCH_COUNT_LIMIT
        )
        list(paginator.get_page(number))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[1:]), paginator.count, paginator.capped


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=SIZES, default="full")
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The job search benchmark needs PostgreSQL (DATABASE_URL).")
    ensure_data(options.size)
    published = selectors.published_vacancies()
    print(f"data: {Vacancy.objects.count():,} vacancies, {published.count():,} published and open")
    county = published.values_list("county", flat=True).first()
    cases = [
        ("broad, by relevance", {"query": BROAD_QUERY}, True),
        ("broad, newest first", {"query": BROAD_QUERY, "order": "date"}, False),
        ("narrow: word + county", {"query": "sofer", "county": county}, False),
    ]
    print(
        f"{'search':24} {'page':>4} {'matches':>8} {'PULS ms':>8} {'rank-all ms':>12} {'ratio':>6}"
    )
    for label, criteria, with_baseline in cases:
        for number in (1, 5):
            ms, count, capped = page_ms(partial(selectors.job_search, **criteria), number)
            matches = f"{'>' if capped else ''}{count:,}"
            if with_baseline:
                baseline, _, _ = page_ms(partial(rank_every_match, criteria["query"]), number)
                print(
                    f"{label:24} {number:>4} {matches:>8} {ms:8.1f} {baseline:12.1f} "
                    f"{baseline / ms:5.1f}×"
                )
            else:
                print(f"{label:24} {number:>4} {matches:>8} {ms:8.1f} {'':>12} {'':>6}")


if __name__ == "__main__":
    main()
