"""The demo builder: synthetic history flagged, one report of each kind, idempotent."""

from reports import builders
from reports.management import demo
from reports.models import MonthlyStatistic, ReportKind, ReportRun


def test_demo_data_is_idempotent_and_flagged(db, world):
    lines = demo.demo_data_ensure()

    assert any("synthetic" in line for line in lines)
    assert MonthlyStatistic.objects.filter(synthetic=True).exists()
    assert set(ReportRun.objects.filter(status="done").values_list("kind", flat=True)) == set(
        ReportKind.values
    )
    count = MonthlyStatistic.objects.count()
    assert demo.demo_data_ensure() == []
    assert MonthlyStatistic.objects.count() == count

    item = builders.series_forecast(series="vacancies", county=None)
    assert item["synthetic"] and len(item["history"]) >= 36
    assert item["result"].method in ("ets", "seasonal_naive")
