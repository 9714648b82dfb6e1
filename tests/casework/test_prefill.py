"""Profiling prefilled from the file: each rule's answer and source, the form that proposes them,
and the result that keeps whether the counsellor confirmed or corrected each one."""

import datetime

import pytest
from django.urls import reverse

from casework import selectors
from casework.models import ProfilingOption, ProfilingResult
from casework.prefill import profiling_prefill
from jobseekers.models import Education, Experience, LabourStatus, VulnerabilityDeclaration
from puls.reference.choices import EducationLevel
from tests.jobseekers.factories import JobseekerProfileFactory
from tests.reference.factories import EscoOccupationFactory

from .factories import CaseFileFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


def proposed(profile):
    factors = list(selectors.active_factors())
    by_pk = profiling_prefill(profile, factors, today=TODAY)
    return {
        f.code: (by_pk[f.pk].option.prefill_code, by_pk[f.pk].source)
        for f in factors
        if f.pk in by_pk
    }


def job(profile, start, end=None):
    Experience.objects.create(
        profile=profile,
        employer_name="SC Zidaru SRL",
        occupation=EscoOccupationFactory(),
        start_date=start,
        end_date=end,
    )


@pytest.mark.parametrize(
    ("born", "code"),
    [
        (datetime.date(2004, 6, 1), "age_18_24"),
        (datetime.date(1990, 3, 12), "age_25_45"),
        (datetime.date(1975, 1, 1), "age_46_55"),
        (datetime.date(1960, 1, 1), "age_over_55"),
    ],
)
def test_the_age_band_comes_from_the_birth_date_of_the_cnp(born, code):
    got = proposed(JobseekerProfileFactory(birth_date=born, birth_year=born.year))
    assert got["age_band"][0] == code and "from the CNP" in got["age_band"][1]


@pytest.mark.parametrize(
    ("levels", "code"),
    [
        ([EducationLevel.PRIMARY], "primary_or_none"),
        ([EducationLevel.LOWER_SECONDARY, EducationLevel.VOCATIONAL], "secondary"),
        ([EducationLevel.UPPER_SECONDARY, EducationLevel.MASTER], "higher"),
    ],
)
def test_education_is_the_highest_level_in_the_dossier(levels, code):
    profile = JobseekerProfileFactory()
    for level in levels:
        Education.objects.create(profile=profile, level=level)
    assert proposed(profile)["education"][0] == code


def test_no_education_in_the_dossier_proposes_nothing():
    assert "education" not in proposed(JobseekerProfileFactory())


def test_experience_counts_overlapping_jobs_once():
    profile = JobseekerProfileFactory()
    job(profile, datetime.date(2020, 1, 1), datetime.date(2023, 1, 1))  # 36 months
    job(profile, datetime.date(2022, 1, 1), datetime.date(2024, 1, 1))  # 12 more, not 24
    code, source = proposed(profile)["work_experience"]
    assert code == "1_5_years" and "4 years" in source


@pytest.mark.parametrize(
    ("ended", "code"),
    [
        (datetime.date(2026, 9, 1), "under_6_months"),
        (datetime.date(2026, 2, 1), "6_12_months"),
        (datetime.date(2025, 5, 1), "12_24_months"),
        (datetime.date(2020, 5, 1), "over_24_months_or_never"),
    ],
)
def test_time_out_of_work_runs_from_the_end_of_the_last_job(ended, code):
    profile = JobseekerProfileFactory()
    job(profile, datetime.date(2015, 1, 1), ended)
    got = proposed(profile)["time_out_of_work"]
    assert got[0] == code and "ended in" in got[1]


def test_a_current_job_or_no_job_at_all():
    working = JobseekerProfileFactory(status=LabourStatus.EMPLOYED)
    never = JobseekerProfileFactory()
    assert proposed(working)["time_out_of_work"][0] == "under_6_months"
    assert proposed(never)["time_out_of_work"] == (
        "over_24_months_or_never",
        "no job in the dossier",
    )
    assert proposed(never)["work_experience"][0] == "none"


