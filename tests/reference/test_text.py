"""Search keys ignore case and diacritics, cedilla and comma alike; similarity ranks cognates."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from puls.reference.text import romanian_letters, search_key, similarity


def test_search_key_strips_romanian_diacritics_in_both_forms():
    assert search_key("Șef de ȘANTIER") == "sef de santier"
    assert search_key("şef") == search_key("șef") == search_key("sef") == "sef"
    assert search_key("ţesător") == search_key("țesător") == "tesator"
    assert search_key("  învăţământ   în  ştiinţe ") == "invatamant in stiinte"


@given(st.text())
def test_search_key_is_idempotent_and_has_no_combining_marks(text):
    key = search_key(text)
    assert search_key(key) == key
    assert key == key.strip()
    assert not any(unicodedata.combining(char) for char in key)


def test_search_key_folds_compatibility_capitals():
    assert search_key("℡ Ⅻ") == search_key("tel xii") == "tel xii"


def test_romanian_letters_uses_comma_below():
    assert romanian_letters("Specialişti în administraţie") == "Specialiști în administrație"
    assert romanian_letters("ŞEF ŢARĂ") == "ȘEF ȚARĂ"


def test_similarity_prefers_the_cognate_and_the_matching_words():
    ambassador = similarity("ambasador", "ambassador")
    assert ambassador > similarity("ambasador", "mayor")
    assert similarity("inginer constructii civile", "civil engineer") > similarity(
        "inginer constructii civile", "pipeline engineer"
    )
    assert similarity("sef depozit", "sef depozit") == 1.0
    assert similarity("", "anything") == 0.0
