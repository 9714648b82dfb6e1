"""The match score of a jobseeker for a vacancy, 0–100, and its explanation: pure and deterministic.

A score is a weighted mean of signals, each a value between 0 and 1:

    score = 100 × Σ weight(s) × value(s) / Σ weight(s)      over the signals s that apply

A signal "applies" when the vacancy asks for it (no languages asked → the languages signal is left
out, and the others share its weight). What people can do counts first; the codes they typed only
beside it. The signals:

essential_skills  coverage of the vacancy's essential ESCO skills, BM25-like: each skill counts by
                  its specificity (see ``skill_weight``: a rare skill counts more than "use a
                  computer") times the evidence the person has of it (level basic 0.7,
                  intermediate 0.85, advanced and expert 1.0; only a related skill — broader,
                  narrower or of the same small ESCO skill group — ``RELATED_CREDIT``), as a share
                  x of all essential weight, then saturated: x(1+K)/(x+K) with K = ``SATURATION``,
                  so the first specific skills matched count most and five of twelve beat one of
                  twelve by far.
optional_skills   the same over the optional skills.
related_skills    kept for stored weight sets and outcomes; the partial credit of related skills
                  is inside the two signals above (so gaining the skill itself never lowers a
                  score), and this signal no longer applies.
occupation        the higher of the declared and the inferred fit with the vacancy's occupation.
                  Declared: a current job (ongoing, or ended less than ``CURRENT_YEARS`` ago) in
                  the vacancy's ESCO occupation ``CURRENT_FACTOR``, a previous job only
                  ``PREVIOUS_FACTOR`` (times 0.7 in the same ISCO-08 unit group, 0.4 the same
                  minor group, 0.2 the same sub-major group): a code alone never counts as much
                  as the occupation's competences. Inferred from the skills: the
                  specificity-weighted share of the occupation's ESCO profile (essential skills,
                  optional ones at ``PROFILE_OPTIONAL``) the person holds, saturated with
                  K = ``PROFILE_SATURATION``, times a precision factor (``PROFILE_PRECISION``:
                  skills of other occupations dilute the fit, as BM25's length normalisation
                  does, so that a neighbouring occupation sharing many skills is told apart).
                  This is how the skills a vacancy implies but did not list are credited, and
                  more weakly than listed ones, which count here and in essential_skills.
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
wishes            a tie-breaker (small weight): mean of schedule fits, the occupation is among the
                  wished ones (same unit group: 0.6), and availability by labour status
                  (unemployed or graduate 1, inactive 0.7, employed 0.5).

Hard filters (account state, consent to share, agency or national scope, county) are applied
before scoring, by the retrieval (mediation.index) and the selectors.

Weights are versioned (mediation.models.WeightSet); DEFAULT_WEIGHTS is version 2 (version 1 gave
the occupation code 12 points and related skills a signal of their own).
"""

from dataclasses import dataclass, field
from functools import cached_property

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
    "essential_skills": 30.0,
    "optional_skills": 6.0,
    "related_skills": 0.0,
    "occupation": 40.0,
    "experience": 3.0,
    "education": 4.0,
    "languages": 4.0,
    "driving_licence": 3.0,
    "place": 6.0,
    "pay": 3.0,
    "wishes": 2.0,
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

# What the occupation value rests on, for the explanation.
OCCUPATION_BASIS = {
    "current": _("current job in this occupation"),
    "current_group": _("current job in a neighbouring occupation"),
    "previous": _("previous job in this occupation"),
    "previous_group": _("previous job in a neighbouring occupation"),
    "skills": _("inferred from the competences held"),
    "": _("no evidence"),
}

LEVEL_FACTOR = {1: 0.7, 2: 0.85, 3: 1.0, 4: 1.0}
# The lowest LEVEL_FACTOR: the related-skills weight stays below this share of the essential one.
RELATED_CAP = 0.7
# Credit of a skill asked when the person holds only a related one: below the lowest level factor.
RELATED_CREDIT = 0.5
SATURATION = 1.0  # K of the listed-skill coverage x(1+K)/(x+K)
PROFILE_OPTIONAL = 0.5  # weight of an optional skill in an occupation's profile
PROFILE_SATURATION = 0.35  # K of the profile coverage: holding ~40 % of a profile is a strong fit
# Share of the inferred fit that depends on how much of the person's skill weight lies inside the
# occupation's profile (or the vacancy's list): skills of another occupation dilute it, as BM25's
# length normalisation does, so a neighbouring occupation sharing many skills does not look the same.
PROFILE_PRECISION = 0.5
CURRENT_YEARS = 2.0  # a job ended less than this many years ago is current
CURRENT_FACTOR = 0.8  # a current job in the vacancy's occupation
PREVIOUS_FACTOR = 0.4  # a previous one
NET_OF_GROSS = 0.585  # 25 % pension + 10 % health contributions, then 10 % income tax
PAY_TOLERANCE = 0.30
MOTHER_TONGUE_RANK = 6
AVAILABILITY = {"unemployed": 1.0, "graduate": 1.0, "inactive": 0.7, "employed": 0.5}


