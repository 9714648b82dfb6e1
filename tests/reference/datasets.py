"""A small reference data set in the shipped CSV format, and ESCO label package rows."""

import csv
from io import StringIO

from django.core.management import call_command

ESCO = "http://data.europa.eu/esco"

COLUMNS = {
    "cor/cor_occupations": ["code", "name", "iscoUnitGroup"],
    "esco/isco_groups": [
        "conceptUri",
        "code",
        "level",
        "parentCode",
        "preferredLabel_en",
        "preferredLabel_ro",
        "corGroupName_ro",
        "description_en",
    ],
    "esco/occupations_en": [
        "conceptUri",
        "code",
        "iscoGroup",
        "preferredLabel",
        "altLabels",
        "description",
    ],
    "esco/skill_groups_en": ["conceptUri", "code", "preferredLabel", "altLabels", "description"],
    "esco/skills_en": [
        "conceptUri",
        "preferredLabel",
        "preferredLabelSource",
        "skillType",
        "skillTypeSource",
        "reuseLevel",
        "altLabels",
        "description",
        "pillarRoots",
        "collections",
        "searchText",
    ],
    "esco/occupation_skill_relations": ["occupationUri", "relationType", "skillUri", "skillType"],
    "esco/broader_relations_skill_pillar": [
        "conceptType",
        "conceptUri",
        "broaderType",
        "broaderUri",
    ],
}


def isco(code, parent, en, ro="", cor=""):
    return [f"{ESCO}/isco/C{code}", code, str(len(code)), parent, en, ro, cor, f"About {en}."]


ISCO_GROUPS = [
    # The COR names use the old cedilla letters, as in the shipped file.
    isco("1", "", "Managers", cor="Membri ai corpului legislativ, înalţi conducători"),
    isco(
        "13",
        "1",
        "Production and specialised services managers",
        cor="Conducători în servicii de producţie",
    ),
    isco(
        "132",
        "13",
        "Manufacturing, mining, construction, and distribution managers",
        cor="Conducători în industria prelucrătoare",
    ),
    isco(
        "1324",
        "132",
        "Supply, distribution and related managers",
        ro="Conducători în domeniul aprovizionării și distribuției",
        cor="Conducători în domeniul aprovizionării, distribuţiei",
    ),
    isco("2", "", "Professionals", cor="Specialişti în diverse domenii de activitate"),
    isco(
        "24",
        "2",
        "Business and administration professionals",
        cor="Specialişti în domeniul administrativ",
    ),
    isco("242", "24", "Administration professionals", cor="Specialişti în administraţie"),
    isco(
        "2421",
        "242",
        "Management and organisation analysts",
        ro="Analiști de management și organizare",
        cor="Analişti de management",
    ),
    isco(
        "25",
        "2",
        "Information and communications technology professionals",
        cor="Specialişti în tehnologia informaţiei",
    ),
    isco(
        "251",
        "25",
        "Software and applications developers and analysts",
        cor="Analişti de sistem şi creatori de aplicaţii",
    ),
    isco(
        "2512",
        "251",
        "Software developers",
        ro="Dezvoltatori de software",
        cor="Dezvoltatori de software",
    ),
]

COR_OCCUPATIONS = [
    ["132401", "sef depozit", "1324"],
    ["132402", "şef serviciu aprovizionare", "1324"],
    ["251201", "analist", "2512"],
    ["251202", "programator", "2512"],
    # A Romanian national unit group with no ISCO-08 equivalent: linked to its minor group 242.
    ["242901", "auditor responsabilitate sociala", "2429"],
]

OCC = {
    name: f"{ESCO}/occupation/{name}"
    for name in ["developer", "analyst", "warehouse", "consultant"]
}
ESCO_OCCUPATIONS = [
    [
        OCC["developer"],
        "2512.4",
        "2512",
        "software developer",
        "programmer | software engineer",
        "Software developers write software.",
    ],
    [OCC["analyst"], "2512.2", "2512", "software analyst", "systems analyst", ""],
    [OCC["warehouse"], "1324.1", "1324", "warehouse manager", "depot manager", ""],
    [OCC["consultant"], "2421.1", "2421", "management consultant", "", ""],
]

GROUP = {code: f"{ESCO}/skill/group-{code}" for code in ["S", "S1", "S1.1", "K", "06", "061"]}
SKILL_GROUPS = [
    [GROUP["S"], "S", "skills", "", ""],
    [GROUP["S1"], "S1", "communication, collaboration and creativity", "", ""],
    [GROUP["S1.1"], "S1.1", "negotiating", "", ""],
    [GROUP["K"], "K", "knowledge", "", ""],
    [GROUP["06"], "06", "information and communication technologies (icts)", "", ""],
    [GROUP["061"], "061", "information and communication technologies", "", ""],
]

