"""Builds an ordered report: its sections step by step (recording progress), then the PDF with
SVG charts (WeasyPrint), and for the statistical kinds the XLSX and the CSV, stored in private
storage."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from puls.pdf import render_pdf

from . import builders, exports, network_activity, services
from .models import ReportKind, ReportRun
from .tables import SUPPRESSION_NOTE

logger = logging.getLogger(__name__)

# What the progress bar says for each step a run records (ReportRun.step).
STEP_LABELS = {
    "data": gettext_lazy("Computing the figures"),
    "pdf": gettext_lazy("Drawing the PDF"),
    "spreadsheets": gettext_lazy("Writing XLSX and CSV"),
    "meetings": gettext_lazy("Meetings and attendance"),
    "members": gettext_lazy("Members joined and left"),
    "decisions and actions": gettext_lazy("Decisions and actions"),
    "library": gettext_lazy("Documents shared"),
    "discussions": gettext_lazy("Discussion activity"),
    "proposals": gettext_lazy("Improvement proposals"),
    "done": gettext_lazy("Ready"),
}


def _statistics_files(run):
    services.report_progress(run, progress=10, step="data")
    done = {"progress": 10}

    def tick(fraction):
        # the figures are most of the work (a forecasts report: every series of every county),
        # so they fill 10–60 % as each series or section is computed
        progress = 10 + int(50 * fraction)
        if progress > done["progress"]:
            done["progress"] = progress
            services.report_progress(run, progress=progress, step="data")

    sections = builders.sections_for(
        run.kind, agency=run.agency, start=run.period_start, end=run.period_end, tick=tick
    )
    tables = [section.table for section in sections]
    services.report_progress(run, progress=60, step="pdf")
    pdf = render_pdf(
        "reports/pdf/report.html",
        {
            "run": run,
            "agency": run.agency,
            "sections": sections,
            "generated_at": timezone.now(),
            "suppression_note": SUPPRESSION_NOTE,
        },
    )
    services.report_progress(run, progress=85, step="spreadsheets")
    return {"pdf": pdf, "xlsx": exports.tables_xlsx(tables), "csv": exports.tables_csv(tables)}


def _network_activity_files(run):
    start, end = network_activity.bounds(run)
    data = {}
    steps = network_activity.STEPS
    for number, (step, builder) in enumerate(steps):
        services.report_progress(run, progress=5 + 80 * number // len(steps), step=step)
        result = builder(start, end)
        data.update(result if isinstance(result, dict) else {step: result})
    services.report_progress(run, progress=85, step="pdf")
    return {"pdf": network_activity.pdf(run, data)}


def report_build(*, run_id):
    """Build a waiting run's files. A run that is finished, or being built by another worker, is
    left alone (the task may run twice: a requeue, a broker redelivery)."""
    run = ReportRun.objects.select_related("agency__county").get(pk=run_id)
    if not services.report_claim(run):
        return run
    try:
        with translation.override(run.language or settings.LANGUAGE_CODE):
            if run.kind == ReportKind.NETWORK_ACTIVITY:
                files = _network_activity_files(run)
            else:
                files = _statistics_files(run)
        with transaction.atomic():
            stem = f"{run.kind}-{run.period_start:%Y%m%d}-{run.period_end:%Y%m%d}"
            for field, content in files.items():
                getattr(run, field).save(f"{stem}.{field}", ContentFile(content), save=False)
            run.status, run.progress, run.step = ReportRun.Status.DONE, 100, "done"
            run.finished_at = timezone.now()
            run.save(
                update_fields=[*files, "status", "progress", "step", "finished_at", "heartbeat_at"]
            )
    except Exception as error:
        logger.exception("report %s failed", run_id)
        if isinstance(error, (OperationalError, InterfaceError)) and not connection.in_atomic_block:
            # The connection may be dead (server restarted, backend killed): recording the
            # failure on it would fail too and leave the run "running" for good. (Inside a
            # caller's transaction the connection is the caller's to close.)
            connection.close()
        services.report_fail(run.pk, failure=ReportRun.Failure.BUILD, error=error)
    return run
