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

# Towns and communes of each county besides its seat, where a share of people and vacancies are.
LOCALITIES = {
    "AB": ["Aiud", "Blaj", "Sebeș", "Cugir", "Ocna Mureș", "Zlatna"],
    "AR": ["Lipova", "Ineu", "Pecica", "Chișineu-Criș", "Sântana", "Curtici"],
    "AG": ["Câmpulung", "Curtea de Argeș", "Mioveni", "Costești", "Topoloveni"],
    "BC": ["Onești", "Moinești", "Comănești", "Buhuși", "Dărmănești", "Târgu Ocna"],
    "BH": ["Salonta", "Marghita", "Beiuș", "Aleșd", "Valea lui Mihai", "Sânmartin"],
    "BN": ["Beclean", "Năsăud", "Sângeorz-Băi", "Prundu Bârgăului"],
    "BT": ["Dorohoi", "Darabani", "Săveni", "Flămânzi", "Ștefănești"],
    "BV": ["Făgăraș", "Săcele", "Codlea", "Râșnov", "Zărnești", "Predeal", "Rupea"],
    "BR": ["Ianca", "Însurăței", "Făurei", "Chiscani"],
    "B": [f"București, Sectorul {sector}" for sector in range(1, 7)],
    "BZ": ["Râmnicu Sărat", "Nehoiu", "Pogoanele", "Pătârlagele"],
    "CS": ["Caransebeș", "Bocșa", "Oravița", "Moldova Nouă", "Anina", "Oțelu Roșu"],
    "CL": ["Oltenița", "Lehliu-Gară", "Budești", "Fundulea"],
    "CJ": ["Turda", "Dej", "Câmpia Turzii", "Gherla", "Huedin", "Florești", "Apahida"],
    "CT": ["Mangalia", "Medgidia", "Năvodari", "Cernavodă", "Ovidiu", "Eforie"],
    "CV": ["Târgu Secuiesc", "Covasna", "Baraolt", "Întorsura Buzăului"],
    "DB": ["Moreni", "Pucioasa", "Găești", "Titu", "Fieni"],
    "DJ": ["Băilești", "Calafat", "Filiași", "Segarcea", "Dăbuleni"],
    "GL": ["Tecuci", "Târgu Bujor", "Berești"],
    "GR": ["Bolintin-Vale", "Mihăilești", "Comana"],
    "GJ": ["Motru", "Rovinari", "Bumbești-Jiu", "Novaci", "Târgu Cărbunești"],
    "HR": ["Odorheiu Secuiesc", "Gheorgheni", "Toplița", "Cristuru Secuiesc", "Bălan"],
    "HD": ["Hunedoara", "Petroșani", "Orăștie", "Brad", "Vulcan", "Lupeni"],
    "IL": ["Fetești", "Urziceni", "Țăndărei", "Amara"],
    "IS": ["Pașcani", "Hârlău", "Târgu Frumos", "Podu Iloaiei", "Miroslava"],
    "IF": ["Voluntari", "Pantelimon", "Popești-Leordeni", "Chitila", "Otopeni", "Bragadiru"],
    "MM": ["Sighetu Marmației", "Borșa", "Vișeu de Sus", "Baia Sprie", "Târgu Lăpuș"],
    "MH": ["Orșova", "Strehaia", "Vânju Mare", "Baia de Aramă"],
    "MS": ["Reghin", "Sighișoara", "Târnăveni", "Luduș", "Iernut", "Sovata"],
    "NT": ["Roman", "Târgu Neamț", "Bicaz", "Roznov"],
    "OT": ["Caracal", "Balș", "Corabia", "Scornicești", "Drăgănești-Olt"],
    "PH": ["Câmpina", "Băicoi", "Breaza", "Mizil", "Sinaia", "Vălenii de Munte", "Bușteni"],
    "SM": ["Carei", "Negrești-Oaș", "Tășnad", "Livada"],
    "SJ": ["Jibou", "Cehu Silvaniei", "Șimleu Silvaniei"],
    "SB": ["Mediaș", "Cisnădie", "Avrig", "Agnita", "Dumbrăveni", "Tălmaciu"],
    "SV": ["Fălticeni", "Rădăuți", "Câmpulung Moldovenesc", "Vatra Dornei", "Gura Humorului"],
    "TR": ["Turnu Măgurele", "Zimnicea", "Roșiorii de Vede", "Videle"],
    "TM": ["Lugoj", "Sânnicolau Mare", "Jimbolia", "Buziaș", "Deta", "Dumbrăvița", "Giroc"],
    "TL": ["Măcin", "Babadag", "Isaccea", "Sulina"],
    "VS": ["Bârlad", "Huși", "Negrești", "Murgeni"],
    "VL": ["Drăgășani", "Băbeni", "Horezu", "Călimănești", "Brezoi"],
    "VN": ["Adjud", "Mărășești", "Panciu", "Odobești"],
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
# Size bands of the generated companies, per 100, close to Romania's active firms (INS, 2022:
# about 88 % micro, 10 % small, 2 % medium, 0.4 % large), with more larger ones than in life so
# that every band has employers in each county at small scales too.
COMPANY_SIZES_PER_100 = (("micro", 80), ("small", 14), ("medium", 5), ("large", 1))


def company_size(number: int) -> str:
    """The size band of the ``number``-th generated company: a fixed spread that draws nothing
    from the generator's random sequence, so the rest of the data stays as it was."""
    position = (number * 37) % 100  # 37 is prime to 100: every 100 companies cover each slot once
    for band, share in COMPANY_SIZES_PER_100:
        if position < share:
            return band
        position -= share
    raise AssertionError("the shares add up to 100")


# How an advert names the trade of a company with each of those CAEN codes.
SECTORS = {
    "0111": "cultivarea cerealelor și a plantelor tehnice",
    "1071": "panificație și patiserie",
    "1413": "confecții de îmbrăcăminte",
    "2511": "construcții metalice",
    "2932": "piese și accesorii auto",
    "4120": "construcții de clădiri",
    "4321": "instalații electrice",
    "4520": "service auto",
    "4711": "comerț alimentar cu amănuntul",
    "4941": "transport rutier de mărfuri",
    "5510": "hoteluri și turism",
    "5610": "restaurante și alimentație publică",
    "6201": "dezvoltare de software",
    "6920": "contabilitate și audit financiar",
    "7112": "inginerie și consultanță tehnică",
    "8121": "servicii de curățenie",
    "8559": "formare profesională",
    "8610": "servicii medicale",
    "8810": "asistență socială",
    "9602": "coafură și înfrumusețare",
}
BENEFITS = [
    "contract pe perioadă nedeterminată",
    "tichete de masă",
    "decontarea transportului",
    "prime de Paște și de Crăciun",
    "asigurare medicală privată",
    "cursuri de formare plătite de firmă",
    "cazare asigurată pentru cei din alte localități",
    "zile de concediu în plus față de minimul legal",
    "bonusuri lunare de performanță",
    "echipament de lucru și de protecție",
]
SCHEDULE_PHRASES = {
    "full_time": "Program de lucru: normă întreagă, de luni până vineri, 8 ore pe zi.",
    "part_time": "Program de lucru: normă parțială, 4 ore pe zi, cu program flexibil.",
    "shifts": "Program de lucru în ture (schimburi de 8 sau 12 ore), cu sporuri pentru noapte.",
}
SCHEDULE_TITLES = {"full_time": "normă întreagă", "part_time": "normă parțială", "shifts": "ture"}
EDUCATION_PHRASES = {
    "doctorate": "Studii: doctorat în domeniu.",
    "master": "Studii: master în domeniu.",
    "bachelor": "Studii superioare (licență) în domeniu.",
    "post_secondary": "Studii postliceale sau școală de maiștri.",
    "upper_secondary": "Studii liceale finalizate.",
    "vocational": "Școală profesională sau calificare în meserie.",
    "lower_secondary": "Studii gimnaziale; calificarea o facem la noi.",
    "primary": "Nu cerem studii anume.",
    "none": "Nu cerem studii anume.",
}
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
        others = LOCALITIES[county]
        return others[self.random.randint(1, 40) % len(others)]

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


def _thousands(amount):
    """4500 as Romanian adverts write it: 4.500."""
    return f"{amount:,}".replace(",", ".")


class VacancyWriter:
    """Titles and descriptions of vacancies that read like real Romanian adverts, varied: the COR
    occupation (sometimes with its ESCO name), the employer's trade, the place, the schedule,
    pay, experience, education and benefits; from a random stream of its own."""

    def __init__(self, *, seed):
        self.random = random.Random(seed)
        self.cor_names = dict(CorOccupation.objects.values_list("pk", "name"))
        self.esco_names = {
            pk: (labels or {}).get("en", "")
            for pk, labels in EscoOccupation.objects.values_list("pk", "preferred_labels")
        }
        self.county_names = dict(County.objects.values_list("code", "name"))

    def title(self, vacancy, name):
        """``name``: the COR name, in lower case but for acronyms."""
        rng = self.random
        occupation = name[:1].upper() + name[1:]
        esco = self.esco_names.get(vacancy.occupation, "")
        choices = [
            occupation,
            f"{occupation} – {vacancy.locality}",
            f"Angajăm {name}",
            f"{occupation} ({SCHEDULE_TITLES[vacancy.schedule]})",
            f"{occupation} cu experiență" if vacancy.experience_years else f"{occupation} debutant",
            f"{occupation} – {vacancy.posts} posturi" if vacancy.posts > 1 else occupation,
            f"{occupation} / {esco}" if esco else occupation,
        ]
        return rng.choice(choices)[:150]

    def description(self, vacancy, name, sector):
        rng = self.random
        county = self.county_names.get(vacancy.county, vacancy.county)
        opening = rng.choice(
            [
                f"Firmă din domeniul {sector} angajează {name} în {vacancy.locality}, "
                f"județul {county}.",
                f"Căutăm un coleg pentru postul de {name} la punctul nostru de lucru "
                f"din {vacancy.locality} ({county}); lucrăm în {sector}.",
                f"Pentru echipa din {vacancy.locality} a unei firme de {sector} recrutăm {name}.",
            ]
        )
        if vacancy.experience_years:
            experience = (
                f"Cerem experiență de cel puțin {vacancy.experience_years} "
                f"{'an' if vacancy.experience_years == 1 else 'ani'} în meserie."
            )
        else:
            experience = "Nu este necesară experiență: oferim instruire la locul de muncă."
        sentences = [
            opening,
            SCHEDULE_PHRASES[vacancy.schedule],
            experience,
            EDUCATION_PHRASES.get(vacancy.education, ""),
            f"Salariu brut între {_thousands(vacancy.pay_min)} și {_thousands(vacancy.pay_max)} "
            "lei pe lună.",
        ]
        if vacancy.licences:
            sentences.append("Permis de conducere categoria B.")
        if vacancy.languages:
            sentences.append("Cunoașterea limbii engleze la nivel mediu (B1).")
        benefits = rng.sample(BENEFITS, rng.randint(1, 3))
        sentences.append(f"Oferim {', '.join(benefits)}.")
        if rng.random() < 0.5:
            sentences.append(
                rng.choice(
                    [
                        "Trimiteți CV-ul prin portal; vă sunăm în cel mult o săptămână.",
                        "Interviurile au loc la sediul firmei, după programare.",
                        "Candidații selectați vor fi chemați la o probă practică.",
                    ]
                )
            )
        return " ".join(sentence for sentence in sentences if sentence)

    def write(self, vacancy, *, caen_code):
        """(title, description) of a drawn vacancy at a company with ``caen_code``."""
        name = self.cor_names.get(vacancy.cor_occupation, "")
        sector = SECTORS.get(caen_code, "servicii")
        return self.title(vacancy, name), self.description(vacancy, name, sector)