@dataclass(frozen=True)
class SkillContext:
    """What the scorer knows about skills and places: specificity weight per skill id (default
    1.0), related skills per skill id, neighbouring counties per county code, and the ESCO
    profile of each occupation (occupation id → {skill id: weight in the profile}, optional
    skills at PROFILE_OPTIONAL of their specificity) with its total weight."""

    weights: dict = field(default_factory=dict)
    related: dict = field(default_factory=dict)
    neighbours: dict = field(default_factory=dict)
    profiles: dict = field(default_factory=dict)
    profile_totals: dict = field(default_factory=dict)

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
    # The jobs that are current (ongoing or ended less than CURRENT_YEARS ago); the others of
    # ``occupations`` and ``isco_years`` are previous jobs.
    current_occupations: frozenset = frozenset()
    current_isco: frozenset = frozenset()


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

    @cached_property
    def listed(self):
        """Every skill the vacancy lists, essential or optional."""
        return frozenset(self.essential) | frozenset(self.optional)


@dataclass
class Match:
    """A score with what produced it: the value of each signal (None: does not apply), its points
    in the score, and the skills matched, missing and related; the occupation's declared and
    inferred fit, which one counted, and the skills of the occupation held that the vacancy did
    not list."""

    score: int
    signals: dict
    points: dict
    matched_essential: list
    missing_essential: list
    related_essential: list  # (skill asked, related skill held)
    matched_optional: list
    implied: list = field(default_factory=list)  # skills of the occupation held, not listed
    occupation_basis: str = ""
    occupation_declared: float = 0.0
    occupation_inferred: float = 0.0


def normalise_weights(weights):
    """Non-negative weights for every signal, with related_skills ≤ RELATED_CAP × essential."""
    return dict(_normalise(weights))


def _normalise(weights):
    """normalise_weights, remembered for the few weight sets in use (read-only: do not change)."""
    key = tuple(weights.get(name, 0.0) for name in SIGNALS)
    clean = _normalised.get(key)
    if clean is None:
        clean = {name: max(0.0, float(value)) for name, value in zip(SIGNALS, key, strict=True)}
        clean["related_skills"] = min(
            clean["related_skills"], RELATED_CAP * clean["essential_skills"]
        )
        if len(_normalised) > 64:
            _normalised.clear()
        _normalised[key] = clean
    return clean


_normalised: dict = {}


def saturate(share, k):
    """BM25's saturation of a share in [0, 1]: 0 → 0, 1 → 1, concave."""
    return share * (1.0 + k) / (share + k) if share > 0 else 0.0


def _coverage(required, skills, context, *, related=True):
    """Saturated specificity-weighted coverage of ``required``: the value, the skills held, the
    missing ones and the (asked, related held) pairs credited at RELATED_CREDIT."""
    total = matched = 0.0
    hits = []
    misses = []
    pairs = []
    weights = context.weights
    for skill_id in required:
        weight = weights.get(skill_id, 1.0)
        total += weight
        level = skills.get(skill_id)
        if level is not None:
            matched += weight * LEVEL_FACTOR.get(level, 1.0)
            hits.append(skill_id)
            continue
        misses.append(skill_id)
        if related:
            for other in context.related.get(skill_id, ()):
                if other in skills:
                    pairs.append((skill_id, other))
                    matched += weight * RELATED_CREDIT
                    break
    value = saturate(matched / total, SATURATION) if total else 0.0
    return value, hits, misses, pairs


def _ladder(vacancy, occupations, codes):
    """1 the same ESCO occupation, 0.7 the same unit group, 0.4 minor, 0.2 sub-major group."""
    if vacancy.esco_occupation is not None and vacancy.esco_occupation in occupations:
        return 1.0
    code = vacancy.isco_code
    if not code:
        return 0.0
    best = 0.0
    for held in codes:
        if held == code:
            return 0.7
        if held[:3] == code[:3]:
            best = max(best, 0.4)
        elif held[:2] == code[:2]:
            best = max(best, 0.2)
    return best


