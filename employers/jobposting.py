"""A published vacancy as schema.org JobPosting (JSON-LD) and as a row of the vacancy feed."""

import datetime

from django.utils import timezone

from puls.exports import spreadsheet_safe

from .models import ContractType, Schedule

EMPLOYMENT_TYPES = {
    Schedule.FULL_TIME: "FULL_TIME",
    Schedule.PART_TIME: "PART_TIME",
    Schedule.SHIFTS: "FULL_TIME",
}
FEED_COLUMNS = [
    "id",
    "url",
    "title",
    "employer",
    "employer_cui",
    "cor_code",
    "cor_name",
    "esco_uri",
    "county_code",
    "county",
    "locality",
    "posts",
    "open_posts",
    "pay_min",
    "pay_max",
    "currency",
    "schedule",
    "contract_type",
    "education_level",
    "experience_years",
    "languages",
    "driving_licences",
    "essential_skills",
    "optional_skills",
    "date_posted",
    "valid_through",
]


def _end_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def job_posting(vacancy, *, url):
    """The schema.org JobPosting of a published vacancy."""
    company = vacancy.company
    employment_types = [EMPLOYMENT_TYPES[vacancy.schedule]]
    if vacancy.contract_type == ContractType.FIXED_TERM:
        employment_types.append("TEMPORARY")
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description,
        "identifier": {"@type": "PropertyValue", "name": "PULS", "value": str(vacancy.pk)},
        "url": url,
        "datePosted": timezone.localdate(vacancy.published_at).isoformat(),
        "validThrough": _end_of_day(vacancy.valid_until).isoformat(),
        "employmentType": employment_types,
        "hiringOrganization": {"@type": "Organization", "name": company.name, "taxID": company.cui},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": vacancy.locality,
                "addressRegion": vacancy.county.name,
                "addressCountry": "RO",
            },
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "RON",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": float(vacancy.pay_min),
                "maxValue": float(vacancy.pay_max),
                "unitText": "MONTH",
            },
        },
        "occupationalCategory": f"{vacancy.cor_occupation.code} {vacancy.cor_occupation.name}",
        "totalJobOpenings": vacancy.open_posts,
        "educationRequirements": str(vacancy.get_education_level_display()),
        "experienceRequirements": {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": vacancy.experience_years * 12,
        },
        "directApply": False,
    }
    skills = [str(row.skill) for row in vacancy.vacancy_skills.all()]
    if skills:
        data["skills"] = skills
    return data


def feed_row(vacancy, *, url):
    """One vacancy of the JSON feed (the CSV flattens the lists)."""
    skills = list(vacancy.vacancy_skills.all())
    return {
        "id": vacancy.pk,
        "url": url,
        "title": vacancy.title,
        "employer": vacancy.company.name,
        "employer_cui": vacancy.company.cui,
        "cor_code": vacancy.cor_occupation.code,
        "cor_name": vacancy.cor_occupation.name,
        "esco_uri": vacancy.esco_occupation.uri if vacancy.esco_occupation_id else "",
        "county_code": vacancy.county_id,
        "county": vacancy.county.name,
        "locality": vacancy.locality,
        "posts": vacancy.posts,
        "open_posts": vacancy.open_posts,
        "pay_min": str(vacancy.pay_min),
        "pay_max": str(vacancy.pay_max),
        "currency": "RON",
        "schedule": vacancy.schedule,
        "contract_type": vacancy.contract_type,
        "education_level": vacancy.education_level,
        "experience_years": vacancy.experience_years,
        "languages": [
            {"language": row.language, "level": row.level} for row in vacancy.languages.all()
        ],
        "driving_licences": list(vacancy.driving_licences),
        "essential_skills": [row.skill.uri for row in skills if row.essential],
        "optional_skills": [row.skill.uri for row in skills if not row.essential],
        "date_posted": timezone.localdate(vacancy.published_at).isoformat(),
        "valid_through": vacancy.valid_until.isoformat(),
    }


def flatten(row):
    """A feed row for CSV: lists joined with " | ", languages as "en:B2", no cell a formula."""
    flat = dict(row)
    flat["languages"] = " | ".join(
        f"{item['language']}:{item['level']}" for item in row["languages"]
    )
    for key in ("driving_licences", "essential_skills", "optional_skills"):
        flat[key] = " | ".join(row[key])
    return {key: spreadsheet_safe(value) for key, value in flat.items()}
