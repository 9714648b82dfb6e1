"""CSV and XLSX files of aggregate tables, with the small-cell suppression applied to every cell."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from puls.exports import csv_text, spreadsheet_safe, xlsx_value

from .tables import SUPPRESSION_NOTE


def tables_csv(tables):
    """One CSV; several tables are separated by an empty line and start with their title."""
    out = io.StringIO()
    writer = csv.writer(out)
    for number, table in enumerate(tables):
        if number:
            writer.writerow([])
        if len(tables) > 1:
            writer.writerow([table.title])
        writer.writerow(table.headers)
        writer.writerows(
            [spreadsheet_safe(csv_text(value)) for value in row] for row in table.cells()
        )
    writer.writerow([])
    writer.writerow([str(SUPPRESSION_NOTE)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens diacritics right


def tables_xlsx(tables):
    """One worksheet per table, a bold header row, the suppression note under the data."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    for number, table in enumerate(tables, start=1):
        name = "".join(c for c in str(table.title) if c not in "[]:*?/\\")[:28] or "Tabel"
        if name in used:
            name = f"{name[:25]} {number}"
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.cells():
            sheet.append([spreadsheet_safe(xlsx_value(value)) for value in row])
        sheet.append([])
        sheet.append([str(SUPPRESSION_NOTE)])
        if table.note:
            sheet.append([str(table.note)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
