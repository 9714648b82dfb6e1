"""CNP, CUI and trade-register validators: each rule of docs/domain.md fails alone, with its code."""

import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from puls.validators import (
    CNP_COUNTY_CODES,
    ONRC_COUNTY_CODES,
    CnpInfo,
    Sex,
    normalize_cui,
    normalize_trade_register_number,
    parse_cnp,
    validate_cnp,
    validate_cui,
    validate_trade_register_number,
)


def cnp_control_digit(first12):
    """docs/domain.md's rule, written out independently of the code under test."""
    total = sum(int(d) * int(w) for d, w in zip(first12, "279146358279", strict=True))
    remainder = total % 11
    return "1" if remainder == 10 else str(remainder)


def make_cnp(first12):
    return first12 + cnp_control_digit(first12)


def cui_control_digit(body):
    total = sum(int(d) * int(w) for d, w in zip(body.zfill(9), "753217532", strict=True))
    remainder = total * 10 % 11
    return "0" if remainder == 10 else str(remainder)


def error_code(validator, value):
    with pytest.raises(ValidationError) as caught:
        validator(value)
    return caught.value.code, str(caught.value.message)


# --- CNP ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "1630615123457",  # stdnum's documented example: man born 15 June 1963, Cluj
        make_cnp("296022912345"),  # woman born 29 February 1996 (a leap year)
        make_cnp("500010141001"),  # man born 1 January 2000, Bucharest sector 1
        make_cnp("385123152001"),  # man born 31 December 1885, Giurgiu
        make_cnp("900022912345"),  # foreigner: 29 February 2000
        " 1630615123457 ",  # whitespace is normalised away
    ],
)
def test_valid_cnp(value):
    validate_cnp(value)


@pytest.mark.parametrize(
    ("value", "code", "rule_words"),
    [
        ("163061512345", "cnp_length", "13 digits"),
        ("16306151234570", "cnp_length", "13 digits"),
        ("", "cnp_not_digits", "digits only"),
        ("16306151234a7", "cnp_not_digits", "digits only"),
        ("١٦٣٠٦١٥١٢٣٤٥٧", "cnp_not_digits", "digits only"),  # Arabic-Indic digits are not 0-9
        (make_cnp("063061512345"), "cnp_first_digit", "first digit"),
        (make_cnp("163131512345"), "cnp_birth_date", "birth date"),  # month 13
        (make_cnp("163023012345"), "cnp_birth_date", "birth date"),  # 30 February
        (make_cnp("190022912345"), "cnp_birth_date", "birth date"),  # 1900 was not a leap year
        (make_cnp("599010112345"), "cnp_birth_date", "birth date"),  # 2099: in the future
        (make_cnp("163061500345"), "cnp_county", "county code"),
        (make_cnp("163061547345"), "cnp_county", "county code"),  # stdnum accepts 47; we do not
        (make_cnp("163061570345"), "cnp_county", "county code"),  # stdnum accepts 70; we do not
        ("1630615123458", "cnp_control_digit", "control digit"),
    ],
)
def test_invalid_cnp_names_the_failed_rule(value, code, rule_words):
    failed_code, message = error_code(validate_cnp, value)
    assert failed_code == code
    assert rule_words in message
    assert value.strip() == "" or value not in message


def test_cnp_works_as_a_form_field_validator():
    class Form(forms.Form):
        cnp = forms.CharField(validators=[validate_cnp])

    form = Form(data={"cnp": "1630615123458"})
    assert not form.is_valid()
    assert form.errors.as_data()["cnp"][0].code == "cnp_control_digit"
    assert "1630615123458" not in str(form.errors)


def test_parse_cnp():
    assert parse_cnp("1630615123457") == CnpInfo(
        birth_date=datetime.date(1963, 6, 15), sex=Sex.MALE, county_code="12", foreign=False
    )
    info = parse_cnp(make_cnp("800010141234"))
    assert info.birth_date == datetime.date(2000, 1, 1)
    assert (info.sex, info.foreign) == (Sex.FEMALE, True)
    assert parse_cnp(make_cnp("970010140001")).birth_date == datetime.date(1970, 1, 1)
    assert parse_cnp(make_cnp("970010140001")).sex is None


def test_parse_cnp_refuses_an_invalid_code():
    with pytest.raises(ValidationError):
        parse_cnp("1630615123458")


CENTURY_DIGITS = {1800: ("3", "4"), 1900: ("1", "2"), 2000: ("5", "6")}


