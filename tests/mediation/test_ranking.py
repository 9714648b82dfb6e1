"""How the ranking weighs what people can do against the codes they typed (issue 15, part 1)."""

import datetime
import importlib

import pytest
from django.utils import timezone

from jobseekers.models import Experience
from mediation import selectors
from mediation.scoring import (
    DEFAULT_WEIGHTS,
    OCCUPATION_BASIS,
    PersonFacts,
    SkillContext,
    VacancyFacts,
    explain,
    score,
)
from tests.accounts.factories import UserFactory

from .factories import make_occupation, make_person, make_vacancy

# An occupation (id 10, unit group 7212) whose profile has twelve essential skills (1–12) and
# four optional ones (21–24), all of the same specificity; another (id 20, 7213) with 31–42.
PROFILE = {skill_id: 3.0 for skill_id in range(1, 13)} | {
    skill_id: 1.5 for skill_id in range(21, 25)
}
OTHER = {skill_id: 3.0 for skill_id in range(31, 43)}
CONTEXT = SkillContext(
    weights=dict.fromkeys(list(range(1, 50)), 3.0),
    profiles={10: PROFILE, 20: OTHER},
    profile_totals={10: sum(PROFILE.values()), 20: sum(OTHER.values())},
)
TWELVE = VacancyFacts(
    id=1, essential=tuple(range(1, 13)), esco_occupation=10, isco_code="7212", county="CJ"
)
# The same occupation, but the vacancy lists only four of its skills.
FOUR = VacancyFacts(id=2, essential=(1, 2, 3, 4), esco_occupation=10, isco_code="7212", county="CJ")


def person(skills=(), **kwargs):
    kwargs.setdefault("county", "CJ")
    return PersonFacts(id=kwargs.pop("id", 1), skills=dict.fromkeys(skills, 3), **kwargs)


def current_job(occupation=10, code="7212"):
    return {
        "occupations": frozenset({occupation}),
        "isco_years": {code: 4.0},
        "current_occupations": frozenset({occupation}),
        "current_isco": frozenset({code}),
    }


def previous_job(occupation=10, code="7212"):
    return {"occupations": frozenset({occupation}), "isco_years": {code: 6.0}}


def test_five_of_twelve_skills_without_a_code_outrank_one_of_twelve_with_it():
    skilled = score(person([1, 2, 3, 4, 5]), TWELVE, CONTEXT)
    coded = score(person([1], **current_job()), TWELVE, CONTEXT)
    assert skilled.score > coded.score
    assert skilled.occupation_basis == "skills" and coded.occupation_basis == "current"


def test_a_previous_job_counts_less_than_a_current_one_and_than_evidenced_skills():
    current = score(person([1], **current_job()), TWELVE, CONTEXT)
    previous = score(person([1], **previous_job()), TWELVE, CONTEXT)
    skilled = score(person([1, 2, 3, 4]), TWELVE, CONTEXT)
    assert current.score > previous.score
    assert skilled.score > previous.score
    assert previous.occupation_basis == "previous"
    assert previous.signals["occupation"] < current.signals["occupation"]


def test_a_wish_only_breaks_ties():
    plain = score(person([1, 2]), TWELVE, CONTEXT)
    wishing = score(
        person([1, 2], wished_occupations=frozenset({10}), wished_isco=frozenset({"7212"})),
        TWELVE,
        CONTEXT,
    )
    one_more_skill = score(person([1, 2, 3]), TWELVE, CONTEXT)
    assert plain.score <= wishing.score < one_more_skill.score
    assert wishing.signals["occupation"] == plain.signals["occupation"]


def test_implied_skills_credit_less_than_listed_ones_and_are_named():
    listed = score(person([1]), FOUR, CONTEXT)  # listed by the vacancy
    implied = score(person([7]), FOUR, CONTEXT)  # of the occupation, not listed
    nothing = score(person([45]), FOUR, CONTEXT)
    assert listed.score > implied.score > nothing.score
    assert implied.implied == [7] and listed.implied == []
    explanation = explain(implied, {7: "weld pipes", 1: "read blueprints"})
    assert explanation["implied"] == ["weld pipes"]
    assert explanation["missing"] == ["read blueprints", "2", "3", "4"]


def test_skills_of_a_neighbouring_occupation_dilute_the_inferred_fit():
    focused = score(person([5, 6, 7, 8]), FOUR, CONTEXT)
    mixed = score(person([5, 6, 7, 8, 31, 32, 33, 34, 35, 36]), FOUR, CONTEXT)
    assert focused.signals["occupation"] > mixed.signals["occupation"] > 0


