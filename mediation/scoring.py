"""The match score of a jobseeker for a vacancy, 0–100, and its explanation: pure and deterministic.

A score is a weighted mean of signals, each a value between 0 and 1:

    score = 100 × Σ weight(s) × value(s) / Σ weight(s)      over the signals s that apply

A signal "applies" when the vacancy asks for it (no languages asked → the languages signal is left
out, and the others share its weight). The signals:

essential_skills  the vacancy's essential ESCO skills the person has, each counted by its
                  specificity (see ``skill_weight``: a rare skill counts more than "use a
                  computer") and by the person's level (basic 0.7, intermediate 0.85, advanced
                  and expert 1.0), as a share of all essential skills.
optional_skills   the same over the optional skills.
related_skills    the share of essential skills the person lacks but holds a related skill of (a
                  broader or narrower skill, or one of the same small ESCO skill group): partial
                  credit. Its weight is kept below 0.7 × the essential one, so that gaining the
                  skill itself never lowers a score.
occupation        1 for experience in the vacancy's ESCO occupation, 0.7 in the same ISCO-08 unit
                  group, 0.4 the same minor group, 0.2 the same sub-major group.
experience        years of experience in the vacancy's ISCO unit group against the years asked
                  (applies when the vacancy asks for some).
education         1 at or above the level asked, 0.5 one level below, else 0.
languages         the share of the languages asked held at the CEFR level (one level below: half).
driving_licence   the share of the licence categories asked that the person holds.
place             1 same locality, 0.8 same county, 0.6 a neighbouring county for a person who
                  commutes (0.4 otherwise), 0.6 elsewhere for a person willing to relocate or who
                  named that county; else 0.
pay               1 when the top of the offer (gross, converted to net at 58.5 %) reaches the
                  person's minimum; falls to 0 at 30 % short (applies when a minimum is stated).
wishes            mean of: schedule fits, the occupation is among the wished ones (same unit group:
                  0.6), and availability by labour status (unemployed or graduate 1, inactive 0.7,
                  employed 0.5).

Hard filters (account state, consent to share, agency or national scope, county) are applied
before scoring, by the retrieval (mediation.index) and the selectors.

Weights are versioned (mediation.models.WeightSet); DEFAULT_WEIGHTS is version 1.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

SIGNALS = (
    "essential_skills",
    "optional_skills",
    "related_skills",
    "occupation",
    "experience",
    "education",
    "languages",
    "driving_licence",
    "place",
    "pay",
    "wishes",
)

DEFAULT_WEIGHTS = {
    "essential_skills": 40.0,
    "optional_skills": 8.0,
    "related_skills": 10.0,
    "occupation": 12.0,
    "experience": 6.0,
    "education": 5.0,
    "languages": 4.0,
    "driving_licence": 3.0,
    "place": 6.0,
    "pay": 3.0,
    "wishes": 3.0,
}

SIGNAL_LABELS = {
    "essential_skills": _("Essential competences"),
    "optional_skills": _("Optional competences"),
    "related_skills": _("Related competences"),
    "occupation": _("Occupation"),
    "experience": _("Experience"),
    "education": _("Education"),
    "languages": _("Languages"),
    "driving_licence": _("Driving licence"),
    "place": _("Place of work"),
    "pay": _("Pay"),
    "wishes": _("Wishes and availability"),
}

LEVEL_FACTOR = {1: 0.7, 2: 0.85, 3: 1.0, 4: 1.0}
# The lowest LEVEL_FACTOR: the related-skills weight stays below this share of the essential one.
RELATED_CAP = 0.7
NET_OF_GROSS = 0.585  # 25 % pension + 10 % health contributions, then 10 % income tax
PAY_TOLERANCE = 0.30
MOTHER_TONGUE_RANK = 6
AVAILABILITY = {"unemployed": 1.0, "graduate": 1.0, "inactive": 0.7, "employed": 0.5}


@dataclass(frozen=True)
class SkillContext:
    """What the scorer knows about skills and places: specificity weight per skill id (default
    1.0), related skills per skill id, neighbouring counties per county code."""

    weights: dict = field(default_factory=dict)
    related: dict = field(default_factory=dict)
    neighbours: dict = field(default_factory=dict)

    def weight(self, skill_id):
        return self.weights.get(skill_id, 1.0)


@dataclass(frozen=True)
class PersonFacts:
    id: int
    skills: dict  # skill id → level 1–4
    occupations: frozenset = frozenset()  # ESCO occupation ids of the work experience
    isco_years: dict = field(default_factory=dict)  # ISCO unit group code → years of experience
    wished_occupations: frozenset = frozenset()
    wished_isco: frozenset = frozenset()
    education_rank: int = 0
    languages: dict = field(default_factory=dict)  # language code → CEFR rank 0–5, 6 mother tongue
    licences: frozenset = frozenset()
    county: str = ""
    locality: str = ""  # a search key: lower case, no diacritics
    wished_counties: frozenset = frozenset()
    willing_to_commute: bool = False
    willing_to_relocate: bool = False
    minimum_pay: float | None = None  # net RON a month
    schedule: str = "any"
    status: str = "unemployed"


@dataclass(frozen=True)
class VacancyFacts:
    id: int
    essential: tuple = ()  # skill ids
    optional: tuple = ()
    esco_occupation: int | None = None
    isco_code: str = ""  # the ISCO-08 unit group (first 4 digits of the COR code)
    education_rank: int = 0
    experience_years: int = 0
    languages: dict = field(default_factory=dict)  # language code → minimum CEFR rank
    licences: frozenset = frozenset()
    county: str = ""
    locality: str = ""
    pay_max: float | None = None  # gross RON a month
    schedule: str = "full_time"


@dataclass
class Match:
    """A score with what produced it: the value of each signal (None: does not apply), its points
    in the score, and the skills matched, missing and related."""

    score: int
    signals: dict
    points: dict
    matched_essential: list
    missing_essential: list
    related_essential: list  # (skill asked, related skill held)
    matched_optional: list


def normalise_weights(weights):
    """Non-negative weights for every signal, with related_skills ≤ RELATED_CAP × essential."""
    clean = {name: max(0.0, float(weights.get(name, 0.0))) for name in SIGNALS}
    clean["related_skills"] = min(clean["related_skills"], RELATED_CAP * clean["essential_skills"])
    return clean


def _share(required, skills, context):
    """Specificity-weighted share of ``required`` that the person has, level-adjusted."""
    total = matched = 0.0
    hits = []
    misses = []
    for skill_id in required:
        weight = context.weight(skill_id)
        total += weight
        level = skills.get(skill_id)
        if level is None:
            misses.append(skill_id)
        else:
            matched += weight * LEVEL_FACTOR.get(level, 1.0)
            hits.append(skill_id)
    return (matched / total if total else 0.0), hits, misses


def _occupation(person, vacancy):
    if vacancy.esco_occupation is not None and vacancy.esco_occupation in person.occupations:
        return 1.0
    code = vacancy.isco_code
    if not code or not person.isco_years:
        return 0.0
    best = 0.0
    for held in person.isco_years:
        if held == code:
            return 0.7
        if held[:3] == code[:3]:
            best = max(best, 0.4)
        elif held[:2] == code[:2]:
            best = max(best, 0.2)
    return best


def _levels_share(asked, held):
    if not asked:
        return None
    total = 0.0
    for code, minimum in asked.items():
        rank = held.get(code)
        if rank is None:
            continue
        if rank >= minimum:
            total += 1.0
        elif rank == minimum - 1:
            total += 0.5
    return total / len(asked)


def _place(person, vacancy, context):
    if vacancy.county == person.county:
        if vacancy.locality and vacancy.locality == person.locality:
            return 1.0
        return 0.8
    if vacancy.county in context.neighbours.get(person.county, ()):
        return 0.6 if person.willing_to_commute else 0.4
    if person.willing_to_relocate or vacancy.county in person.wished_counties:
        return 0.6
    return 0.0


def _wishes(person, vacancy):
    parts = [1.0 if person.schedule in ("any", vacancy.schedule) else 0.3]
    if person.wished_occupations or person.wished_isco:
        if vacancy.esco_occupation in person.wished_occupations:
            parts.append(1.0)
        elif vacancy.isco_code and vacancy.isco_code in person.wished_isco:
            parts.append(0.6)
        else:
            parts.append(0.0)
    parts.append(AVAILABILITY.get(person.status, 0.5))
    return sum(parts) / len(parts)


def signal_values(person, vacancy, context):
    """The value of each signal (None where it does not apply) and the skill lists."""
    skills = person.skills
    essential, matched, missing = _share(vacancy.essential, skills, context)
    optional, matched_optional, _missing_optional = _share(vacancy.optional, skills, context)
    related_pairs = []
    related_weight = 0.0
    for skill_id in missing:
        for other in context.related.get(skill_id, ()):
            if other in skills:
                related_pairs.append((skill_id, other))
                related_weight += context.weight(skill_id)
                break
    essential_total = sum(context.weight(skill_id) for skill_id in vacancy.essential)
    values = {
        "essential_skills": essential if vacancy.essential else None,
        "optional_skills": optional if vacancy.optional else None,
        "related_skills": (related_weight / essential_total) if vacancy.essential else None,
        "occupation": _occupation(person, vacancy),
        "experience": None,
        "education": None,
        "languages": _levels_share(vacancy.languages, person.languages),
        "driving_licence": None,
        "place": _place(person, vacancy, context),
        "pay": None,
        "wishes": _wishes(person, vacancy),
    }
    if vacancy.experience_years:
        years = person.isco_years.get(vacancy.isco_code, 0.0)
        values["experience"] = min(1.0, years / vacancy.experience_years)
    if vacancy.education_rank:
        gap = vacancy.education_rank - person.education_rank
        values["education"] = 1.0 if gap <= 0 else (0.5 if gap == 1 else 0.0)
    if vacancy.licences:
        values["driving_licence"] = len(vacancy.licences & person.licences) / len(vacancy.licences)
    if person.minimum_pay and vacancy.pay_max is not None:
        net = vacancy.pay_max * NET_OF_GROSS
        short = (person.minimum_pay - net) / person.minimum_pay
        values["pay"] = 1.0 if short <= 0 else max(0.0, 1.0 - short / PAY_TOLERANCE)
    return values, matched, missing, related_pairs, matched_optional


def combine(values, weights):
    """Points per signal and the 0–100 score from signal values and (normalised) weights."""
    applicable = {name: value for name, value in values.items() if value is not None}
    total_weight = sum(weights[name] for name in applicable)
    if total_weight <= 0:
        return 0, dict.fromkeys(applicable, 0.0)
    points = {
        name: 100.0 * weights[name] * value / total_weight for name, value in applicable.items()
    }
    return int(round(sum(points.values()))), points


def score(person, vacancy, context, weights=None):
    """The Match of ``person`` for ``vacancy``: deterministic for the same inputs."""
    weights = normalise_weights(weights or DEFAULT_WEIGHTS)
    values, matched, missing, related_pairs, matched_optional = signal_values(
        person, vacancy, context
    )
    total, points = combine(values, weights)
    return Match(
        score=min(100, max(0, total)),
        signals=values,
        points=points,
        matched_essential=matched,
        missing_essential=missing,
        related_essential=related_pairs,
        matched_optional=matched_optional,
    )


def explain(match, skill_labels):
    """The explanation a counsellor can read to the person: one line per signal that applies,
    with its points, and the essential skills matched, related and missing by name."""
    label = skill_labels.get
    lines = []
    for name in SIGNALS:
        value = match.signals.get(name)
        if value is None:
            continue
        lines.append(
            {
                "signal": name,
                "label": str(SIGNAL_LABELS[name]),
                "percent": int(round(100 * value)),
                "points": round(match.points.get(name, 0.0), 1),
            }
        )
    return {
        "score": match.score,
        "signals": lines,
        "matched": [label(skill_id, str(skill_id)) for skill_id in match.matched_essential],
        "missing": [label(skill_id, str(skill_id)) for skill_id in match.missing_essential],
        "related": [
            {"asked": label(asked, str(asked)), "held": label(held, str(held))}
            for asked, held in match.related_essential
        ],
        "optional": [label(skill_id, str(skill_id)) for skill_id in match.matched_optional],
    }
