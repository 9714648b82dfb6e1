"""Celery tasks of the reports app: build an ordered report, the monthly snapshot and pack."""

from celery import shared_task
from django.utils import timezone

from . import generation, selectors, services


@shared_task
def build_report(run_id):
    generation.report_build(run_id=run_id)


@shared_task
def recover_report_runs():
    """Every minute: requeue or fail the runs a dead worker or a lost message left behind."""
    services.report_runs_recover()


@shared_task
def monthly_statistics_and_national_pack():
    """On the 1st: snapshot the month just closed, then order that month's national pack."""
    last_month = selectors.add_months(timezone.localdate().replace(day=1), -1)
    services.statistics_snapshot(month=last_month)
    services.national_pack_request(month=last_month)


@shared_task
def refresh_indicator_snapshot(agency_id=None):
    """After the events that move the dashboard (debounced): recount one scope."""
    services.indicator_snapshot_refresh(agency_id=agency_id)


@shared_task
def refresh_indicator_snapshots():
    """Every quarter of an hour: recount the national dashboard and every agency's."""
    return services.indicator_snapshots_refresh()
