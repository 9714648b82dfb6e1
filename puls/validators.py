"""Validators and normalisers for Romanian identity codes: CNP, CUI/CIF and trade-register number.

The rules are those of docs/domain.md ("Identity codes"). python-stdnum (stdnum.ro.*) supplies
the check-digit arithmetic and the trade-register normalisation where it agrees with those rules;
where it does not, docs/domain.md wins and a comment says why. Each rule is checked on its own so that a person sees which
one failed, and each failure has its own ``code``. Messages never repeat the value: a CNP must not
end up in a log, an error report or a URL.

Every ``validate_*`` function checks the *normalised* form of its value (what the matching
``normalize_*`` returns), so forms should store ``normalize_*(value)`` after validation.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.ro import cnp as stdnum_cnp
from stdnum.ro import cui as stdnum_cui
from stdnum.ro import onrc as stdnum_onrc

# --- CNP ----------------------------------------------------------------------------------------

# docs/domain.md allows 01–46 (41–46: Bucharest sectors 1–6), 51 and 52. stdnum also accepts 47
# and 48 (the abolished sectors 7 and 8) and 70, 80–83; docs/domain.md does not, nor do we.
CNP_COUNTY_CODES = frozenset({f"{n:02d}" for n in range(1, 47)} | {"51", "52"})

# S digit → (sex, century). 7/8 (foreign residents) and 9 (foreigners) carry no century; stdnum
# assumes 1900 for them, which would make e.g. 29 February 2000 "impossible". We take the most
# recent century that does not put the birth date in the future (see _cnp_birth_date).
_CNP_CENTURIES = {"1": 1900, "2": 1900, "3": 1800, "4": 1800, "5": 2000, "6": 2000}


class Sex(models.TextChoices):
    MALE = "M", _("male")
    FEMALE = "F", _("female")


_CNP_SEX = {
    "1": Sex.MALE,
    "3": Sex.MALE,
    "5": Sex.MALE,
    "7": Sex.MALE,
    "2": Sex.FEMALE,
    "4": Sex.FEMALE,
    "6": Sex.FEMALE,
    "8": Sex.FEMALE,
}


@dataclass(frozen=True)
class CnpInfo:
    """What a valid CNP says about its holder. ``sex`` is None for S = 9 (foreigners)."""

    birth_date: datetime.date
    sex: Sex | None
    county_code: str
    foreign: bool


def normalize_cnp(value: Any) -> str:
    """The CNP without surrounding or inner whitespace."""
    return re.sub(r"\s+", "", str(value or ""))


def _cnp_birth_date(number: str) -> datetime.date | None:
    """The birth date of a 13-digit CNP, or None if digits 2–7 are not a real past date."""
    year, month, day = int(number[1:3]), int(number[3:5]), int(number[5:7])
    today = timezone.localdate()
    century = _CNP_CENTURIES.get(number[0])
    candidates = [century] if century else [2000, 1900]
    for base in candidates:
        try:
            birth_date = datetime.date(base + year, month, day)
        except ValueError:
            continue
        if birth_date <= today:
            return birth_date
    return None


def validate_cnp(value: Any) -> None:
    """Validate a CNP (personal numeric code) rule by rule; raise ValidationError on the first
    rule that fails."""
    number = normalize_cnp(value)
    if not number.isascii() or not number.isdigit():
        raise ValidationError(_("A CNP contains digits only."), code="cnp_not_digits")
    if len(number) != 13:
        raise ValidationError(_("A CNP has exactly 13 digits."), code="cnp_length")
    if number[0] == "0":
        raise ValidationError(
            _("The first digit of a CNP (sex and century) must be between 1 and 9."),
            code="cnp_first_digit",
        )
    if _cnp_birth_date(number) is None:
        raise ValidationError(
            _("Digits 2 to 7 of the CNP are not a real birth date (year, month, day)."),
            code="cnp_birth_date",
        )
    if number[7:9] not in CNP_COUNTY_CODES:
        raise ValidationError(
            _("Digits 8 and 9 of the CNP are not a county code (01 to 46, 51 or 52)."),
            code="cnp_county",
        )
    # Weights 279146358279, mod 11, 10 → 1: exactly docs/domain.md's rule.
    if stdnum_cnp.calc_check_digit(number[:12]) != number[12]:
        raise ValidationError(
            _("The last digit of the CNP (the control digit) does not match the other digits."),
            code="cnp_control_digit",
        )


def parse_cnp(value: Any) -> CnpInfo:
    """Validate a CNP and return what it encodes as a CnpInfo."""
    validate_cnp(value)
    number = normalize_cnp(value)
    birth_date = _cnp_birth_date(number)
    assert birth_date is not None  # validate_cnp refuses a number without a valid birth date
    return CnpInfo(
        birth_date=birth_date,
        sex=_CNP_SEX.get(number[0]),
        county_code=number[7:9],
        foreign=number[0] in "789",
    )


# --- CUI / CIF ----------------------------------------------------------------------------------


def normalize_cui(value: Any) -> str:
    """The CUI's digits: without the optional RO (VAT) prefix and without whitespace."""
    number = re.sub(r"\s+", "", str(value or "")).upper()
    return number.removeprefix("RO")


