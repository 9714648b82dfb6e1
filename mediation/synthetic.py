"""A synthetic country for benchmarks and evaluation: jobseekers with ESCO-based skill profiles,
employers and vacancies, spread over the counties by population, from a fixed random seed.

Needs the reference data (``manage.py load_reference``): occupations, skills and their relations
are what profiles are drawn from. Each person has a true occupation; their skills come from it
(most of its essential skills, some optional ones) and from one or two neighbouring occupations,
with noise; their declared experience usually names the true occupation, sometimes only a
neighbouring one (people changing careers) or none (graduates). That gap is what lets
``evaluate_matching`` tell competence matching from matching on occupation codes.
"""

import datetime
import random
from bisect import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import accumulate

from django.db import connection

from puls.reference.models import CorOccupation, County, EscoOccupation, OccupationSkill

# Resident population by county at the 2021 census (INS, final results), used as weights.
COUNTY_POPULATION_2021 = {
    "AB": 325_941,
    "AR": 410_143,
    "AG": 569_932,
    "BC": 601_387,
    "BH": 551_297,
    "BN": 295_988,
    "BT": 392_821,
    "BV": 546_615,
    "BR": 281_452,
    "B": 1_716_961,
    "BZ": 404_979,
    "CS": 246_588,
    "CL": 283_458,
    "CJ": 679_141,
    "CT": 655_997,
    "CV": 200_042,
    "DB": 479_404,
    "DJ": 599_442,
    "GL": 496_892,
    "GR": 262_066,
    "GJ": 314_684,
    "HR": 291_950,
    "HD": 361_657,
    "IL": 258_669,
    "IS": 760_774,
    "IF": 542_686,
    "MM": 452_475,
    "MH": 234_339,
    "MS": 518_193,
    "NT": 454_203,
    "OT": 389_741,
    "PH": 696_874,
    "SM": 330_668,
    "SJ": 212_224,
    "SB": 388_325,
    "SV": 642_551,
    "TR": 323_390,
    "TM": 683_540,
    "TL": 193_355,
    "VS": 374_700,
    "VL": 341_861,
    "VN": 335_312,
}

COUNTY_SEATS = {
    "AB": "Alba Iulia",
    "AR": "Arad",
    "AG": "Pitești",
    "BC": "Bacău",
    "BH": "Oradea",
    "BN": "Bistrița",
    "BT": "Botoșani",
    "BV": "Brașov",
    "BR": "Brăila",
    "B": "București",
    "BZ": "Buzău",
    "CS": "Reșița",
    "CL": "Călărași",
    "CJ": "Cluj-Napoca",
    "CT": "Constanța",
    "CV": "Sfântu Gheorghe",
    "DB": "Târgoviște",
    "DJ": "Craiova",
    "GL": "Galați",
    "GR": "Giurgiu",
    "GJ": "Târgu Jiu",
    "HR": "Miercurea Ciuc",
    "HD": "Deva",
    "IL": "Slobozia",
    "IS": "Iași",
    "IF": "Buftea",
    "MM": "Baia Mare",
    "MH": "Drobeta-Turnu Severin",
    "MS": "Târgu Mureș",
    "NT": "Piatra Neamț",
    "OT": "Slatina",
    "PH": "Ploiești",
    "SM": "Satu Mare",
    "SJ": "Zalău",
    "SB": "Sibiu",
    "SV": "Suceava",
    "TR": "Alexandria",
    "TM": "Timișoara",
    "TL": "Tulcea",
    "VS": "Vaslui",
    "VL": "Râmnicu Vâlcea",
    "VN": "Focșani",
}

FIRST_NAMES = [
    "Andrei",
    "Maria",
    "Ioana",
    "Alexandru",
    "Elena",
    "Mihai",
    "Ana",
    "Cristian",
    "Gabriela",
    "Florin",
    "Adriana",
    "Vlad",
    "Roxana",
    "Ionuț",
    "Simona",
    "Bogdan",
    "Raluca",
    "Sorin",
    "Daniela",
    "Marius",
    "Lavinia",
    "Ștefan",
    "Irina",
    "Radu",
]
LAST_NAMES = [
    "Popescu",
    "Ionescu",
    "Popa",
    "Dumitru",
    "Stan",
    "Stoica",
    "Gheorghe",
    "Rusu",
    "Munteanu",
    "Matei",
    "Constantin",
    "Șerban",
    "Moldovan",
    "Lazăr",
    "Bălan",
    "Toma",
    "Nagy",
    "Ciobanu",
    "Ene",
    "Dinu",
    "Tudor",
    "Oprea",
    "Voicu",
    "Sârbu",
]
CAEN_CODES = [
    "0111",
    "1071",
    "1413",
    "2511",
    "2932",
    "4120",
    "4321",
    "4520",
    "4711",
    "4941",
    "5510",
    "5610",
    "6201",
    "6920",
    "7112",
    "8121",
    "8559",
    "8610",
    "8810",
    "9602",
]
EDUCATION_BY_MAJOR = {
    "1": ["bachelor", "master"],
    "2": ["bachelor", "master", "doctorate"],
    "3": ["post_secondary", "bachelor", "upper_secondary"],
    "4": ["upper_secondary", "bachelor"],
    "5": ["upper_secondary", "vocational", "lower_secondary"],
    "6": ["vocational", "lower_secondary"],
    "7": ["vocational", "upper_secondary"],
    "8": ["vocational", "lower_secondary"],
    "9": ["lower_secondary", "primary", "vocational"],
    "0": ["upper_secondary"],
}
PAY_BY_MAJOR = {
    "1": 8000,
    "2": 7000,
    "3": 5500,
    "4": 4500,
    "5": 4000,
    "6": 3800,
    "7": 4500,
    "8": 4500,
    "9": 3700,
    "0": 5000,
}
OTHER_LANGUAGES = ["fr", "de", "it", "es"]


