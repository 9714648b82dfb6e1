"""Demo data of the employers app: a verified company with job offers in several states, and the
Law 76/2002 subsidy programmes (names, legal basis, checklists), open with demonstration terms
(2,250 lei a month for 12 months, the person kept 18 months: the law as amended by GEO 60/2018),
whose source says they are the demo's: on a real installation the national administrator enters
the terms in force and opens the programmes.

Called by `manage.py seed_demo` after the demo accounts exist; a second call creates nothing.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from stdnum.ro import cui as stdnum_cui

from puls.accounts.models import User
from puls.reference import selectors as reference_selectors
from puls.reference.models import CorOccupation, County

from .. import services
from ..models import Company, CompanySize, SubsidyProgramme, Vacancy, VacancyStatus

DEMO_CUI_BODY = "1854729"
DEMO_CUI = DEMO_CUI_BODY + stdnum_cui.calc_check_digit(DEMO_CUI_BODY)
EMPLOYER_EMAIL = "angajator@demo.puls.ro"
COUNSELLOR_EMAIL = "consilier@demo.puls.ro"

PROGRAMMES = [
    {
        "name": "Subvenție pentru angajarea absolvenților",
        "legal_basis": "Legea nr. 76/2002, art. 80",
        "description": "Angajatorii care încadrează în muncă, pe durată nedeterminată, absolvenți "
        "ai unor instituții de învățământ primesc lunar, pe o perioadă de 12 luni, "
        "o sumă pentru fiecare absolvent, cu obligația menținerii raportului de "
        "muncă cel puțin 18 luni.",
        "name_en": "Subsidy for hiring graduates",
        "description_en": "Employers who hire graduates of educational institutions on "
        "open-ended contracts receive a monthly amount for each graduate for 12 months, and "
        "must keep the employment relationship for at least 18 months.",
        "terms": {"amount": Decimal("2250"), "months_paid": 12, "months_to_keep": 18},
        "eligible_categories": ["graduate"],
        "requirements_en": [
            "Application for the subsidy",
            "Agreement concluded with the agency",
            "The graduate's individual employment contract",
            "Copy of the graduate's diploma",
        ],
        "requirements": [
            "Cerere de acordare a subvenției",
            "Convenție încheiată cu agenția",
            "Contractul individual de muncă al absolventului",
            "Copie după actul de studii al absolventului",
        ],
    },
    {
        "name": "Subvenție pentru angajarea șomerilor din categorii defavorizate",
        "legal_basis": "Legea nr. 76/2002, art. 85",
        "description": "Angajatorii care încadrează în muncă, pe durată nedeterminată, șomeri în "
        "vârstă de peste 45 de ani, șomeri părinți unici susținători ai familiilor "
        "monoparentale, șomeri de lungă durată sau tineri NEET primesc lunar, "
        "pe o perioadă de 12 luni, o sumă pentru fiecare persoană angajată, cu "
        "obligația menținerii raportului de muncă cel puțin 18 luni.",
        "name_en": "Subsidy for hiring unemployed people of disadvantaged groups",
        "description_en": "Employers who hire, on open-ended contracts, unemployed people over "
        "45, unemployed single parents, long-term unemployed people or young NEET people receive "
        "a monthly amount for each person hired for 12 months, and must keep the employment "
        "relationship for at least 18 months.",
        "terms": {"amount": Decimal("2250"), "months_paid": 12, "months_to_keep": 18},
        "eligible_categories": ["over_45", "over_50", "single_parent", "long_term", "neet"],
        "requirements_en": [
            "Application for the subsidy",
            "Agreement concluded with the agency",
            "The hired person's individual employment contract",
            "Proof of belonging to the eligible group",
        ],
        "requirements": [
            "Cerere de acordare a subvenției",
            "Convenție încheiată cu agenția",
            "Contractul individual de muncă al persoanei angajate",
            "Dovada încadrării în categoria eligibilă",
        ],
    },
]

# (COR code, title, status to reach, posts)
VACANCIES = [
    ("711205", "Zidar-tencuitor pentru șantiere din Cluj-Napoca", VacancyStatus.PUBLISHED, 3),
    ("741101", "Electrician în construcții", VacancyStatus.PUBLISHED, 2),
    ("833201", "Șofer autocamion categoria C+E", VacancyStatus.SUBMITTED, 1),
    ("251202", "Programator aplicații de gestiune a șantierelor", VacancyStatus.DRAFT, 1),
    ("711502", "Dulgher pentru restaurarea acoperișurilor", VacancyStatus.FILLED, 1),
    ("741110", "Electrician pentru lucrări industriale", VacancyStatus.WITHDRAWN, 1),
]


def demo_data_ensure() -> list[str]:
    lines = []
    lines += _programmes_ensure()
    employer = User.objects.filter(email=EMPLOYER_EMAIL).first()
    counsellor = User.objects.filter(email=COUNSELLOR_EMAIL).first()
    if employer is None or counsellor is None:
        return [*lines, "Employers: demo accounts missing, no company created."]
    company, created = _company_ensure(employer, counsellor)
    lines.append(
        f"Employers: company {company.name} (CUI {company.cui})"
        f"{' created and verified' if created else ' already there'}"
    )
    if not CorOccupation.objects.exists():
        lines.append("Employers: no COR occupations loaded (run load_reference), no job offers.")
        return lines
    made = _vacancies_ensure(company, employer, counsellor)
    lines.append(f"Employers: {made} demo job offers created")
    return lines


# Where the demo's terms come from, as the programme pages show it.
DEMO_TERMS_SOURCE = (
    "Legea nr. 76/2002, modificată prin OUG nr. 60/2018 — date demonstrative: verificați actul în "
    "vigoare"
)
DEMO_TERMS_FROM = datetime.date(2024, 1, 1)


@transaction.atomic
def _programmes_ensure():
    lines = []
    for spec in PROGRAMMES:
        if SubsidyProgramme.objects.filter(name=spec["name"]).exists():
            continue
        fields = {key: value for key, value in spec.items() if key != "terms"}
        programme = services.subsidy_programme_save(by=None, is_open=False, **fields)
        services.subsidy_amount_add(
            programme=programme,
            by=None,
            effective_from=DEMO_TERMS_FROM,
            note=DEMO_TERMS_SOURCE,
            **spec["terms"],
        )
        services.subsidy_programme_save(by=None, programme=programme, is_open=True, **fields)
        lines.append(
            f"Employers: subsidy programme “{spec['name']}” ({spec['legal_basis']}), open with "
            "demonstration terms"
        )
    return lines


@transaction.atomic
def _company_ensure(employer, counsellor):
    company = Company.objects.filter(cui=DEMO_CUI).first()
    if company is not None:
        return company, False
    company = services.company_register(
        user=employer,
        cui=DEMO_CUI,
        trade_register_number="J12/2345/2012",
        name="Demo Construct SRL",
        caen_code="4120",
        size_band=CompanySize.SMALL,
        address="Str. Fabricii de Zahăr 12",
        locality="Cluj-Napoca",
        county=County.objects.get(pk="CJ"),
        contact_name="Andrei Pop",
        contact_phone="0264 555 010",
        contact_email=EMPLOYER_EMAIL,
    )
    services.company_verify(company=company, by=counsellor)
    return company, True


def _competences(cor_occupation):
    esco = reference_selectors.esco_occupations_for_cor(cor_occupation)
    if not esco:
        return None, []
    occupation = esco[0]
    skills = list(reference_selectors.essential_skills_for(occupation)[:6])
    return occupation, [(skill, index < 4) for index, skill in enumerate(skills)]


@transaction.atomic
def _vacancies_ensure(company, employer, counsellor):
    today = timezone.localdate()
    made = 0
    for code, title, target, posts in VACANCIES:
        cor = CorOccupation.objects.filter(code=code).select_related("isco_group").first()
        if cor is None or Vacancy.objects.filter(company=company, title=title).exists():
            continue
        vacancy = services.vacancy_create(
            company=company,
            by=employer,
            languages=[("ro", "B2")],
            cor_occupation=cor,
            title=title,
            description=f"{title}. Program de lucru stabil, echipament de protecție asigurat, "
            "transport la punctul de lucru.",
            education_level="vocational",
            experience_years=1,
            driving_licences=["C", "CE"] if code == "833201" else [],
            county=company.county,
            locality="Cluj-Napoca",
            posts=posts,
            pay_min=Decimal("4500"),
            pay_max=Decimal("6500"),
            schedule="full_time",
            contract_type="indefinite",
            vacant_since=today - datetime.timedelta(days=2),
            valid_until=today + datetime.timedelta(days=45),
        )
        esco, skills = _competences(cor)
        if esco is not None:
            services.vacancy_competences_set(
                vacancy=vacancy, by=employer, esco_occupation=esco, skills=skills
            )
        if target != VacancyStatus.DRAFT:
            services.vacancy_submit(vacancy=vacancy, by=employer)
        if target in (VacancyStatus.PUBLISHED, VacancyStatus.FILLED, VacancyStatus.WITHDRAWN):
            services.vacancy_publish(vacancy=vacancy, by=counsellor)
        if target == VacancyStatus.FILLED:
            services.vacancy_fill_report(
                vacancy=vacancy, by=employer, posts_filled=posts, filled_on=today
            )
        if target == VacancyStatus.WITHDRAWN:
            services.vacancy_withdraw(
                vacancy=vacancy, by=employer, reason="Postul a fost ocupat prin transfer intern."
            )
        made += 1
    return made
