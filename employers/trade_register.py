"""Reading a trade-register status file (CUI, status, date): the file's encoding and separator,
its columns, and each row's checks. Pure functions; `services.trade_register_import` applies
the rows.

Hostile input gets a clear answer, never a server error: a file that cannot be read at all (not
text, too big, no header naming the columns, a malformed line) is refused whole
(`TradeRegisterFileError`, nothing applied); a row that fails its checks (bad CUI, unknown
status, bad or future date, missing cells, a CUI given twice) is reported with its line number
and the rest are applied.
"""

import codecs
import csv
import datetime
import io
import unicodedata
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from puls.validators import normalize_cui, validate_cui

from .models import RegisterStatus

# An agency's file holds its county's companies; the national one is read by the command.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_ROWS = 2_000_000
# A cell longer than this is not a CUI, a status or a date (the csv module's own limit is 128 KiB).
MAX_CELL_CHARS = 200

# Column names as ONRC extracts and people write them, compared without case or diacritics.
COLUMNS = {
    "cui": {"cui", "cif", "cod fiscal", "cod_fiscal", "cod unic de inregistrare", "cod_unic"},
    "status": {"status", "stare", "stare firma", "stare_firma", "starea", "stare_societate"},
    "date": {"date", "data", "data stare", "data_stare", "data starii", "data_starii"},
}
# The trade register's wording (Romanian, as in the ONRC's extracts) and our codes.
STATUSES = {
    **{value: value for value in RegisterStatus.values},
    "activa": RegisterStatus.ACTIVE,
    "activ": RegisterStatus.ACTIVE,
    "functiune": RegisterStatus.ACTIVE,
    "in functiune": RegisterStatus.ACTIVE,
    "insolventa": RegisterStatus.INSOLVENCY,
    "in insolventa": RegisterStatus.INSOLVENCY,
    "reorganizare": RegisterStatus.INSOLVENCY,
    "suspendata": RegisterStatus.SUSPENDED,
    "suspendare": RegisterStatus.SUSPENDED,
    "suspendare temporara a activitatii": RegisterStatus.SUSPENDED,
    "inactiva": RegisterStatus.SUSPENDED,
    "dizolvata": RegisterStatus.DISSOLVED,
    "dizolvare": RegisterStatus.DISSOLVED,
    "in dizolvare": RegisterStatus.DISSOLVED,
    "lichidare": RegisterStatus.LIQUIDATION,
    "in lichidare": RegisterStatus.LIQUIDATION,
    "faliment": RegisterStatus.BANKRUPTCY,
    "in faliment": RegisterStatus.BANKRUPTCY,
    "radiata": RegisterStatus.STRUCK_OFF,
    "radiere": RegisterStatus.STRUCK_OFF,
    "struck off": RegisterStatus.STRUCK_OFF,
}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")


class TradeRegisterFileError(ValidationError):
    """The file as a whole cannot be read: nothing of it is applied."""


@dataclass(frozen=True)
class Row:
    line: int
    cui: str
    status: str
    on: datetime.date


@dataclass
class ParsedFile:
    rows: list[Row] = field(default_factory=list)
    invalid: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows_read: int = 0


def _plain(text: str) -> str:
    """Lower case, no diacritics (ș and ş alike), single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split())


def decode(raw: bytes) -> tuple[str, list[str]]:
    """The file's text and notes on how it was read: UTF-8 (with or without BOM), UTF-16 with
    its BOM, else Windows-1250 (what Excel writes on a Romanian Windows)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            raise TradeRegisterFileError(_("The file is not valid UTF-16 text.")) from None
    if b"\x00" in raw[:4096]:
        raise TradeRegisterFileError(_("This is not a text (CSV) file."))
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1250")
    except UnicodeDecodeError:
        raise TradeRegisterFileError(
            _(
                "The file is neither UTF-8 nor Windows-1250 text. Save it as CSV UTF-8 and try again."
            )
        ) from None
    return text, [_("The file is not UTF-8: it was read as Windows-1250 (Central European).")]


