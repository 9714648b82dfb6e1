"""Benchmark of the reports app: the national top-50 study and the dashboard's first paint.

    .venv/bin/python bench/reports.py --size full     # on a database filled by generate_scale_data
    .venv/bin/python bench/reports.py --size small    # generates 1 % data first if there is none

Prints the time of the national top-50 study over the last three years (target: under 30 s), of
the whole top-50 report built by the task (PDF, XLSX, CSV), and of the analyst's dashboard page,
server side, national scope, first request and median of five (target: under 1 s).
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puls.settings.local")

import django  # noqa: E402

django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from employers.models import Vacancy  # noqa: E402
from jobseekers.models import JobseekerProfile  # noqa: E402
from puls.accounts.models import Role, User  # noqa: E402
from reports import generation, selectors  # noqa: E402
from reports.models import ReportRun  # noqa: E402
from tests.client import PortalClient  # noqa: E402

TARGET_TOP50_S = 30
TARGET_DASHBOARD_S = 1
SIZES = {"small": 0.01, "full": 1.0}


def seconds(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", choices=SIZES, default="full")
    options = parser.parse_args()
    if not Vacancy.objects.exists():
        if options.size == "full":
            sys.exit("No data: run `manage.py generate_scale_data` first (or --size small).")
        call_command("generate_scale_data", scale=SIZES[options.size])
    print(
        f"data: {JobseekerProfile.objects.count():,} jobseekers, "
        f"{Vacancy.objects.count():,} vacancies"
    )

    today = timezone.localdate()
    start = today - datetime.timedelta(days=3 * 365)
    took, tables = seconds(lambda: selectors.top_occupations(agency=None, start=start, end=today))
    verdict = "ok" if took < TARGET_TOP50_S else "TOO SLOW"
    print(
        f"top-50 study, national, 3 years: {took:.2f} s "
        f"({len(tables[0].rows)} occupations; target < {TARGET_TOP50_S} s: {verdict})"
    )

    analyst, _ = User.objects.get_or_create(
        email="bench.analist@sintetic.puls.ro", defaults={"role": Role.NATIONAL_ANALYST}
    )
    Authenticator.objects.get_or_create(
        user=analyst,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}},
    )
    run = ReportRun.objects.create(
        kind="top50", requested_by=analyst, period_start=start, period_end=today
    )
    took, _ = seconds(lambda: generation.report_build(run_id=run.pk))
    print(f"top-50 report built by the task (data, PDF, XLSX, CSV): {took:.2f} s")

    # Signed in as through allauth's form: password, then the authenticator (staff pages ask both).
    client = PortalClient(SERVER_NAME="localhost")
    client.force_login(analyst)
    url = reverse("reports:dashboard")
    durations = []
    for _attempt in range(6):
        took, response = seconds(lambda: client.get(url))
        assert response.status_code == 200, response.status_code
        durations.append(took)
    first, median = durations[0], statistics.median(durations[1:])
    verdict = "ok" if first < TARGET_DASHBOARD_S else "TOO SLOW"
    print(
        f"dashboard (national, last 12 months), server time: first {first * 1000:.0f} ms, "
        f"median {median * 1000:.0f} ms (target < {TARGET_DASHBOARD_S} s: {verdict})"
    )


if __name__ == "__main__":
    main()
