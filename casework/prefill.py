"""What the person's file already says about the profiling questions: the proposed answers, each
with its source, for the counsellor to confirm or correct (nothing is saved from here).

Each rule gives a ``prefill_code``; the answer of the factor with that code
(``ProfilingOption.prefill_code``, set on the shipped answers by migration 0006) is proposed. An
answer the analyst renamed or added has no code, so nothing is proposed for it: the counsellor
answers as before. Health or care constraints and how current the skills are stay unknown.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobseekers.models import JobseekerProfile, LabourStatus, VulnerableGroup
from puls.formatting import date_long, month_year
from puls.reference.choices import EducationLevel

from .models import ProfilingFactor, ProfilingOption


@dataclass(frozen=True)
class Prefill:
    option: ProfilingOption
    source: str


def _months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _age(profile: JobseekerProfile, today: datetime.date) -> tuple[str, str] | None:
    age = profile.age
    if age is None:
        return None
    if age < 25:
        code = "age_18_24"
    elif age <= 45:
        code = "age_25_45"
    elif age <= 55:
        code = "age_46_55"
    else:
        code = "age_over_55"
    born = date_long(profile.birth_date) if profile.birth_date else str(profile.birth_year)
    return code, ngettext(
        "%(age)s year, from the CNP (born %(born)s)",
        "%(age)s years, from the CNP (born %(born)s)",
        age,
    ) % {"age": age, "born": born}


EDUCATION_CODES = {
    EducationLevel.NONE: "primary_or_none",
    EducationLevel.PRIMARY: "primary_or_none",
    EducationLevel.LOWER_SECONDARY: "lower_secondary",
    EducationLevel.VOCATIONAL: "secondary",
    EducationLevel.UPPER_SECONDARY: "secondary",
    EducationLevel.POST_SECONDARY: "secondary",
    EducationLevel.BACHELOR: "higher",
    EducationLevel.MASTER: "higher",
    EducationLevel.DOCTORATE: "higher",
}


def _education(profile: JobseekerProfile, today: datetime.date) -> tuple[str, str] | None:
    level = profile.highest_education_level
    if not level:
        return None
    return EDUCATION_CODES[level], _("highest education in the dossier: %(level)s") % {
        "level": EducationLevel(level).label
    }


def _worked_months(profile: JobseekerProfile, today: datetime.date) -> int:
    """Months covered by the dossier's jobs, overlapping jobs counted once."""
    spans = sorted(
        (entry.start_date, entry.end_date or today) for entry in profile.experience.all()
    )
    months, covered_until = 0, None
    for start, end in spans:
        if covered_until is not None and start < covered_until:
            start = covered_until
        if end > start:
            months += _months_between(start, end)
            covered_until = end if covered_until is None else max(covered_until, end)
    return months


def _experience(profile: JobseekerProfile, today: datetime.date) -> tuple[str, str]:
    months = _worked_months(profile, today)
    if months == 0:
        return "none", _("no work experience in the dossier")
    code = "under_1_year" if months < 12 else "1_5_years" if months <= 60 else "over_5_years"
    years, rest = divmod(months, 12)
    length = ", ".join(
        part
        for part in (
            ngettext("%(n)s year", "%(n)s years", years) % {"n": years} if years else "",
            ngettext("%(n)s month", "%(n)s months", rest) % {"n": rest} if rest else "",
        )
        if part
    )
    return code, _("work experience in the dossier: %(length)s") % {"length": length}


def _time_out_of_work(profile: JobseekerProfile, today: datetime.date) -> tuple[str, str]:
    jobs = list(profile.experience.all())
    if profile.status == LabourStatus.EMPLOYED or any(job.end_date is None for job in jobs):
        return "under_6_months", _("in work now, as the dossier says")
    long_term = any(
        entry.group == VulnerableGroup.LONG_TERM_UNEMPLOYED
        for entry in profile.vulnerabilities.all()
    )
    if not jobs:
        return "over_24_months_or_never", _("no job in the dossier")
    last = max(job.end_date for job in jobs if job.end_date)
    months = _months_between(last, today)
    code = (
        "under_6_months"
        if months < 6
        else "6_12_months"
        if months < 12
        else "12_24_months"
        if months <= 24
        else "over_24_months_or_never"
    )
    if long_term and code in ("under_6_months", "6_12_months"):
        code = "12_24_months"  # declared long-term unemployed: 12 months or more
        return code, _(
            "declared long-term unemployed; the last job in the dossier ended in %(month)s"
        ) % {"month": month_year(last)}
    return code, ngettext(
        "the last job in the dossier ended in %(month)s (%(n)s month ago)",
        "the last job in the dossier ended in %(month)s (%(n)s months ago)",
        months,
    ) % {"month": month_year(last), "n": months}


def _vulnerable(profile: JobseekerProfile, today: datetime.date) -> tuple[str, str]:
    count = len(profile.vulnerabilities.all())
    if count == 0:
        return "none", _("no vulnerable situation declared by the person")
    return ("one" if count == 1 else "several"), ngettext(
        "%(n)s vulnerable situation declared by the person",
        "%(n)s vulnerable situations declared by the person",
        count,
    ) % {"n": count}


RULES = {
    "age_band": _age,
    "education": _education,
    "time_out_of_work": _time_out_of_work,
    "work_experience": _experience,
    "vulnerable_situation": _vulnerable,
}


def profiling_prefill(
    profile: JobseekerProfile,
    factors: list[ProfilingFactor],
    *,
    today: datetime.date | None = None,
) -> dict[int, Prefill]:
    """{factor pk: the proposed answer and its source} for the factors the file can answer.
    ``factors`` come with their options prefetched (``selectors.active_factors``)."""
    today = today or timezone.localdate()
    profile = JobseekerProfile.objects.prefetch_related(
        "education", "vulnerabilities", Prefetch("experience")
    ).get(pk=profile.pk)
    proposals = {}
    for factor in factors:
        rule = RULES.get(factor.code)
        found = rule(profile, today) if rule else None
        if found is None:
            continue
        code, source = found
        option = next((o for o in factor.options.all() if o.prefill_code == code), None)
        if option is not None:
            proposals[factor.pk] = Prefill(option=option, source=source)
    return proposals
