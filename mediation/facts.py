"""What the scorer needs, read from the database: the skill context, and the facts of a set of
people or vacancies in a fixed number of queries, whatever the size of the set."""

import math
from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from employers.models import Vacancy, VacancyLanguage, VacancySkill
from jobseekers.models import (
    DrivingLicenceCategory,
    Education,
    Experience,
    JobseekerProfile,
    LanguageSkill,
    SkillAssessment,
)
from puls.reference import text
from puls.reference.choices import CEFRLevel, EducationLevel
from puls.reference.models import County, EscoOccupation, OccupationSkill, Skill

from .scoring import (
    CURRENT_YEARS,
    MOTHER_TONGUE_RANK,
    PROFILE_OPTIONAL,
    PersonFacts,
    SkillContext,
    VacancyFacts,
)

# A skill group or a set of siblings larger than this says little about closeness: not related.
RELATED_GROUP_LIMIT = 30
EDUCATION_RANK = {value: EducationLevel.rank(value) for value in EducationLevel.values}
CEFR_RANK = {value: CEFRLevel.rank(value) for value in CEFRLevel.values}


def locality_key(name):
    return text.search_key(name or "")


def skill_weights(*, vacancy_counts=None, vacancy_total=0):
    """Specificity of each skill, an inverse document frequency: 1 + ln(1/p), where p is the
    share of ESCO occupations that list the skill (smoothed), averaged with its share of vacancies
    once there are at least 100 of them. "Use a computer" gets about 2, a rare skill about 9."""
    occupation_total = EscoOccupation.objects.count()
    counts = dict(
        OccupationSkill.objects.values("skill_id")
        .annotate(n=Count("id"))
        .values_list("skill_id", "n")
    )
    vacancy_counts = vacancy_counts or {}
    weights = {}
    for skill_id in set(counts) | set(vacancy_counts):
        share = (counts.get(skill_id, 0) + 1) / (occupation_total + 1)
        if vacancy_total >= 100:
            share = 0.5 * share + 0.5 * (vacancy_counts.get(skill_id, 0) + 1) / (vacancy_total + 1)
        weights[skill_id] = 1.0 + math.log(1.0 / share)
    return weights


def related_skills():
    """Related skills of each skill: its broader and narrower skills, its siblings under a
    broader skill, and the skills of the same small ESCO skill group."""
    through_skill = Skill.broader_skills.through
    through_group = Skill.broader_groups.through
    related = defaultdict(set)
    children = defaultdict(set)
    for narrower, broader in through_skill.objects.values_list("from_skill_id", "to_skill_id"):
        related[narrower].add(broader)
        related[broader].add(narrower)
        children[broader].add(narrower)
    groups = defaultdict(set)
    for skill_id, group_id in through_group.objects.values_list("skill_id", "skillgroup_id"):
        groups[group_id].add(skill_id)
    for members in list(children.values()) + list(groups.values()):
        if len(members) <= RELATED_GROUP_LIMIT:
            for skill_id in members:
                related[skill_id].update(members - {skill_id})
    return {skill_id: tuple(sorted(others)) for skill_id, others in related.items()}


def occupation_profiles(weights):
    """The ESCO profile of each occupation: {occupation id: {skill id: weight}} (an essential
    skill at its specificity, an optional one at PROFILE_OPTIONAL of it) and each total."""
    profiles = defaultdict(dict)
    for occupation_id, skill_id, relation in OccupationSkill.objects.values_list(
        "occupation_id", "skill_id", "relation_type"
    ):
        weight = weights.get(skill_id, 1.0)
        profiles[occupation_id][skill_id] = (
            weight if relation == "essential" else PROFILE_OPTIONAL * weight
        )
    totals = {occupation: sum(profile.values()) for occupation, profile in profiles.items()}
    return dict(profiles), totals


def is_current(end, today):
    """A job ongoing or ended less than CURRENT_YEARS ago."""
    return end is None or (today - end).days < CURRENT_YEARS * 365.25


def county_neighbours():
    through = County.neighbours.through
    neighbours = defaultdict(set)
    for a, b in through.objects.values_list("from_county_id", "to_county_id"):
        neighbours[a].add(b)
        neighbours[b].add(a)
    return {code: frozenset(codes) for code, codes in neighbours.items()}


def open_vacancies():
    """Vacancies still looking for people: submitted or published, posts left, still valid."""
    return Vacancy.objects.open().exclude(valid_until__lt=timezone.localdate())


def build_context(*, open_vacancies_count=True):
    """The SkillContext; ``open_vacancies_count=False`` leaves the open vacancies out of the
    specificity weights (an evaluation on generated cases, independent of the database's data)."""
    if open_vacancies_count:
        vacancy_ids = open_vacancies().values("pk")
        vacancy_counts = dict(
            VacancySkill.objects.filter(vacancy_id__in=vacancy_ids)
            .values("skill_id")
            .annotate(n=Count("id"))
            .values_list("skill_id", "n")
        )
        weights = skill_weights(
            vacancy_counts=vacancy_counts, vacancy_total=open_vacancies().count()
        )
    else:
        weights = skill_weights()
    profiles, totals = occupation_profiles(weights)
    return SkillContext(
        weights=weights,
        related=related_skills(),
        neighbours=county_neighbours(),
        profiles=profiles,
        profile_totals=totals,
    )


def years_between(start, end, today):
    end = end or today
    return max(0.0, (end - start).days / 365.25)


