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


def test_evaluate_matching_prints_both_rankings(reference):
    out = StringIO()
    call_command("evaluate_matching", people=200, vacancies=10, stdout=out)
    text = out.getvalue()
    assert "competence matching" in text and "occupation codes only" in text
    assert "precision@10" in text and "nDCG@10" in text