@st.composite
def valid_cnp_prefixes(draw):
    """12 digits with a real birth date, a county code of docs/domain.md and any serial number."""
    birth_date = draw(
        st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date.today())
    )
    sex_digit = draw(st.sampled_from(CENTURY_DIGITS[birth_date.year // 100 * 100]))
    county = draw(st.sampled_from(sorted(CNP_COUNTY_CODES)))
    serial = draw(st.integers(0, 999))
    prefix = f"{sex_digit}{birth_date:%y%m%d}{county}{serial:03d}"
    return prefix, birth_date


@given(valid_cnp_prefixes())
def test_any_real_date_and_county_with_its_control_digit_is_valid(prefix_and_date):
    prefix, birth_date = prefix_and_date
    cnp = make_cnp(prefix)
    validate_cnp(cnp)
    assert parse_cnp(cnp).birth_date == birth_date


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date.today()),
    st.sampled_from("789"),
    st.sampled_from(sorted(CNP_COUNTY_CODES)),
)
def test_foreigners_cnp_with_any_real_date_is_valid(birth_date, sex_digit, county):
    validate_cnp(make_cnp(f"{sex_digit}{birth_date:%y%m%d}{county}001"))


@given(valid_cnp_prefixes(), st.integers(1, 9))
def test_changing_the_control_digit_always_fails(prefix_and_date, shift):
    prefix, _birth_date = prefix_and_date
    good = cnp_control_digit(prefix)
    wrong = str((int(good) + shift) % 10)
    assert error_code(validate_cnp, prefix + wrong)[0] == "cnp_control_digit"


# --- CUI ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["18547290", "RO18547290", "RO 185 472 90", "ro18547290", "19"])
def test_valid_cui(value):
    validate_cui(value)


@pytest.mark.parametrize(
    ("value", "code", "rule_words"),
    [
        ("1", "cui_length", "between 2 and 10"),
        ("12345678901", "cui_length", "between 2 and 10"),
        ("RO", "cui_not_digits", "digits only"),
        ("1854729O", "cui_not_digits", "digits only"),
        ("DE18547290", "cui_not_digits", "digits only"),
        ("018547290", "cui_leading_zero", "begin with 0"),
        ("18547291", "cui_control_digit", "control digit"),
    ],
)
def test_invalid_cui_names_the_failed_rule(value, code, rule_words):
    failed_code, message = error_code(validate_cui, value)
    assert failed_code == code
    assert rule_words in message


def test_normalize_cui():
    assert normalize_cui(" ro 185 472 90 ") == "18547290"
    assert normalize_cui("18547290") == "18547290"


cui_bodies = st.integers(1, 999_999_999).map(str)


@given(cui_bodies, st.sampled_from(["", "RO", "RO ", "ro"]))
def test_generated_cui_is_valid_with_or_without_prefix(body, prefix):
    cui = body + cui_control_digit(body)
    validate_cui(prefix + cui)
    assert normalize_cui(prefix + cui) == cui


@given(cui_bodies, st.integers(1, 9))
def test_altering_the_last_cui_digit_fails(body, shift):
    wrong = str((int(cui_control_digit(body)) + shift) % 10)
    assert error_code(validate_cui, body + wrong)[0] == "cui_control_digit"


# --- Trade-register number ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "J35/1234/2015",  # docs/domain.md's example
        "J2015001234357",  # docs/domain.md's example of the 2024 form
        "J40/12345/2019",  # Bucharest
        "F52/750/2012",
        "C1/1/1990",
        "j40 / 1234 / 2015",
        "J2012000750528",  # real numbers in the 2024 form
        "J2007007766403",
        "J2025000123004",  # registered after July 2024: county 00
    ],
)
def test_valid_trade_register_number(value):
    validate_trade_register_number(value)


@pytest.mark.parametrize(
    ("value", "code", "rule_words"),
    [
        ("", "onrc_format", "J35/1234/2015"),
        ("J35/1234", "onrc_format", "J35/1234/2015"),
        ("J35/1234/15", "onrc_format", "J35/1234/2015"),
        ("J201500123435", "onrc_format", "J35/1234/2015"),
        ("X35/1234/2015", "onrc_entity_type", "J, F or C"),
        ("X2015001234357", "onrc_entity_type", "J, F or C"),
        ("J35/1234/1989", "onrc_year", "between 1990"),
        ("J35/1234/2025", "onrc_year", "between 1990 and 2024"),  # slash form ended in 2024
        ("J2099001234357", "onrc_year", "this year"),
        ("J41/1234/2015", "onrc_county", "county code"),  # Bucharest is 40 in the register
        ("J00/1234/2015", "onrc_county", "county code"),
        ("J2015001234007", "onrc_county", "county code"),  # 00 only from 2024
        ("J35/0/2015", "onrc_serial", "zero"),
    ],
)
def test_invalid_trade_register_number_names_the_failed_rule(value, code, rule_words):
    failed_code, message = error_code(validate_trade_register_number, value)
    assert failed_code == code
    assert rule_words in message


def test_normalize_trade_register_number():
    assert normalize_trade_register_number(" j5-123-2015 ") == "J05/123/2015"
    assert normalize_trade_register_number("j2015001234357") == "J2015001234357"
    assert normalize_trade_register_number("") == ""


@given(
    st.sampled_from("JFC"),
    st.sampled_from(sorted(ONRC_COUNTY_CODES)),
    st.integers(1, 99_999),
    st.integers(1990, 2024),
)
def test_slash_form_with_any_county_serial_and_year_is_valid(entity, county, serial, year):
    validate_trade_register_number(f"{entity}{county}/{serial}/{year}")


@given(
    st.sampled_from("JFC"),
    st.sampled_from(sorted(ONRC_COUNTY_CODES)),
    st.integers(1, 999_999),
    st.integers(1990, 2023),
    st.integers(0, 9),
)
def test_2024_form_of_an_older_registration_is_valid(entity, county, serial, year, last):
    validate_trade_register_number(f"{entity}{year}{serial:06d}{county}{last}")


@given(st.text(max_size=20))
def test_trade_register_validator_only_ever_raises_validation_error(text):
    assume(text.strip())
    try:
        validate_trade_register_number(text)
    except ValidationError:
        pass
