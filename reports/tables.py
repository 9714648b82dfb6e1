"""Aggregate tables shared by pages and exports, and the small-cell suppression rule."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SUPPRESSION_THRESHOLD = 5
SUPPRESSED = "<5"


def suppress(value):
    """Any count under 5 is replaced by "<5" so that no person can be singled out."""
    if value is None:
        return ""
    return SUPPRESSED if value < SUPPRESSION_THRESHOLD else value


def _plain(value):
    """Numbers and dates stay what they are (a page, a CSV and an XLSX each write them their own
    way, puls.formatting), text stays as it is (an ESCO label keeps its language, which a page
    marks); lazy translations and the rest become text."""
    if value is None:
        return ""
    keep = int | float | Decimal | str | datetime.date
    return value if isinstance(value, keep) else str(value)


@dataclass
class Column:
    key: str
    label: str | Promise  # a translated label, resolved when the table is shown
    count: bool = False  # counts of people, vacancies or posts: suppressed when under 5


@dataclass
class Table:
    title: str
    columns: list
    rows: list = field(default_factory=list)  # dicts keyed by Column.key
    note: str = ""

    def cells(self):
        """The rows as lists of cell values, with the suppression rule applied."""
        return [
            [
                suppress(row.get(column.key)) if column.count else _plain(row.get(column.key))
                for column in self.columns
            ]
            for row in self.rows
        ]

    @property
    def headers(self):
        return [str(column.label) for column in self.columns]


SUPPRESSION_NOTE = _("Counts under 5 are shown as “<5” so that no person can be singled out.")
