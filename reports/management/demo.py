"""Demo data of the reports app: three years of monthly history for the forecasts, and one
generated report of each kind.

The demo tables hold only a few weeks of activity, too little for any forecast. So closed months
are first snapshotted from the live tables; every earlier month of the last 36 with no snapshot is
then filled with SYNTHETIC figures (flagged `synthetic=True`, and labelled so on the forecasts page
and in the reports): a trend plus a yearly season plus noise, scaled per county, from a fixed seed.
Called by `manage.py seed_demo` after the demo accounts exist; a second call creates nothing.
"""

import math
import random

from django.utils import timezone

from puls.accounts.models import User
from puls.reference.models import Agency, County

from .. import generation, selectors, services
from ..models import MonthlyStatistic, ReportKind, ReportRun, Series

HISTORY_MONTHS = 36
ANALYST_EMAIL = "analist@demo.puls.ro"
# Monthly level of each series for a mid-sized county; Bucharest and big counties get more.
LEVEL = {Series.VACANCIES: 120, Series.JOBSEEKERS: 650}
BIG = {"B": 4.0, "CJ": 2.0, "TM": 1.8, "IS": 1.6, "CT": 1.4, "PH": 1.3, "BV": 1.3}
# Hiring peaks in spring and autumn; registrations after the school year and in winter.
SEASON = {
    Series.VACANCIES: [0.8, 0.9, 1.1, 1.2, 1.2, 1.0, 0.9, 0.8, 1.1, 1.1, 1.0, 0.7],
    Series.JOBSEEKERS: [1.2, 1.1, 1.0, 0.9, 0.9, 0.9, 1.1, 1.2, 1.0, 0.9, 0.9, 1.0],
}


def _synthetic_history():
    rng = random.Random(2026)
    last_closed = selectors.add_months(timezone.localdate().replace(day=1), -1)
    months = [selectors.add_months(last_closed, -n) for n in range(HISTORY_MONTHS - 1, -1, -1)]
    taken = set(
        MonthlyStatistic.objects.filter(month__gte=months[0]).values_list(
            "month", "county_id", "series"
        )
    )
    rows = []
    for county in County.objects.order_by("pk").values_list("pk", flat=True):
        scale = BIG.get(county, 0.6 + rng.random() * 0.6)
        for series in Series.values:
            for index, month in enumerate(months):
                if (month, county, series) in taken:
                    continue
                trend = 1 + 0.01 * index if series == Series.VACANCIES else 1 - 0.004 * index
                value = (
                    LEVEL[series]
                    * scale
                    * trend
                    * SEASON[series][month.month - 1]
                    * (1 + rng.gauss(0, 0.05))
                )
                rows.append(
                    MonthlyStatistic(
                        month=month,
                        county_id=county,
                        series=series,
                        value=max(0, math.floor(value)),
                        synthetic=True,
                    )
                )
    MonthlyStatistic.objects.bulk_create(rows)
    return len(rows)


def demo_data_ensure():
    lines = []
    if not MonthlyStatistic.objects.filter(synthetic=False).exists():
        months = services.statistics_backfill()
        if months:
            lines.append(f"reports: {months} closed months snapshotted from the live tables")
    created = _synthetic_history()
    if created:
        lines.append(f"reports: {created} synthetic monthly figures (demo history, flagged)")
    analyst = User.objects.filter(email=ANALYST_EMAIL).first()
    today = timezone.localdate()
    start = selectors.add_months(today.replace(day=1), -12)
    cluj = Agency.objects.get(county_id="CJ")
    for kind in ReportKind.values:
        if ReportRun.objects.filter(kind=kind, status=ReportRun.Status.DONE).exists():
            continue
        # The forecasts report of every county takes a while; the demo builds Cluj's.
        run = ReportRun.objects.create(
            kind=kind,
            requested_by=analyst,
            period_start=start,
            period_end=today,
            agency=cluj if kind == ReportKind.FORECASTS else None,
        )
        generation.report_build(run_id=run.pk)
        lines.append(f"reports: generated report “{run.get_kind_display()}”")
    return lines
