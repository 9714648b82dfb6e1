"""Ranked lists: order, hard filters, scopes, and a query count that does not grow."""

import pytest
from django.db import connection

from casework import services as casework_services
from casework.models import CaseFile
from jobseekers.models import AccountState, VulnerabilityDeclaration
from mediation import facts, index, selectors
from tests.accounts.factories import UserFactory, agency
from tests.casework.factories import CaseFileFactory, answers_with
from tests.employers.factories import CompanyFactory
from tests.reference.factories import SkillFactory

from .factories import make_person, make_vacancy

pytestmark = pytest.mark.django_db


def names(rows):
    return [row.profile.user.first_name for row in rows]


def test_candidates_are_ranked_by_competences_with_explanations(world, cluj_counsellor):
    rows = selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)
    assert names(rows)[:2] == ["Ana", "Bogdan"]
    assert rows[0].score > rows[1].score
    assert rows[1].explanation["missing"] and not rows[0].explanation["missing"]


def test_hard_filters_hold(world, cluj_counsellor):
    world["bogdan"].share_with_employers = False
    world["bogdan"].save()
    world["carmen"].account_state = AccountState.CLOSURE_REQUESTED
    world["carmen"].save()
    rows = selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)
    assert names(rows) == ["Ana"]


def test_agency_scope_by_default_national_on_request(world, cluj_counsellor):
    far = make_person(
        world["essential"], county=agency("B").county, user=UserFactory(first_name="Dan")
    )
    rows = selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)
    assert "Dan" not in names(rows)
    index.reset()
    rows = selectors.ranked_candidates(
        vacancy=world["vacancy"], user=cluj_counsellor, national=True
    )
    row = next(row for row in rows if row.profile.pk == far.pk)
    assert not row.same_agency  # shown without a name, not proposable by Cluj


def test_county_and_vulnerable_filters(world, cluj_counsellor):
    VulnerabilityDeclaration.objects.create(profile=world["bogdan"], group="homeless")
    rows = selectors.ranked_candidates(
        vacancy=world["vacancy"], user=cluj_counsellor, vulnerable="homeless"
    )
    assert names(rows) == ["Bogdan"]
    rows = selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor, county="IS")
    assert rows == []


def profile_levels(world, **levels):
    """Give the named people of ``world`` a case file at a level (as casework's profiling does)."""
    for name, level in levels.items():
        CaseFile.objects.update_or_create(profile=world[name], defaults={"level": level})


def test_level_filter_in_the_index(world, cluj_counsellor):
    profile_levels(world, ana="easy", bogdan="hard")
    snapshot = index.get_index()
    people = snapshot.people
    assert people.level[people.row_of(world["carmen"].pk)] == -1  # not profiled
    vacancy = facts.vacancies_facts([world["vacancy"].pk])[world["vacancy"].pk]
    hard = [people.ids[row] for row in snapshot.candidate_rows(vacancy, level="hard")]
    assert hard == [world["bogdan"].pk]
    easy = [pk for pk, _match in snapshot.top_candidates(vacancy, level="easy")]
    assert easy == [world["ana"].pk]
    assert snapshot.top_candidates(vacancy, level="very_hard") == []
    assert snapshot.top_candidates(vacancy, level="no-such-level") == []


def test_level_filter(world, cluj_counsellor):
    profile_levels(world, ana="easy", bogdan="hard", carmen="hard")
    rows = selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor, level="hard")
    assert names(rows) == ["Bogdan", "Carmen"]
    rows = selectors.ranked_candidates(
        vacancy=world["vacancy"], user=cluj_counsellor, level="medium"
    )
    assert rows == []
    rows = selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)
    assert names(rows) == ["Ana", "Bogdan", "Carmen"]


def test_level_is_rechecked_on_fresh_rows(world, cluj_counsellor):
    profile_levels(world, ana="easy", bogdan="hard")
    selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)  # snapshot
    CaseFile.objects.filter(profile=world["bogdan"]).update(level="easy")  # no bump yet
    rows = selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor, level="hard")
    assert rows == []


def setup_committed():
    """Forget the callbacks the set-up scheduled, as its commit would have: a bump already
    pending in the test's transaction would otherwise absorb the one under test."""
    connection.run_on_commit.clear()


def test_a_profiling_bumps_the_index_version(django_capture_on_commit_callbacks):
    case_file = CaseFileFactory()
    setup_committed()
    before = index.current_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        casework_services.profiling_record(
            case_file=case_file, answers=answers_with({}), by=case_file.owner
        )
    assert len(callbacks) == 1
    assert index.current_version() == before + 1
    setup_committed()
    with django_capture_on_commit_callbacks(execute=True):
        CaseFile.objects.get(pk=case_file.pk).save()
    assert index.current_version() == before + 2


def test_a_new_level_reaches_the_index_after_the_bump(
    world, cluj_counsellor, django_capture_on_commit_callbacks
):
    selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)  # snapshot
    case_file = CaseFileFactory(profile=world["bogdan"])
    setup_committed()
    with django_capture_on_commit_callbacks(execute=True):
        casework_services.profiling_record(
            case_file=case_file, answers=answers_with({}), by=case_file.owner
        )
    rows = selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor, level="easy")
    assert names(rows) == ["Bogdan"]


def test_vacancies_for_a_person(world, cluj_counsellor):
    other = make_vacancy(
        world["cor"],
        world["esco"],
        world["essential"][:2] + [SkillFactory(), SkillFactory()],
        company=CompanyFactory(verified=True),
        title="Ajutor",
    )
    rows = selectors.ranked_vacancies(profile=world["ana"], user=cluj_counsellor)
    assert [row.vacancy.pk for row in rows] == [world["vacancy"].pk, other.pk]


def test_candidate_query_count_does_not_grow_with_results(
    world, cluj_counsellor, django_assert_max_num_queries
):
    selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)  # warm index
    with django_assert_max_num_queries(18) as few:
        selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)
    for _ in range(25):
        make_person(world["essential"][:3], occupation=world["esco"])
    index.reset()
    selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)
    assert len(rows) == 28


def test_index_refreshes_when_the_version_moves(world, cluj_counsellor):
    selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)
    late = make_person(world["essential"], user=UserFactory(first_name="Elena"))
    index.version_bump()  # what the on-commit signal does after a real transaction
    rows = selectors.ranked_candidates(vacancy=world["vacancy"], user=cluj_counsellor)
    assert late.pk in [row.profile.pk for row in rows]


def test_signal_schedules_one_bump_per_transaction(django_capture_on_commit_callbacks):
    before = index.current_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_person([SkillFactory(), SkillFactory()])
    assert len(callbacks) == 1
    assert index.current_version() == before + 1


def test_people_with_a_proposal_count_as_mediated_on_competences(world, cluj_counsellor):
    from mediation import services

    for person in ("ana", "bogdan"):
        services.proposal_create(
            vacancy=world["vacancy"], profile=world[person], by=cluj_counsellor
        )
    assert selectors.mediated_on_competences() == 2
    assert selectors.mediated_on_competences(agency=agency("B")) == 0