def declared_fit(person, vacancy):
    """The fit of the declared jobs with the vacancy's occupation and its basis: a current job at
    CURRENT_FACTOR, a previous one at PREVIOUS_FACTOR (a code alone never counts as much as
    holding the occupation's competences)."""
    if not person.occupations and not person.isco_years:
        return 0.0, ""
    current = _ladder(vacancy, person.current_occupations, person.current_isco)
    previous = _ladder(vacancy, person.occupations, person.isco_years)
    if current * CURRENT_FACTOR >= previous * PREVIOUS_FACTOR:
        if current <= 0:
            return 0.0, ""
        return current * CURRENT_FACTOR, "current" if current == 1.0 else "current_group"
    return previous * PREVIOUS_FACTOR, "previous" if previous == 1.0 else "previous_group"


def inferred_fit(person, occupation, context, listed=()):
    """How much of ``occupation``'s ESCO profile the person's skills cover (saturated), and the
    skills of the profile held that are not in ``listed``."""
    profile = context.profiles.get(occupation) if occupation is not None else None
    if not profile:
        return 0.0, []
    held = 0.0
    inside = outside = 0.0
    implied = []
    weights = context.weights
    for skill_id, level in person.skills.items():
        weight = profile.get(skill_id)
        if weight is not None:
            held += weight * LEVEL_FACTOR.get(level, 1.0)
            inside += weights.get(skill_id, 1.0)
            if skill_id not in listed:
                implied.append(skill_id)
        elif skill_id in listed:
            inside += weights.get(skill_id, 1.0)
        else:
            outside += weights.get(skill_id, 1.0)
    total = context.profile_totals.get(occupation) or 1.0
    fit = saturate(min(1.0, held / total), PROFILE_SATURATION)
    if PROFILE_PRECISION and inside:
        fit *= 1.0 - PROFILE_PRECISION + PROFILE_PRECISION * inside / (inside + outside)
    return fit, sorted(implied)


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


@dataclass
class _Skills:
    matched: list
    missing: list
    related: list
    optional: list
    implied: list
    basis: str
    declared: float
    inferred: float


def _signal_values(person, vacancy, context):
    skills = person.skills
    essential, matched, missing, related_pairs = _coverage(vacancy.essential, skills, context)
    optional, matched_optional, _missing, _pairs = _coverage(
        vacancy.optional, skills, context, related=False
    )
    declared, basis = declared_fit(person, vacancy)
    inferred, implied = inferred_fit(person, vacancy.esco_occupation, context, vacancy.listed)
    if inferred > declared:
        basis = "skills"
    values = {
        "essential_skills": essential if vacancy.essential else None,
        "optional_skills": optional if vacancy.optional else None,
        "related_skills": None,
        "occupation": max(declared, inferred),
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
    return values, _Skills(
        matched, missing, related_pairs, matched_optional, implied, basis, declared, inferred
    )


def signal_values(person, vacancy, context):
    """The value of each signal (None where it does not apply) and the skill lists."""
    values, found = _signal_values(person, vacancy, context)
    return values, found.matched, found.missing, found.related, found.optional


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
    weights = _normalise(weights or DEFAULT_WEIGHTS)
    values, found = _signal_values(person, vacancy, context)
    total, points = combine(values, weights)
    return Match(
        score=min(100, max(0, total)),
        signals=values,
        points=points,
        matched_essential=found.matched,
        missing_essential=found.missing,
        related_essential=found.related,
        matched_optional=found.optional,
        implied=found.implied,
        occupation_basis=found.basis,
        occupation_declared=found.declared,
        occupation_inferred=found.inferred,
    )


def explain(match, skill_labels):
    """The explanation a counsellor can read to the person: one line per signal that applies,
    with its points, and the essential skills matched, related and missing by name; the
    occupation line says what its value rests on (declared job or competences) and both fits."""
    label = skill_labels.get
    lines = []
    for name in SIGNALS:
        value = match.signals.get(name)
        if value is None:
            continue
        line = {
            "signal": name,
            "label": str(SIGNAL_LABELS[name]),
            "percent": int(round(100 * value)),
            "points": round(match.points.get(name, 0.0), 1),
        }
        if name == "occupation":
            line["basis"] = str(OCCUPATION_BASIS.get(match.occupation_basis, ""))
            line["declared"] = int(round(100 * match.occupation_declared))
            line["inferred"] = int(round(100 * match.occupation_inferred))
        lines.append(line)
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
        "implied": [label(skill_id, str(skill_id)) for skill_id in match.implied],
    }