def test_a_declared_long_term_unemployment_means_twelve_months_at_least():
    profile = JobseekerProfileFactory()
    job(profile, datetime.date(2015, 1, 1), datetime.date(2026, 9, 1))
    VulnerabilityDeclaration.objects.create(profile=profile, group="long_term_unemployed")
    code, source = proposed(profile)["time_out_of_work"]
    assert code == "12_24_months" and "long-term unemployed" in source


@pytest.mark.parametrize(
    ("groups", "code"), [([], "none"), (["homeless"], "one"), (["homeless", "migrant"], "several")]
)
def test_the_vulnerable_situations_the_person_declared(groups, code):
    profile = JobseekerProfileFactory()
    for group in groups:
        VulnerabilityDeclaration.objects.create(profile=profile, group=group)
    assert proposed(profile)["vulnerable_situation"][0] == code


def test_an_answer_the_analyst_renamed_is_not_proposed():
    ProfilingOption.objects.filter(factor__code="age_band").update(prefill_code="")
    got = proposed(JobseekerProfileFactory())
    assert "age_band" not in got and "vulnerable_situation" in got


def test_health_and_skills_currency_are_left_to_the_counsellor():
    got = proposed(JobseekerProfileFactory())
    assert "health_or_care" not in got and "skills_currency" not in got


# --- The form and the result ----------------------------------------------------------------------


@pytest.fixture
def owner_client(client, enrol_totp):
    case_file = CaseFileFactory(
        profile=JobseekerProfileFactory(birth_date=datetime.date(1960, 1, 1), birth_year=1960)
    )
    Education.objects.create(profile=case_file.profile, level=EducationLevel.BACHELOR)
    client.force_login(enrol_totp(case_file.owner))
    client.case_file = case_file
    return client


def _answers(form, **overrides):
    data = {}
    for factor in form.factors:
        name = f"factor_{factor.pk}"
        initial = form.fields[name].initial
        data[name] = overrides.get(factor.code, initial or factor.options.first().pk)
    return data


def test_the_form_shows_the_prefilled_answers_with_their_source(owner_client):
    owner_client.cookies["django_language"] = "en"
    url = reverse("casework:profiling_new", args=[owner_client.case_file.profile.pk])
    page = owner_client.get(url)
    html = page.content.decode()
    form = page.context["form"]
    age = next(f for f in form.factors if f.code == "age_band")
    over_55 = age.options.get(prefill_code="age_over_55")

    assert form.fields[f"factor_{age.pk}"].initial == over_55.pk
    assert f'value="{over_55.pk}"' in html and "checked" in html
    assert "Prefilled from the file: " in html and "from the CNP (born 1 January 1960)" in html
    assert 'data-testid="prefilled"' in html


def test_confirmed_and_corrected_answers_are_kept_with_the_result(owner_client):
    url = reverse("casework:profiling_new", args=[owner_client.case_file.profile.pk])
    form = owner_client.get(url).context["form"]
    education = next(f for f in form.factors if f.code == "education")
    corrected = education.options.get(prefill_code="secondary")

    response = owner_client.post(url, _answers(form, education=corrected.pk))

    assert response.status_code == 302
    rows = {row["code"]: row for row in ProfilingResult.objects.get().answers}
    assert rows["age_band"]["prefilled"]["confirmed"] is True
    assert rows["education"]["prefilled"] == {
        "answer": "Studii superioare",
        "source": rows["education"]["prefilled"]["source"],
        "confirmed": False,
    }
    assert rows["education"]["answer"] == corrected.label
    assert "prefilled" not in rows["health_or_care"]


def test_a_missing_answer_keeps_the_prefill_and_saves_nothing(owner_client):
    url = reverse("casework:profiling_new", args=[owner_client.case_file.profile.pk])
    form = owner_client.get(url).context["form"]
    data = _answers(form)
    health = next(f for f in form.factors if f.code == "health_or_care")
    del data[f"factor_{health.pk}"]

    response = owner_client.post(url, data)

    assert response.status_code == 200
    assert (
        "This field is required." in response.content.decode()
        or "obligatoriu" in response.content.decode()
    )
    assert (
        "Prefilled from the file" in response.content.decode()
        or "Precompletat" in response.content.decode()
    )
    assert not ProfilingResult.objects.exists()
