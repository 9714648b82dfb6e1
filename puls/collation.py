"""Romanian alphabetical order (a < ă < â < b … i < î < j … s < ș < t < ț < u), in Python and SQL.

Byte order and most database collations put "Călărași" after "Covasna" and "Vâlcea" after
"Vrancea"; Romanian treats ă, â, î, ș and ț as letters of their own, right after a, a, i, s and t.
`romanian_key` orders strings that way in Python; `RomanianOrder` does it in SQL: PostgreSQL's ICU
collation "ro-RO-x-icu", and on SQLite a collation named "ro" that calls `romanian_key`
(registered on every new connection, `register_sqlite_collation`).
"""

import unicodedata
from typing import Any

from django.db import models
from django.db.models import Func

ALPHABET = "aăâbcdefghiîjklmnopqrsștțuvwxyz"
_LETTER = {letter: index for index, letter in enumerate(ALPHABET)}
_LETTER.update({"ş": _LETTER["ș"], "ţ": _LETTER["ț"]})  # the cedilla forms of old keyboards
_LETTERS_START = 1000  # punctuation and spaces sort before digits, digits before letters


def _primary(character: str) -> int:
    if character in _LETTER:
        return _LETTERS_START + _LETTER[character]
    base = unicodedata.normalize("NFD", character)[0]
    if base in _LETTER:  # é, ö, ç … sort with their base letter, as ICU does at the first level
        return _LETTERS_START + _LETTER[base]
    if character.isdigit():
        return 500 + int(unicodedata.digit(character, 0))
    return ord(character) if ord(character) < 500 else 999


def romanian_key(text: object) -> tuple[tuple[int, ...], str]:
    """A sort key giving Romanian alphabetical order, case-insensitive; ties in byte order."""
    text = str(text or "")
    return tuple(_primary(character) for character in text.lower()), text


def romanian_compare(left: str, right: str) -> int:
    a, b = romanian_key(left), romanian_key(right)
    return (a > b) - (a < b)


class RomanianOrder(Func):
    """``expression`` compared in Romanian order: ``order_by(RomanianOrder("name"))``."""

    template = "%(expressions)s"

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template='%(expressions)s COLLATE "ro-RO-x-icu"', **extra
        )

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="%(expressions)s COLLATE ro", **extra)


def register_sqlite_collation(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created receiver: teach a new SQLite connection the "ro" collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation("ro", romanian_compare)


class RomanianOrderManager(models.Manager):
    """A default manager whose lists come in Romanian order of ``order_fields`` (forms, pages,
    related lists such as a person's wished counties); an explicit ``order_by`` still replaces it.
    Subclass it and set ``order_fields``: related managers are built from the class."""

    order_fields: tuple[str, ...] = ()

    def get_queryset(self) -> models.QuerySet:
        queryset = super().get_queryset()
        return queryset.order_by(*(RomanianOrder(field) for field in self.order_fields))
