"""generate_scale_data and evaluate_matching at a tiny size, on reference rows from factories."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from employers.models import Vacancy, VacancySkill
from jobseekers.models import JobseekerProfile, SkillAssessment
from mediation import index

from .factories import make_occupation

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    for code in ("2512", "2513", "7212"):
        make_occupation(code, essential=8, optional=3)


def test_generate_scale_data_small(reference):
    out = StringIO()
    call_command("generate_scale_data", jobseekers=60, employers=5, vacancies=30, stdout=out)
    assert JobseekerProfile.objects.count() == 60
    assert Vacancy.objects.count() == 30
    assert SkillAssessment.objects.count() >= 60 * 5
    assert VacancySkill.objects.filter(essential=True).count() >= 30 * 3
    counties = set(JobseekerProfile.objects.values_list("county_id", flat=True))
    assert len(counties) > 5
    assert "peak memory" in out.getvalue()
    snapshot = index.get_index(force=True)
    assert snapshot.people.size > 0 and snapshot.vacancies.size > 0
    with pytest.raises(CommandError, match="already"):
        call_command("generate_scale_data", jobseekers=1, employers=0, vacancies=0)


def test_generate_scale_data_needs_reference_data():
    with pytest.raises(CommandError, match="load_reference"):
        call_command("generate_scale_data", jobseekers=1, employers=0, vacancies=0)


def test_evaluate_matching_prints_the_three_rankings_by_segment(reference):
    out = StringIO()
    call_command("evaluate_matching", people=200, vacancies=12, stdout=out)
    text = out.getvalue()
    for heading in ("nDCG@10", "P@10", "R@50", "MRR", "prod/bm25/codes", "beats both"):
        assert heading in text
    for name in ("vacancy → people", "person → vacancies", "national", "county"):
        assert name in text
    lines = text.splitlines()
    segments = {line.split()[4] for line in lines if line.startswith("vacancy → people")}
    assert segments >= {"all", "own", "previous", "none"}
    assert "Found as often (recall@50" in text and "nDCG@10 in" in text
    again = StringIO()
    call_command("evaluate_matching", people=200, vacancies=12, stdout=again)
    assert again.getvalue().splitlines()[:-1] == lines[:-1]  # same seed, same cases and figures


def test_evaluate_matching_needs_reference_data():
    with pytest.raises(CommandError, match="load_reference"):
        call_command("evaluate_matching", people=10, vacancies=2)