def _delimiter(header: str) -> str:
    counts = {delimiter: header.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=lambda delimiter: counts[delimiter])


def _columns(header: list[str]) -> dict[str, int]:
    names = [_plain(name) for name in header]
    found = {}
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(names):
            if name in aliases:
                found[key] = index
                break
    missing = [key for key in COLUMNS if key not in found]
    if missing:
        raise TradeRegisterFileError(
            _(
                "The first line must name the columns CUI, status and date (in Romanian: CUI, "
                "stare, data); this file's first line is: %(header)s"
            )
            % {"header": "; ".join(cell[:40] for cell in header[:6]) or "—"}
        )
    return found


def _date(value: str, today: datetime.date) -> datetime.date:
    for date_format in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(value, date_format).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
        if day > today:
            raise ValueError(_("The date %(date)s is in the future.") % {"date": value})
        return day
    raise ValueError(
        _("“%(date)s” is not a date: write it as 2026-03-31 or 31.03.2026.") % {"date": value}
    )


def _row(cells: list[str], columns: dict[str, int], line: int, today: datetime.date) -> Row:
    """The row's values, or ValueError with the reason it is refused."""
    needed = max(columns.values()) + 1
    if len(cells) < needed:
        raise ValueError(
            _("The line has %(found)d columns; it needs %(needed)d.")
            % {"found": len(cells), "needed": needed}
        )
    cui, status, on = (cells[columns[key]].strip() for key in ("cui", "status", "date"))
    if any(len(value) > MAX_CELL_CHARS for value in (cui, status, on)):
        raise ValueError(_("A cell of this line is far too long."))
    try:
        validate_cui(cui)
    except ValidationError as error:
        raise ValueError(
            _("CUI “%(cui)s”: %(reason)s") % {"cui": cui, "reason": " ".join(error.messages)}
        ) from None
    code = STATUSES.get(_plain(status))
    if code is None:
        raise ValueError(
            _("Unknown status “%(status)s” (known: %(known)s).")
            % {"status": status, "known": ", ".join(sorted({*RegisterStatus.values}))}
        )
    return Row(line=line, cui=normalize_cui(cui), status=code, on=_date(on, today))


def parse(
    raw: bytes, *, max_rows: int = MAX_ROWS, today: datetime.date | None = None
) -> ParsedFile:
    """Read the file's rows; a CUI given a second time is refused on its later lines."""
    today = today or timezone.localdate()
    text, notes = decode(raw)
    lines = io.StringIO(text, newline="")
    header_line = lines.readline()
    if not header_line.strip():
        raise TradeRegisterFileError(_("The file is empty."))
    delimiter = _delimiter(header_line)
    lines.seek(0)
    reader = csv.reader(lines, delimiter=delimiter)
    parsed = ParsedFile(notes=notes)
    seen: dict[str, int] = {}
    try:
        columns = _columns(next(reader))
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            parsed.rows_read += 1
            if parsed.rows_read > max_rows:
                raise TradeRegisterFileError(
                    _("The file has more than %(max)d rows; split it.") % {"max": max_rows}
                )
            try:
                row = _row(cells, columns, reader.line_num, today)
            except ValueError as error:
                parsed.invalid.append((reader.line_num, str(error)))
                continue
            if row.cui in seen:
                parsed.invalid.append(
                    (
                        row.line,
                        _("CUI %(cui)s is already on line %(line)d.")
                        % {"cui": row.cui, "line": seen[row.cui]},
                    )
                )
                continue
            seen[row.cui] = row.line
            parsed.rows.append(row)
    except csv.Error as error:
        raise TradeRegisterFileError(
            _("Line %(line)d cannot be read as CSV (%(error)s).")
            % {"line": reader.line_num, "error": error}
        ) from None
    return parsed
