"""Occupations picked in Romanian: COR search (diacritics optional, activities find trades), the
ESCO occupation derived through the ISCO-08 unit group, and the JSON the pages refill from."""

import pytest
from django.urls import reverse

from puls.reference.forms import CorOccupationField
from puls.reference.models import ConceptLabel
from puls.reference.selectors import (
    cor_occupation_named,
    esco_occupation_for_cor,
    esco_occupations_for_cor,
    search_cor_occupations,
)

from .factories import CorOccupationFactory, EscoOccupationFactory, IscoGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trades():
    """A few COR occupations as shipped (lower case, ș/ț/ă mostly missing), with their groups."""
    bricklayers = IscoGroupFactory(
        code="7112",
        preferred_labels={"en": "Bricklayers and related workers", "ro": "Zidari și asimilați"},
    )
    welders = IscoGroupFactory(
        code="7212",
        preferred_labels={"en": "Welders and flamecutters", "ro": "Sudori și debitatori autogeni"},
    )
    cor = {
        name: CorOccupationFactory(code=code, name=name, isco_group=group)
        for code, name, group in [
            ("711203", "zidar pietrar", bricklayers),
            ("711205", "zidar rosar-tencuitor", bricklayers),
            ("711201", "sobar", bricklayers),
            ("721208", "sudor", welders),
            ("721203", "sudor manual cu arc electric", welders),
            ("132402", "şef serviciu aprovizionare", None),  # cedilla, as older files have it
        ]
    }
    esco = {
        label: EscoOccupationFactory(isco_group=group, code=code, preferred_labels={"en": label})
        for label, code, group in [
            ("bricklayer", "7112.1", bricklayers),
            ("chimney builder", "7112.2", bricklayers),
            ("solderer", "7212.3", welders),
            ("welder", "7212.4", welders),
            ("arc welder", "7212.5", welders),
        ]
    }
    return cor, esco


def names(occupations):
    return [occupation.name for occupation in occupations]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zidar", ["zidar pietrar", "zidar rosar-tencuitor"]),
        ("Zidar", ["zidar pietrar", "zidar rosar-tencuitor"]),
        ("sudor", ["sudor", "sudor manual cu arc electric"]),
        # The activity finds the trade through its stem; diacritics are optional.
        ("tencuire", ["zidar rosar-tencuitor"]),
        ("zidărie", ["zidar pietrar", "zidar rosar-tencuitor"]),
        ("sudori", ["sudor", "sudor manual cu arc electric"]),
        ("arc electric sudor", ["sudor manual cu arc electric"]),
    ],
)
def test_cor_search_finds_romanian_trades(trades, query, expected):
    assert names(search_cor_occupations(query)) == expected


@pytest.mark.parametrize("query", ["șef", "şef", "sef", "ȘEF", "serviciu aprovizionare"])
def test_cor_search_treats_s_comma_cedilla_and_plain_alike(trades, query):
    assert names(search_cor_occupations(query)) == ["şef serviciu aprovizionare"]


def test_names_found_as_typed_rank_before_those_found_through_a_stem(trades):
    CorOccupationFactory(
        code="711299", name="tencuitor", isco_group=trades[0]["zidar pietrar"].isco_group
    )
    CorOccupationFactory(code="711298", name="tencuire decorativa", isco_group=None)
    assert names(search_cor_occupations("tencuire")) == [
        "tencuire decorativa",
        "tencuitor",
        "zidar rosar-tencuitor",
    ]


def test_cor_search_is_one_query(trades, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert [o.isco_group.code for o in search_cor_occupations("tencuire")] == ["7112"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("721208", "721208"),
        ("721208 sudor", "721208"),  # as a suggestion fills the input in
        ("Sudor", "721208"),  # the exact name, although others contain it
        ("sobar", "711201"),
        ("tencuire", "711205"),  # the only search result
        ("zidar", None),  # two occupations: the person must pick one
        ("999999", None),
        ("", None),
    ],
)
def test_cor_occupation_named(trades, text, code):
    found = cor_occupation_named(text)
    assert (found.code if found else None) == code


def test_the_form_field_refuses_an_ambiguous_name_with_a_message(trades):
    field = CorOccupationField()
    assert field.clean("zidar pietrar").code == "711203"
    with pytest.raises(Exception, match="Choose an occupation from the COR list"):
        field.clean("zidar")


def test_the_esco_occupation_comes_through_the_isco_unit_group(trades):
    cor, esco = trades
    # "sudor" shares no word with "welder": the group's own name ("Welders …") decides.
    assert [o.label("en") for o in esco_occupations_for_cor(cor["sudor"])][0] == "welder"
    assert esco_occupation_for_cor(cor["sudor"]) == esco["welder"]
    assert esco_occupation_for_cor(cor["zidar pietrar"]) == esco["bricklayer"]


def test_a_person_may_pick_another_esco_occupation_of_the_same_group_only(trades):
    cor, esco = trades
    assert esco_occupation_for_cor(cor["sudor"], chosen=esco["arc welder"]) == esco["arc welder"]
    # One of another group is not an equivalent: the closest of the right group is taken.
    assert esco_occupation_for_cor(cor["sudor"], chosen=esco["bricklayer"]) == esco["welder"]
    assert esco_occupation_for_cor(cor["şef serviciu aprovizionare"]) is None


def test_a_unit_group_without_esco_occupations_falls_back_to_its_minor_group(trades):
    minor = IscoGroupFactory(code="322", preferred_labels={"en": "Nursing associates"})
    nurses = IscoGroupFactory(code="3221", parent=minor)
    midwives = IscoGroupFactory(code="3222", parent=minor)
    midwife = EscoOccupationFactory(isco_group=midwives, preferred_labels={"en": "midwife"})
    nurse = CorOccupationFactory(code="322101", name="asistent medical", isco_group=nurses)
    assert esco_occupations_for_cor(nurse) == [midwife]


@pytest.mark.romanian
def test_the_page_gets_the_group_s_esco_occupations_closest_first_with_their_language(
    client, trades
):
    cor, esco = trades
    welder = esco["welder"]
    welder.preferred_labels["ro"] = "sudor"
    welder.save()
    welder.labels.create(language="ro", kind=ConceptLabel.Kind.PREFERRED, label="sudor")
    response = client.get(reverse("reference:cor_esco_occupations", args=["721208"]))
    assert response.status_code == 200
    options = response.json()
    assert options[0] == {"id": welder.pk, "code": "7212.4", "label": "sudor", "lang": "ro"}
    assert {(option["label"], option["lang"]) for option in options[1:]} == {
        ("solderer", "en"),
        ("arc welder", "en"),
    }
    unknown = client.get(reverse("reference:cor_esco_occupations", args=["999999"]))
    assert (unknown.status_code, unknown.json()) == (404, [])
