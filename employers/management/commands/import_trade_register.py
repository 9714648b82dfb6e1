"""National import of the trade register's statuses: manage.py import_trade_register FILE.csv"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from employers import services
from employers.trade_register import TradeRegisterFileError
from puls.reference.models import Agency


class Command(BaseCommand):
    help = (
        "Import a CSV of the trade register's statuses (CUI, status, date) for every county, or "
        "for one agency's county with --agency CJ; prints what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency", help="the county code of one agency (default: national)")

    def handle(self, *args, file, agency=None, **options):
        scope = None
        if agency:
            scope = Agency.objects.filter(county_id=agency.upper()).first()
            if scope is None:
                raise CommandError(f"No agency has the county code {agency!r}.")
        try:
            raw = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            record = services.trade_register_import(
                by=None, agency=scope, file_name=file.name, raw=raw
            )
        except TradeRegisterFileError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"Import #{record.pk}: {record.rows_read} rows read, "
            f"{record.companies_changed} companies changed "
            f"({record.companies_inactivated} became inactive), "
            f"{record.vacancies_closed} vacancies closed, {record.unknown_count} CUIs not in PULS, "
            f"{record.out_of_scope_count} out of scope, {record.older_count} older than on record, "
            f"{record.invalid_count} invalid rows."
        )
        for row in record.report.get("invalid", []):
            self.stdout.write(f"  line {row['line']}: {row['reason']}")
        for note in record.report.get("notes", []):
            self.stdout.write(f"  {note}")