def validate_cui(value: Any) -> None:
    """Validate a CUI/CIF, with or without the RO prefix."""
    number = normalize_cui(value)
    if not number.isascii() or not number.isdigit():
        raise ValidationError(
            _("A CUI contains digits only, optionally preceded by RO."), code="cui_not_digits"
        )
    if not 2 <= len(number) <= 10:
        raise ValidationError(_("A CUI has between 2 and 10 digits."), code="cui_length")
    # Not in docs/domain.md, but stdnum's rule too: CUIs are numbered from 1, and a leading zero would
    # let one company be typed two ways (the left padding makes the control digit ignore it).
    if number[0] == "0":
        raise ValidationError(_("A CUI does not begin with 0."), code="cui_leading_zero")
    # Weights 753217532 on the left-padded code, ×10 mod 11, 10 → 0: exactly docs/domain.md's rule.
    if stdnum_cui.calc_check_digit(number[:-1]) != number[-1]:
        raise ValidationError(
            _("The last digit of the CUI (the control digit) does not match the other digits."),
            code="cui_control_digit",
        )


# --- Trade-register number (ONRC) ---------------------------------------------------------------

# Entity type: J legal entities, F sole traders and family businesses, C cooperatives.
ONRC_ENTITY_TYPES = "JFC"
# ONRC numbers Bucharest 40 (no sectors), then 51 Călărași and 52 Giurgiu: not the CNP's list.
ONRC_COUNTY_CODES = frozenset({f"{n:02d}" for n in range(1, 41)} | {"51", "52"})
# The register was founded in 1990 (Law 26/1990); the slash form stopped on 26 July 2024.
ONRC_FIRST_YEAR = 1990
ONRC_LAST_OLD_FORM_YEAR = 2024

_OLD_FORM = re.compile(r"^(?P<type>[A-Z])(?P<county>\d{1,2})/(?P<serial>\d{1,6})/(?P<year>\d{4})$")
# 2024 form: type, year (4), serial (6), county (2), one more digit.
_NEW_FORM = re.compile(r"^(?P<type>[A-Z])(?P<year>\d{4})(?P<serial>\d{6})(?P<county>\d{2})\d$")


def normalize_trade_register_number(value: Any) -> str:
    """Upper case, no spaces, '/' as separator, two-digit county: `j 5-123-2015` → `J05/123/2015`.

    stdnum's compact() does this, and also reduces a trailing full date (dd.mm.yyyy) to its year.
    """
    text = str(value or "").strip()
    if not text:
        return ""
    return stdnum_onrc.compact(text)


def validate_trade_register_number(value: Any) -> None:
    """Validate a trade-register number in the slash form (J35/1234/2015) or the 2024 form
    (J2015001234357)."""
    number = normalize_trade_register_number(value)
    match = _OLD_FORM.match(number) or _NEW_FORM.match(number)
    if match is None:
        raise ValidationError(
            _(
                "A trade-register number looks like J35/1234/2015 (letter, county, number, year) "
                "or, since 2024, J2015001234357 (letter followed by 13 digits)."
            ),
            code="onrc_format",
        )
    parts = match.groupdict()
    is_old_form = match.re is _OLD_FORM
    if parts["type"] not in ONRC_ENTITY_TYPES:
        raise ValidationError(
            _("A trade-register number begins with J, F or C."), code="onrc_entity_type"
        )
    year = int(parts["year"])
    last_year = ONRC_LAST_OLD_FORM_YEAR if is_old_form else timezone.localdate().year
    if not ONRC_FIRST_YEAR <= year <= last_year:
        if is_old_form:
            message = _(
                "The year of a trade-register number in the form J35/1234/2015 must be "
                "between 1990 and 2024."
            )
        else:
            message = _("The year of the trade-register number must be between 1990 and this year.")
        raise ValidationError(message, code="onrc_year")
    # Numbers issued from 26 July 2024 carry 00 instead of a county (registration is national).
    county = parts["county"].zfill(2)
    county_allowed = county in ONRC_COUNTY_CODES or (
        not is_old_form and county == "00" and year >= 2024
    )
    if not county_allowed:
        raise ValidationError(
            _(
                "The county code of the trade-register number must be 01 to 40, 51 or 52 "
                "(or 00 in the 2024 form, for numbers issued since 2024)."
            ),
            code="onrc_county",
        )
    if int(parts["serial"]) == 0:
        raise ValidationError(
            _("The order number within the year cannot be zero."), code="onrc_serial"
        )
    # The last digit of the 2024 form is not checked. ONRC publishes no control-digit algorithm;
    # stdnum uses one reconstructed from observed numbers, and it rejects docs/domain.md's own example
    # J2015001234357 (it computes 0, not 7). docs/domain.md wins until ONRC publishes the rule.


# --- Names and titles ---------------------------------------------------------------------------

# Characters that change how a text is displayed without being seen: bidirectional overrides,
# embeddings, isolates and marks (a name can read "Popescu" and be something else: the
# "Trojan Source" trick), and zero-width characters (two names that look the same and differ).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def validate_plain_text(value: Any) -> None:
    """A name or title (of a person, company, vacancy, meeting…): one line of visible text.

    Refuses bidirectional-override and zero-width characters, and line breaks or other control
    characters (a title ends up in e-mail subjects and PDF headings).
    """
    if any(character in BIDI_CONTROLS for character in value):
        raise ValidationError(
            _(
                "Remove the invisible text-direction characters (often pasted with the text): "
                "they can make a name read differently from what it is."
            ),
            code="bidi_control",
        )
    if any(character in ZERO_WIDTH for character in value):
        raise ValidationError(
            _("Remove the invisible zero-width characters (often pasted with the text)."),
            code="zero_width",
        )
    if any(unicodedata.category(character) == "Cc" for character in value):
        raise ValidationError(
            _("Write it on one line, without line breaks or tabs."), code="control_character"
        )