def people_facts(profile_ids, *, today=None):
    """PersonFacts of each profile id (a dict), in seven queries."""
    today = today or timezone.localdate()
    ids = list(profile_ids)
    if not ids:
        return {}
    skills = defaultdict(dict)
    for profile_id, skill_id, level in SkillAssessment.objects.filter(
        profile_id__in=ids
    ).values_list("profile_id", "skill_id", "level"):
        skills[profile_id][skill_id] = level
    occupations = defaultdict(set)
    current = defaultdict(set)
    current_isco = defaultdict(set)
    isco_years = defaultdict(lambda: defaultdict(float))
    for profile_id, occupation_id, code, start, end in Experience.objects.filter(
        profile_id__in=ids
    ).values_list(
        "profile_id", "occupation_id", "occupation__isco_group__code", "start_date", "end_date"
    ):
        occupations[profile_id].add(occupation_id)
        isco_years[profile_id][code] += years_between(start, end, today)
        if is_current(end, today):
            current[profile_id].add(occupation_id)
            current_isco[profile_id].add(code)
    education = {}
    for profile_id, level in Education.objects.filter(profile_id__in=ids).values_list(
        "profile_id", "level"
    ):
        education[profile_id] = max(education.get(profile_id, 0), EDUCATION_RANK.get(level, 0))
    languages = defaultdict(dict)
    for profile_id, language, level, mother in LanguageSkill.objects.filter(
        profile_id__in=ids
    ).values_list("profile_id", "language", "level", "mother_tongue"):
        languages[profile_id][language] = MOTHER_TONGUE_RANK if mother else CEFR_RANK[level]
    licences = defaultdict(set)
    for profile_id, category in DrivingLicenceCategory.objects.filter(
        profile_id__in=ids
    ).values_list("profile_id", "category"):
        licences[profile_id].add(category)
    wished = defaultdict(set)
    wished_isco = defaultdict(set)
    wished_through = JobseekerProfile.wished_occupations.through
    for profile_id, occupation_id, code in wished_through.objects.filter(
        jobseekerprofile_id__in=ids
    ).values_list("jobseekerprofile_id", "escooccupation_id", "escooccupation__isco_group__code"):
        wished[profile_id].add(occupation_id)
        wished_isco[profile_id].add(code)
    counties_through = JobseekerProfile.wished_counties.through
    wished_counties = defaultdict(set)
    for profile_id, county_id in counties_through.objects.filter(
        jobseekerprofile_id__in=ids
    ).values_list("jobseekerprofile_id", "county_id"):
        wished_counties[profile_id].add(county_id)
    facts = {}
    for row in JobseekerProfile.objects.filter(pk__in=ids).values(
        "pk",
        "county_id",
        "locality",
        "willing_to_commute",
        "willing_to_relocate",
        "minimum_pay",
        "schedule",
        "status",
    ):
        pk = row["pk"]
        facts[pk] = PersonFacts(
            id=pk,
            skills=skills.get(pk, {}),
            occupations=frozenset(occupations.get(pk, ())),
            isco_years=dict(isco_years.get(pk, {})),
            wished_occupations=frozenset(wished.get(pk, ())),
            wished_isco=frozenset(wished_isco.get(pk, ())),
            education_rank=education.get(pk, 0),
            languages=languages.get(pk, {}),
            licences=frozenset(licences.get(pk, ())),
            county=row["county_id"],
            locality=locality_key(row["locality"]),
            wished_counties=frozenset(wished_counties.get(pk, ())),
            willing_to_commute=row["willing_to_commute"],
            willing_to_relocate=row["willing_to_relocate"],
            minimum_pay=float(row["minimum_pay"]) if row["minimum_pay"] is not None else None,
            schedule=row["schedule"],
            status=row["status"],
            current_occupations=frozenset(current.get(pk, ())),
            current_isco=frozenset(current_isco.get(pk, ())),
        )
    return facts


# The vacancy columns scoring reads; the index reads them by position, in this order.
VACANCY_COLUMNS = (
    "pk",
    "esco_occupation_id",
    "esco_occupation__isco_group__code",
    "cor_occupation__code",
    "education_level",
    "experience_years",
    "driving_licences",
    "county_id",
    "locality",
    "pay_max",
    "schedule",
)


def vacancies_facts(vacancy_ids):
    """VacancyFacts of each vacancy id (a dict), in three queries."""
    ids = list(vacancy_ids)
    if not ids:
        return {}
    essential = defaultdict(list)
    optional = defaultdict(list)
    for vacancy_id, skill_id, is_essential in (
        VacancySkill.objects.filter(vacancy_id__in=ids)
        .order_by("pk")
        .values_list("vacancy_id", "skill_id", "essential")
    ):
        (essential if is_essential else optional)[vacancy_id].append(skill_id)
    languages = defaultdict(dict)
    for vacancy_id, language, level in VacancyLanguage.objects.filter(
        vacancy_id__in=ids
    ).values_list("vacancy_id", "language", "level"):
        languages[vacancy_id][language] = CEFR_RANK[level]
    facts = {}
    for row in Vacancy.objects.filter(pk__in=ids).values(*VACANCY_COLUMNS):
        pk = row["pk"]
        facts[pk] = VacancyFacts(
            id=pk,
            essential=tuple(essential.get(pk, ())),
            optional=tuple(optional.get(pk, ())),
            esco_occupation=row["esco_occupation_id"],
            isco_code=(
                row["esco_occupation__isco_group__code"] or (row["cor_occupation__code"] or "")[:4]
            ),
            education_rank=EDUCATION_RANK.get(row["education_level"], 0),
            experience_years=row["experience_years"] or 0,
            languages=languages.get(pk, {}),
            licences=frozenset(row["driving_licences"] or ()),
            county=row["county_id"],
            locality=locality_key(row["locality"]),
            pay_max=float(row["pay_max"]) if row["pay_max"] is not None else None,
            schedule=row["schedule"],
        )
    return facts
