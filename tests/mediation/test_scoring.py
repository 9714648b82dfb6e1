"""Properties of the score: monotone in matched skills, explained, deterministic, bounded."""

from hypothesis import given
from hypothesis import strategies as st

from mediation.scoring import (
    DEFAULT_WEIGHTS,
    PersonFacts,
    SkillContext,
    VacancyFacts,
    explain,
    normalise_weights,
    score,
)

CONTEXT = SkillContext(
    weights={1: 9.0, 2: 2.0, 3: 5.0, 4: 1.5, 5: 3.0, 6: 4.0},
    related={1: (7,), 3: (8,)},
    neighbours={"CJ": frozenset({"BH", "AB"})},
)
VACANCY = VacancyFacts(
    id=1,
    essential=(1, 2, 3, 4),
    optional=(5, 6),
    esco_occupation=10,
    isco_code="2512",
    education_rank=6,
    experience_years=2,
    languages={"en": 3},
    licences=frozenset({"B"}),
    county="CJ",
    locality="cluj-napoca",
    pay_max=9000.0,
    schedule="full_time",
)

skill_sets = st.dictionaries(
    st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=4), max_size=9
)
weights = st.fixed_dictionaries(
    {name: st.floats(min_value=0, max_value=50) for name in DEFAULT_WEIGHTS}
)


def person(skills, **kwargs):
    return PersonFacts(id=1, skills=skills, county=kwargs.pop("county", "CJ"), **kwargs)


@given(
    skills=skill_sets,
    new_skill=st.sampled_from(VACANCY.essential),
    level=st.integers(min_value=1, max_value=4),
    weights=weights,
)
def test_adding_a_matched_essential_skill_never_lowers_the_score(skills, new_skill, level, weights):
    before = score(person(skills), VACANCY, CONTEXT, weights)
    after = score(person({**skills, new_skill: level}), VACANCY, CONTEXT, weights)
    if new_skill in skills:
        return
    assert after.score >= before.score


@given(skills=skill_sets, weights=weights)
def test_score_is_between_0_and_100_and_deterministic(skills, weights):
    first = score(person(skills), VACANCY, CONTEXT, weights)
    assert 0 <= first.score <= 100
    assert score(person(skills), VACANCY, CONTEXT, weights) == first


def test_missing_essential_skill_is_named_in_the_explanation():
    match = score(person({1: 3, 2: 3, 4: 3}), VACANCY, CONTEXT)
    explanation = explain(match, {1: "operate forklift", 3: "weld metal", 2: "a", 4: "b"})
    assert explanation["missing"] == ["weld metal"]
    assert "weld metal" not in explanation["matched"]
    assert {line["signal"] for line in explanation["signals"]} >= {"essential_skills", "place"}
    assert abs(sum(line["points"] for line in explanation["signals"]) - match.score) <= 1


def test_rare_skill_counts_more_than_a_common_one():
    rare = score(person({1: 3}), VACANCY, CONTEXT)  # weight 9
    common = score(person({4: 3}), VACANCY, CONTEXT)  # weight 1.5
    assert rare.score > common.score


def test_a_related_skill_gives_partial_credit():
    without = score(person({}), VACANCY, CONTEXT)
    related = score(person({7: 3}), VACANCY, CONTEXT)  # 7 is related to essential skill 1
    exact = score(person({1: 3}), VACANCY, CONTEXT)
    assert without.score < related.score < exact.score
    assert related.related_essential == [(1, 7)]


def test_signals_the_vacancy_does_not_ask_for_are_left_out():
    bare = VacancyFacts(id=2, essential=(1,), county="CJ")
    match = score(person({1: 4}), bare, CONTEXT)
    assert match.signals["languages"] is None and match.signals["driving_licence"] is None
    assert "languages" not in match.points


def test_place_prefers_the_same_locality_then_county_then_neighbours():
    values = [
        score(person({}, **place), VACANCY, CONTEXT).signals["place"]
        for place in (
            {"locality": "cluj-napoca"},
            {},
            {"county": "BH", "willing_to_commute": True},
            {"county": "IS"},
        )
    ]
    assert values == sorted(values, reverse=True) and values[-1] == 0


def test_related_weight_is_capped_below_the_essential_one():
    clean = normalise_weights({"essential_skills": 10, "related_skills": 50, "pay": -3})
    assert clean["related_skills"] == 7.0 and clean["pay"] == 0.0