def lift_statement_timeout():
    """Long-running commands may run statements longer than web requests may."""
    from django.conf import settings

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(settings.CELERY_STATEMENT_TIMEOUT_MS)}")


@dataclass
class Occupation:
    id: int
    isco: str
    essential: list
    optional: list


@dataclass
class SyntheticPerson:
    true_occupation: int
    county: str
    locality: str
    skills: dict
    experience: list  # (occupation id, start date, end date or None)
    wished: list
    education: str
    languages: list  # (code, CEFR level, mother tongue)
    licences: list
    wished_counties: list = field(default_factory=list)
    status: str = "unemployed"
    willing_to_commute: bool = False
    willing_to_relocate: bool = False
    minimum_pay: int | None = None
    schedule: str = "any"
    vulnerable: str = ""


@dataclass
class SyntheticVacancy:
    occupation: int
    cor_occupation: int
    county: str
    locality: str
    essential: list
    optional: list
    education: str
    experience_years: int
    pay_min: int
    pay_max: int
    languages: list
    licences: list
    schedule: str
    posts: int


class Generator:
    """Draws people and vacancies from the loaded reference data, deterministically by seed."""

    def __init__(self, *, seed=2021):
        self.random = random.Random(seed)
        essential = defaultdict(list)
        optional = defaultdict(list)
        for occupation_id, skill_id, relation in OccupationSkill.objects.order_by(
            "occupation_id", "skill_id"
        ).values_list("occupation_id", "skill_id", "relation_type"):
            (essential if relation == "essential" else optional)[occupation_id].append(skill_id)
        self.occupations = [
            Occupation(id=pk, isco=code, essential=essential[pk], optional=optional[pk])
            for pk, code in EscoOccupation.objects.order_by("pk").values_list(
                "pk", "isco_group__code"
            )
            if len(essential[pk]) >= 3
        ]
        if not self.occupations:
            raise RuntimeError("No ESCO occupations with skills: run manage.py load_reference.")
        by_id = {occupation.id: occupation for occupation in self.occupations}
        self.by_id = by_id
        # Zipf-like demand: a shuffled order, the k-th occupation drawn with weight 1/(k+1).
        order = list(self.occupations)
        self.random.shuffle(order)
        self.popular = order
        self.popular_cumulative = list(
            accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(len(order)))
        )
        self.by_minor = defaultdict(list)
        for occupation in self.occupations:
            self.by_minor[occupation.isco[:3]].append(occupation)
        counties = dict(County.objects.values_list("code", "cnp_codes"))
        self.counties = [code for code in COUNTY_POPULATION_2021 if code in counties]
        self.cnp_codes = counties
        self.county_cumulative = list(
            accumulate(COUNTY_POPULATION_2021[code] for code in self.counties)
        )
        self.neighbours = defaultdict(list)
        for a, b in County.neighbours.through.objects.values_list("from_county_id", "to_county_id"):
            self.neighbours[a].append(b)
        self.cor_by_isco = defaultdict(list)
        for pk, code in CorOccupation.objects.order_by("pk").values_list("pk", "code"):
            self.cor_by_isco[code[:4]].append(pk)
        self.cor_all = [pk for pks in self.cor_by_isco.values() for pk in pks]
        # Transversal noise: skills listed by many occupations ("use a computer" and the like).
        counts = defaultdict(int)
        for occupation in self.occupations:
            for skill_id in occupation.essential:
                counts[skill_id] += 1
        self.common_skills = [
            skill for skill, _n in sorted(counts.items(), key=lambda item: -item[1])[:300]
        ]

    def occupation(self):
        position = bisect(
            self.popular_cumulative, self.random.random() * self.popular_cumulative[-1]
        )
        return self.popular[min(position, len(self.popular) - 1)]

    def neighbour_occupation(self, occupation):
        same_minor = self.by_minor[occupation.isco[:3]]
        if len(same_minor) > 1 and self.random.random() < 0.7:
            choice = self.random.choice(same_minor)
            if choice.id != occupation.id:
                return choice
        return self.occupation()

    def county(self):
        position = bisect(self.county_cumulative, self.random.random() * self.county_cumulative[-1])
        return self.counties[min(position, len(self.counties) - 1)]

    def locality(self, county):
        if self.random.random() < 0.55:
            return COUNTY_SEATS[county]
        return f"Comuna {self.random.randint(1, 40)} ({county})"

    def _sample(self, values, count):
        return self.random.sample(values, min(count, len(values)))

    def person(self, *, today, county=None):
        rng = self.random
        true = self.occupation()
        others = [self.neighbour_occupation(true) for _ in range(rng.choice([0, 1, 1, 2]))]
        skills = {}
        for skill_id in self._sample(true.essential, rng.randint(5, 9)):
            skills[skill_id] = rng.choice([2, 3, 3, 4])
        for skill_id in self._sample(true.optional, rng.randint(1, 3)):
            skills.setdefault(skill_id, rng.choice([1, 2, 3]))
        for other in others:
            for skill_id in self._sample(other.essential, rng.randint(1, 3)):
                skills.setdefault(skill_id, rng.choice([1, 2, 3]))
        for skill_id in self._sample(self.common_skills, rng.randint(1, 2)):
            skills.setdefault(skill_id, rng.choice([2, 3]))
        roll = rng.random()
        if roll < 0.75:
            declared = [true] + others[:1]
        elif roll < 0.90 and others:
            declared = others[:1]
        else:
            declared = []
        experience = []
        for occupation in declared:
            start = today - datetime.timedelta(days=rng.randint(400, 6000))
            end = start + datetime.timedelta(days=rng.randint(200, 4000))
            experience.append((occupation.id, start, None if end >= today else end))
        county = county or self.county()
        major = true.isco[:1]
        languages = [("hu" if county in ("HR", "CV") and rng.random() < 0.6 else "ro", "C2", True)]
        if rng.random() < 0.4:
            languages.append(("en", rng.choice(["A2", "B1", "B2", "C1"]), False))
        if rng.random() < 0.1:
            languages.append((rng.choice(OTHER_LANGUAGES), rng.choice(["A2", "B1", "B2"]), False))
        licences = ["B"] if rng.random() < 0.45 else []
        if true.isco.startswith("83") and rng.random() < 0.7:
            licences += ["C", "CE"]
        wished = [true.id] if rng.random() < 0.6 else []
        if others and rng.random() < 0.3:
            wished.append(others[0].id)
        wished = list(dict.fromkeys(wished))
        status = rng.choices(
            ["unemployed", "employed", "inactive", "graduate"], weights=[70, 10, 8, 12]
        )[0]
        return SyntheticPerson(
            true_occupation=true.id,
            county=county,
            locality=self.locality(county),
            skills=skills,
            experience=experience,
            wished=wished,
            education=rng.choice(EDUCATION_BY_MAJOR.get(major, ["upper_secondary"])),
            languages=languages,
            licences=licences,
            wished_counties=(
                self._sample(self.neighbours[county], rng.randint(1, 2))
                if rng.random() < 0.1
                else []
            ),
            status=status,
            willing_to_commute=rng.random() < 0.5,
            willing_to_relocate=rng.random() < 0.15,
            minimum_pay=(rng.randrange(2500, 6500, 100) if rng.random() < 0.6 else None),
            schedule=rng.choices(
                ["any", "full_time", "part_time", "shifts"], weights=[60, 30, 6, 4]
            )[0],
            vulnerable=(
                rng.choice(
                    ["long_term_unemployed", "care_leaver", "repatriated", "homeless", "migrant"]
                )
                if rng.random() < 0.06
                else ""
            ),
        )

    def vacancy(self, *, county=None):
        rng = self.random
        occupation = self.occupation()
        county = county or self.county()
        if rng.random() < 0.1 and self.neighbours[county]:
            county = rng.choice(self.neighbours[county])
        major = occupation.isco[:1]
        pay_min = int(PAY_BY_MAJOR.get(major, 4000) * rng.uniform(0.9, 1.4)) // 50 * 50
        cor = self.cor_by_isco.get(occupation.isco) or self.cor_all
        return SyntheticVacancy(
            occupation=occupation.id,
            cor_occupation=rng.choice(cor),
            county=county,
            locality=self.locality(county),
            essential=self._sample(occupation.essential, rng.randint(4, 8)),
            optional=self._sample(occupation.optional, rng.randint(0, 3)),
            education=rng.choice(EDUCATION_BY_MAJOR.get(major, ["upper_secondary"])[:1] + ["none"]),
            experience_years=rng.choice([0, 0, 1, 2, 3, 5]),
            pay_min=pay_min,
            pay_max=int(pay_min * rng.uniform(1.1, 1.5)) // 50 * 50,
            languages=[("en", "B1")] if rng.random() < 0.15 else [],
            licences=["B"] if rng.random() < 0.12 else [],
            schedule=rng.choices(["full_time", "part_time", "shifts"], weights=[80, 10, 10])[0],
            posts=rng.choices([1, 2, 3, 5], weights=[70, 15, 10, 5])[0],
        )