SKILL = {
    name: f"{ESCO}/skill/{name}"
    for name in ["programming", "python", "specifications", "warehouse", "lead", "unlabelled"]
}
SKILLS = [
    [
        SKILL["programming"],
        "computer programming",
        "prefix-match",
        "knowledge",
        "occupationRelations",
        "",
        "",
        "",
        "K",
        "",
        "computer programming coding",
    ],
    [
        SKILL["python"],
        "Python (computer programming)",
        "collection",
        "knowledge",
        "collection",
        "sector-specific",
        "Python",
        "The programming language Python.",
        "K",
        "digital",
        "Python (computer programming) Python The programming language Python.",
    ],
    [
        SKILL["specifications"],
        "analyse software specifications",
        "prefix-match",
        "skill/competence",
        "occupationRelations",
        "",
        "",
        "",
        "S",
        "",
        "analyse software specifications",
    ],
    [
        SKILL["warehouse"],
        "manage warehouse operations",
        "prefix-match",
        "skill/competence",
        "hierarchy",
        "",
        "",
        "",
        "S",
        "",
        "manage warehouse operations",
    ],
    [
        SKILL["lead"],
        "lead others",
        "collection",
        "skill/competence",
        "collection",
        "transversal",
        "guide others | lead a team",
        "Lead a team.",
        "ST",
        "transversal",
        "lead others guide others lead a team Lead a team.",
    ],
    [
        SKILL["unlabelled"],
        "",
        "",
        "skill/competence",
        "hierarchy",
        "",
        "",
        "",
        "S",
        "",
        "evaluate own dance abilities",
    ],
]

RELATIONS = [
    [OCC["developer"], "essential", SKILL["programming"], "knowledge"],
    [OCC["developer"], "essential", SKILL["specifications"], "skill/competence"],
    [OCC["developer"], "optional", SKILL["python"], "knowledge"],
    # ESCO v1.2.0 lists a few pairs as both essential and optional.
    [OCC["developer"], "essential", SKILL["lead"], "skill/competence"],
    [OCC["developer"], "optional", SKILL["lead"], "skill/competence"],
    [OCC["analyst"], "essential", SKILL["specifications"], "skill/competence"],
    [OCC["analyst"], "optional", SKILL["programming"], "knowledge"],
    [OCC["warehouse"], "essential", SKILL["warehouse"], "skill/competence"],
    [OCC["warehouse"], "essential", SKILL["lead"], "skill/competence"],
    [OCC["consultant"], "optional", SKILL["lead"], "skill/competence"],
]

BROADER = [
    ["SkillGroup", GROUP["S1"], "SkillGroup", GROUP["S"]],
    ["SkillGroup", GROUP["S1.1"], "SkillGroup", GROUP["S1"]],
    ["SkillGroup", GROUP["06"], "SkillGroup", GROUP["K"]],
    ["SkillGroup", GROUP["061"], "SkillGroup", GROUP["06"]],
    ["KnowledgeSkillCompetence", SKILL["programming"], "SkillGroup", GROUP["061"]],
    ["KnowledgeSkillCompetence", SKILL["python"], "KnowledgeSkillCompetence", SKILL["programming"]],
    ["KnowledgeSkillCompetence", SKILL["specifications"], "SkillGroup", GROUP["S1.1"]],
    ["KnowledgeSkillCompetence", SKILL["warehouse"], "SkillGroup", GROUP["S1.1"]],
    ["KnowledgeSkillCompetence", SKILL["lead"], "SkillGroup", GROUP["S1"]],
    ["KnowledgeSkillCompetence", SKILL["unlabelled"], "SkillGroup", GROUP["S1"]],
]

SMALL_DATA = {
    "cor/cor_occupations": COR_OCCUPATIONS,
    "esco/isco_groups": ISCO_GROUPS,
    "esco/occupations_en": ESCO_OCCUPATIONS,
    "esco/skill_groups_en": SKILL_GROUPS,
    "esco/skills_en": SKILLS,
    "esco/occupation_skill_relations": RELATIONS,
    "esco/broader_relations_skill_pillar": BROADER,
}

# The columns of ESCO's own CSV packages (v1.2): labels one per line within a cell.
ESCO_SKILL_COLUMNS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
]
ESCO_OCCUPATION_COLUMNS = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
]


def write_csv(path, columns, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def write_data_set(directory, tables):
    for name, rows in tables.items():
        write_csv(directory / f"{name}.csv", COLUMNS[name], rows)
    return directory


def esco_skill_row(uri, preferred, alternatives=()):
    return [
        "KnowledgeSkillCompetence",
        uri,
        "",
        "",
        preferred,
        "\n".join(alternatives),
        "",
        "released",
        "",
        "",
        "",
        "",
        "",
    ]


def esco_occupation_row(uri, preferred, alternatives=()):
    return [
        "Occupation",
        uri,
        "",
        preferred,
        "\n".join(alternatives),
        "",
        "released",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]


def run_load(*args):
    out = StringIO()
    call_command("load_reference", *args, stdout=out)
    return out.getvalue()
