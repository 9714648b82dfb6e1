"""Searches ignore diacritics both ways; COR → ESCO ranking; skills of an occupation; hierarchy."""

import pytest
from django.utils import translation

from puls.reference.models import CorOccupation, EscoOccupation, Skill, SkillGroup
from puls.reference.selectors import (
    broader_skill_groups,
    broader_skill_map,
    broader_skills,
    esco_occupations_for_cor,
    essential_skills_for,
    search_cor_occupations,
    search_esco_occupations,
    search_skills,
    skills_for,
)

from .datasets import OCC, SKILL, run_load
from .factories import CorOccupationFactory, IscoGroupFactory, SkillFactory

pytestmark = pytest.mark.django_db


def names(occupations):
    return [occupation.name for occupation in occupations]


def labels(concepts, language="en"):
    return [concept.label(language) for concept in concepts]


@pytest.fixture
def chiefs():
    group = IscoGroupFactory(code="1324")
    return [
        CorOccupationFactory(code="132490", name="sef depozit", isco_group=group),  # no marks
        CorOccupationFactory(code="132491", name="şef de echipă", isco_group=group),  # cedilla
        CorOccupationFactory(code="132492", name="șef tură", isco_group=group),  # comma below
        CorOccupationFactory(code="132493", name="sefarad", isco_group=group),
        CorOccupationFactory(code="132494", name="ospătar", isco_group=group),
    ]


@pytest.mark.parametrize("query", ["sef", "SEF", "șef", "Șef", "şef", "ŞEF"])
def test_cor_search_ignores_case_and_diacritics_both_ways(chiefs, query):
    assert set(names(search_cor_occupations(query))) == {
        "sef depozit",
        "şef de echipă",
        "șef tură",
        "sefarad",
    }


def test_cor_search_needs_every_word_and_ranks_prefix_matches_first(chiefs):
    assert names(search_cor_occupations("sef d")) == ["sef depozit", "şef de echipă", "sefarad"]
    assert names(search_cor_occupations("ospatar")) == ["ospătar"]
    assert names(search_cor_occupations("echipa sef")) == ["şef de echipă"]


def test_cor_search_by_code_prefix(chiefs):
    assert [occupation.code for occupation in search_cor_occupations("13249", limit=3)] == [
        "132490",
        "132491",
        "132492",
    ]
    assert list(search_cor_occupations("9")) == []
    assert list(search_cor_occupations("  ")) == []


def test_cor_search_is_one_query(chiefs, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len(list(search_cor_occupations("sef", limit=2))) == 2


def test_skill_search_matches_romanian_labels_without_diacritics(loaded, romanian_package):
    run_load("--esco-dir", str(romanian_package), "--language", "ro")
    for query in ["operațiunilor", "operatiunilor", "operaţiunilor", "OPERAȚIUNILOR depozit"]:
        assert labels(search_skills(query, language="ro"), "ro") == [
            "gestionarea operațiunilor din depozit"
        ], query
    assert labels(search_skills("administrarea", language="ro"), "ro") == [
        "gestionarea operațiunilor din depozit"
    ]
    # A Romanian visitor also finds skills by their English labels, shown in English.
    assert labels(search_skills("python", language="ro"), "ro") == ["Python (computer programming)"]
    # An English visitor is not shown matches on Romanian labels.
    assert list(search_skills("administrarea", language="en")) == []


def test_skill_search_ranks_exact_then_prefix_then_word_then_shorter(loaded):
    assert labels(search_skills("computer programming", language="en")) == [
        "computer programming",
        "Python (computer programming)",
    ]
    assert labels(search_skills("programming", language="en")) == [
        "computer programming",
        "Python (computer programming)",
    ]
    assert labels(search_skills("lead a team", language="en")) == ["lead others"]


def test_skill_search_is_one_query(loaded, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = labels(search_skills("a", language="ro", limit=3), "ro")
    assert len(found) == 3


def test_esco_occupation_search_by_label_code_and_isco_group(loaded):
    assert labels(search_esco_occupations("depot manager", language="en")) == ["warehouse manager"]
    assert [occupation.code for occupation in search_esco_occupations("2512", language="en")] == [
        "2512.2",
        "2512.4",
    ]
    assert labels(search_esco_occupations("software", language="en", isco="2512")) == [
        "software analyst",
        "software developer",
    ]
    assert list(search_esco_occupations("software", language="en", isco="1324")) == []
    assert labels(search_esco_occupations("manager", language="en", isco="1")) == [
        "warehouse manager"
    ]


@pytest.mark.parametrize(
    ("cor_code", "closest"),
    [
        ("251201", "software analyst"),  # analist
        ("251202", "software developer"),  # programator ~ programmer, an alternative label
        ("132401", "warehouse manager"),
        (
            "242901",
            "management consultant",
        ),  # national unit group 2429: searched in minor group 242
    ],
)
def test_esco_occupations_for_cor_closest_first(loaded, cor_code, closest):
    found = esco_occupations_for_cor(CorOccupation.objects.get(code=cor_code))
    assert found[0].label("en") == closest
    assert all(0 <= occupation.similarity <= 1 for occupation in found)
    assert [o.similarity for o in found] == sorted((o.similarity for o in found), reverse=True)


def test_esco_occupations_for_cor_queries_are_bounded(loaded, django_assert_max_num_queries):
    analyst = CorOccupation.objects.select_related("isco_group").get(code="251201")
    with django_assert_max_num_queries(2):
        assert len(esco_occupations_for_cor(analyst)) == 2


def test_esco_occupations_for_cor_without_isco_group_is_empty(db):
    assert esco_occupations_for_cor(CorOccupationFactory(isco_group=None)) == []


def test_skills_for_puts_essential_first_and_lists_each_skill_once(loaded):
    developer = EscoOccupation.objects.get(uri=OCC["developer"])
    skills = list(skills_for(developer, language="en"))
    assert [(skill.label("en"), skill.is_essential) for skill in skills] == [
        ("analyse software specifications", True),
        ("computer programming", True),
        ("lead others", True),  # listed both as essential and optional: essential wins
        ("Python (computer programming)", False),
    ]
    assert labels(essential_skills_for(developer)) == [
        "analyse software specifications",
        "computer programming",
        "lead others",
    ]


def test_broader_concepts_of_a_skill(loaded):
    python = Skill.objects.get(uri=SKILL["python"])
    lead = Skill.objects.get(uri=SKILL["lead"])
    assert [skill.uri for skill in broader_skills(python)] == [SKILL["programming"]]
    assert [group.code for group in broader_skill_groups(lead)] == ["S1"]
    programming = Skill.objects.get(uri=SKILL["programming"])
    assert broader_skill_map([python.pk, lead.pk]) == {python.pk: {programming.pk}, lead.pk: set()}
    assert SkillGroup.objects.get(code="S1").label("ro") == (
        "communication, collaboration and creativity"
    )


def test_label_follows_the_active_language_with_english_fallback(db):
    both = SkillFactory(preferred_labels={"en": "welding", "ro": "sudură"})
    english_only = SkillFactory(preferred_labels={"en": "riveting"})
    unlabelled = SkillFactory(preferred_labels={})
    with translation.override("ro"):
        assert (str(both), str(english_only)) == ("sudură", "riveting")
    with translation.override("en"):
        assert str(both) == "welding"
    assert unlabelled.label("ro") == unlabelled.uri