def test_related_skills_keep_partial_credit_inside_the_coverage():
    context = SkillContext(
        weights=CONTEXT.weights,
        related={1: (49,)},
        profiles=CONTEXT.profiles,
        profile_totals=CONTEXT.profile_totals,
    )
    related = score(person([49]), FOUR, context)
    exact = score(person([1]), FOUR, context)
    without = score(person([]), FOUR, context)
    assert without.score < related.score < exact.score
    assert related.related_essential == [(1, 49)]
    assert related.signals["related_skills"] is None  # counted in essential_skills


def test_the_explanation_stays_exact_and_says_what_the_occupation_rests_on():
    match = score(person([1, 2, 3, 9], **previous_job()), FOUR, CONTEXT)
    explanation = explain(match, {})
    assert abs(sum(line["points"] for line in explanation["signals"]) - match.score) <= 1
    line = next(line for line in explanation["signals"] if line["signal"] == "occupation")
    assert line["basis"] == str(OCCUPATION_BASIS["skills"])
    assert line["percent"] == max(line["declared"], line["inferred"])
    assert line["declared"] == 40 and line["inferred"] > 40


# --- Through the engine: retrieval, the index and the selectors -----------------------------


@pytest.fixture
def trades(db):
    """Two occupations of twelve essential skills each, a vacancy for each listing only four."""
    welder = make_occupation("7212", essential=12, optional=2)
    plumber = make_occupation("7126", essential=12, optional=2)
    vacancies = {
        "welder": make_vacancy(welder[0], welder[1], welder[2][:4]),
        "plumber": make_vacancy(plumber[0], plumber[1], plumber[2][:4]),
    }
    return {"welder": welder, "plumber": plumber, "vacancies": vacancies}


def names(rows):
    return [row.profile.user.first_name for row in rows]


def test_engine_ranks_competence_above_a_code(trades, cluj_counsellor):
    _cor, esco, skills, _optional = trades["welder"]
    make_person(skills[:5], user=UserFactory(first_name="Skilled"))
    make_person(skills[:1], occupation=esco, user=UserFactory(first_name="Coded"))
    rows = selectors.ranked_candidates(vacancy=trades["vacancies"]["welder"], user=cluj_counsellor)
    assert names(rows)[:2] == ["Skilled", "Coded"]


def test_a_career_changer_is_found_both_ways(trades, cluj_counsellor):
    """A former plumber retrained as a welder: their old code is plumbing; most of their welding
    skills are ones the welding vacancy did not even list."""
    _cor, plumber, plumbing, _optional = trades["plumber"]
    _cor, _welder, welding, _optional = trades["welder"]
    changer = make_person(
        plumbing[:2] + welding[2:3] + welding[5:10], user=UserFactory(first_name="Changer")
    )
    Experience.objects.filter(profile=changer).delete()
    Experience.objects.create(
        profile=changer,
        occupation=plumber,
        employer_name="SC Instalații",
        start_date=timezone.localdate() - datetime.timedelta(days=4000),
        end_date=timezone.localdate() - datetime.timedelta(days=2200),
    )
    make_person([], occupation=_welder, user=UserFactory(first_name="Once"))
    make_person(welding[:1], user=UserFactory(first_name="Few"))
    rows = selectors.ranked_candidates(vacancy=trades["vacancies"]["welder"], user=cluj_counsellor)
    assert names(rows)[0] == "Changer"
    occupation = next(
        line for line in rows[0].explanation["signals"] if line["signal"] == "occupation"
    )
    assert occupation["basis"] == str(OCCUPATION_BASIS["skills"])
    assert len(rows[0].explanation["implied"]) == 5
    vacancies = selectors.ranked_vacancies(profile=changer, user=cluj_counsellor)
    assert [row.vacancy for row in vacancies][:2] == [
        trades["vacancies"]["welder"],
        trades["vacancies"]["plumber"],
    ]


def test_implied_skills_alone_retrieve_a_person(trades, cluj_counsellor):
    _cor, _esco, skills, _optional = trades["welder"]
    quiet = make_person(skills[6:10], user=UserFactory(first_name="Quiet"))
    rows = selectors.ranked_candidates(vacancy=trades["vacancies"]["welder"], user=cluj_counsellor)
    assert names(rows) == ["Quiet"]
    vacancies = selectors.ranked_vacancies(profile=quiet, user=cluj_counsellor)
    assert [row.vacancy for row in vacancies] == [trades["vacancies"]["welder"]]


def test_the_weights_migration_records_the_defaults():
    module = importlib.import_module("mediation.migrations.0003_weights_version_2")
    assert module.WEIGHTS_V2 == DEFAULT_WEIGHTS
