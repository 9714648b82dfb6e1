"""Builds an ordered report: its sections step by step (recording progress), then the PDF with
SVG charts (WeasyPrint), the XLSX and the CSV, stored in private storage."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation

from puls.pdf import render_pdf

from . import builders, exports, services
from .models import ReportRun
from .tables import SUPPRESSION_NOTE

logger = logging.getLogger(__name__)


def report_build(*, run_id):
    """Build the run's files; a run already finished is left alone (the task may run twice)."""
    run = ReportRun.objects.select_related("agency__county").get(pk=run_id)
    if run.status == ReportRun.Status.DONE:
        return run
    try:
        with translation.override(settings.LANGUAGE_CODE):
            services.report_progress(run, progress=10, step="data")
            sections = builders.sections_for(
                run.kind, agency=run.agency, start=run.period_start, end=run.period_end
            )
            tables = [section.table for section in sections]
            services.report_progress(run, progress=60, step="pdf")
            pdf = render_pdf(
                "reports/pdf/report.html",
                {
                    "run": run,
                    "sections": sections,
                    "generated_at": timezone.now(),
                    "suppression_note": SUPPRESSION_NOTE,
                },
            )
            services.report_progress(run, progress=85, step="spreadsheets")
            xlsx, csv = exports.tables_xlsx(tables), exports.tables_csv(tables)
        with transaction.atomic():
            stem = f"{run.kind}-{run.period_start:%Y%m%d}-{run.period_end:%Y%m%d}"
            run.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
            run.xlsx.save(f"{stem}.xlsx", ContentFile(xlsx), save=False)
            run.csv.save(f"{stem}.csv", ContentFile(csv), save=False)
            run.status, run.progress, run.step = ReportRun.Status.DONE, 100, "done"
            run.finished_at = timezone.now()
            run.save()
    except Exception as error:
        logger.exception("report %s failed", run_id)
        ReportRun.objects.filter(pk=run.pk).update(
            status=ReportRun.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
    return run
