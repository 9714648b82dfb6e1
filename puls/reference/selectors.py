"""Reads of reference data: searches, the COR → ISCO-08 → ESCO link, skills and their hierarchy.

Reference data is public, so these selectors carry no permission scope.

Searching ignores case and diacritics: labels are stored with a search key (`text.search_key`:
lower case, marks removed, so "șef", "şef" and "sef" are all "sef") and the query is normalised
the same way. Every word of the query must occur in one label; matches rank exact label first,
then label starting with the query, then a word starting with it, then anything else, preferred
labels before alternative ones, shorter labels first.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Case,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce, Length, NullIf

from .models import (
    Agency,
    ConceptLabel,
    CorOccupation,
    EscoOccupation,
    EscoOccupationLabel,
    IscoGroup,
    LabelledConcept,
    OccupationSkill,
    Skill,
    SkillGroup,
)
from .text import search_key, similarity, stem

FALLBACK_LANGUAGE = LabelledConcept.FALLBACK_LANGUAGE
_CODE_QUERY = re.compile(r"^\d[\d.]*$")
GROUP_NAME_WEIGHT = 0.5


# --- Labels --------------------------------------------------------------------------------------


def _language(language: str | None) -> str:
    return (language or settings.LANGUAGE_CODE).split("-")[0]


def label_expression(language: str | None) -> Func:
    """SQL for a concept's preferred label in `language`, falling back to English."""
    language = _language(language)
    english = KT(f"preferred_labels__{FALLBACK_LANGUAGE}")
    if language == FALLBACK_LANGUAGE:
        return english
    return Coalesce(
        NullIf(KT(f"preferred_labels__{language}"), Value("")), english, output_field=TextField()
    )


def _search_languages(language: str | None) -> list[str]:
    # English is searched too: its labels are what a list shows where a translation is missing.
    return list(dict.fromkeys([_language(language), FALLBACK_LANGUAGE]))


def _match_rank(field: str, key: str) -> Case:
    return Case(
        When(**{field: key}, then=Value(0)),
        When(**{f"{field}__startswith": key}, then=Value(2)),
        When(**{f"{field}__contains": f" {key}"}, then=Value(4)),
        default=Value(6),
        output_field=IntegerField(),
    )


def _search_labelled(
    queryset: QuerySet, query: str, *, language: str | None, limit: int
) -> QuerySet:
    """Concepts of `queryset` with a label (in `language` or English) containing every word."""
    key = search_key(query)
    if not key:
        return queryset.none()
    matches = Q(labels__language__in=_search_languages(language))
    for word in key.split():
        matches &= Q(labels__search_key__contains=word)
    rank = Min(
        _match_rank("labels__search_key", key)
        + Case(
            When(labels__kind=ConceptLabel.Kind.PREFERRED, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )
    return (
        queryset.filter(matches)
        .annotate(rank=rank, display_label=label_expression(language))
        .order_by(
            "rank",
            Length("display_label").asc(nulls_last=True),
            F("display_label").asc(nulls_last=True),
            "pk",
        )[:limit]
    )


# --- Searches ------------------------------------------------------------------------------------


def search_cor_occupations(query: str, *, limit: int = 20) -> QuerySet[CorOccupation]:
    """COR occupations whose code starts with `query`, or whose name contains all its words.

    A word also matches through its stem (`text.stem`), so the name of an activity finds the
    trade: "tencuire" finds "zidar rosar-tencuitor", "zidărie" finds "zidar". Names with every
    word as typed rank first; those found only through a stem come after them.
    """
    query = (query or "").strip()
    occupations = CorOccupation.objects.select_related("isco_group")
    if query.isascii() and query.isdigit():
        return occupations.filter(code__startswith=query).order_by("code")[:limit]
    key = search_key(query)
    if not key:
        return occupations.none()
    words = key.split()
    as_typed = Q()
    for word in words:
        occupations = occupations.filter(search_key__contains=stem(word))
        as_typed &= Q(search_key__contains=word)
    rank = Case(
        When(as_typed, then=_match_rank("search_key", key)),
        default=Value(8),
        output_field=IntegerField(),
    )
    return occupations.annotate(rank=rank).order_by("rank", Length("name"), "name", "code")[:limit]


def cor_occupation_named(text: str) -> CorOccupation | None:
    """The COR occupation `text` names: its code (alone or followed by the name, as the
    suggestions write it), its name (case and diacritics ignored), or the only search result."""
    text = " ".join((text or "").split())
    if not text:
        return None
    occupations = CorOccupation.objects.select_related("isco_group")
    first = text.split()[0]
    if first.isascii() and first.isdigit():
        return occupations.filter(code=first).first()
    key = search_key(text)
    named = occupations.filter(search_key=key).order_by("code").first()
    if named is not None:
        return named
    found = list(search_cor_occupations(text, limit=2))
    return found[0] if len(found) == 1 else None


def search_esco_occupations(
    query: str, *, language: str | None, limit: int = 20, isco: str | None = None
) -> QuerySet[EscoOccupation]:
    """ESCO occupations by code prefix or label; `isco` keeps those under that ISCO-08 group."""
    query = (query or "").strip()
    occupations = EscoOccupation.objects.only("pk", "uri", "code", "preferred_labels")
    if isco:
        occupations = occupations.filter(isco_group__code__startswith=isco)
    if _CODE_QUERY.match(query):
        return occupations.filter(code__startswith=query).order_by("code")[:limit]
    return _search_labelled(occupations, query, language=language, limit=limit)


def search_skills(query: str, *, language: str | None, limit: int = 20) -> QuerySet[Skill]:
    """ESCO skills and knowledge with a label containing every word of `query`."""
    skills = Skill.objects.only("pk", "uri", "skill_type", "preferred_labels")
    return _search_labelled(skills, query, language=language, limit=limit)


# --- COR → ISCO-08 → ESCO ------------------------------------------------------------------------


def _esco_occupations_under(isco_code: str) -> list[EscoOccupation]:
    return list(
        EscoOccupation.objects.filter(isco_group__code__startswith=isco_code)
        .select_related("isco_group")
        .prefetch_related(
            Prefetch(
                "labels",
                queryset=EscoOccupationLabel.objects.only("pk", "occupation_id", "search_key"),
            )
        )
        .order_by("code")
    )


def esco_occupations_for_cor(cor_occupation: CorOccupation) -> list[EscoOccupation]:
    """The ESCO occupations of the COR occupation's ISCO-08 group, closest by name first.

    There is no official COR ↔ ESCO crosswalk; the two meet at the ISCO-08 unit group (for the six
    Romanian national unit groups and the three unit groups ESCO has no occupation in, at their
    minor group). Within it, each ESCO occupation gets as
    `similarity` (0 to 1) the best `text.similarity` between the COR name and any of its labels in
    any loaded language, preferred or alternative. The word-level difflib ratio in that score lets
    Romanian names meet English cognates ("ambasador" / "ambassador"). A Romanian COR name and an
    English label often share no word at all ("sudor" / "welder"), so the closeness of the ESCO
    label to the group's own English name counts too, with weight GROUP_NAME_WEIGHT: the group's
    typical occupation ("Welders and flamecutters" → "welder") comes before the specialised ones
    when the name says nothing. Ties go by ESCO code.
    """
    isco_group = cor_occupation.isco_group
    if isco_group is None:
        return []
    occupations = _esco_occupations_under(isco_group.code)
    if not occupations and len(isco_group.code) == 4:
        # Three unit groups have COR occupations but no ESCO one (1113, 3221, 9624): their
        # minor group's stand in, as for the national unit groups.
        occupations = _esco_occupations_under(isco_group.code[:3])
    name_key = cor_occupation.search_key or search_key(cor_occupation.name)
    group_key = search_key(isco_group.label(FALLBACK_LANGUAGE))
    scores = {
        occupation.pk: (
            max(
                (similarity(name_key, label.search_key) for label in occupation.labels.all()),
                default=0.0,
            )
            + GROUP_NAME_WEIGHT
            * similarity(group_key, search_key(occupation.label(FALLBACK_LANGUAGE)))
        )
        / (1 + GROUP_NAME_WEIGHT)
        for occupation in occupations
    }
    occupations.sort(key=lambda occupation: -scores[occupation.pk])
    for occupation in occupations:
        occupation.similarity = scores[occupation.pk]  # type: ignore[attr-defined]  # shown per row
    return occupations


def esco_occupation_for_cor(
    cor_occupation: CorOccupation, *, chosen: EscoOccupation | None = None
) -> EscoOccupation | None:
    """The ESCO occupation for a COR one: `chosen` when it belongs to the same ISCO-08 group
    (the person picked it among the few there), else the closest (`esco_occupations_for_cor`);
    None when the group has no ESCO occupation."""
    options = esco_occupations_for_cor(cor_occupation)
    if chosen is not None and any(option.pk == chosen.pk for option in options):
        return next(option for option in options if option.pk == chosen.pk)
    return options[0] if options else None


def skills_for(
    esco_occupation: EscoOccupation,
    *,
    relation_type: str | None = None,
    language: str | None = None,
) -> QuerySet[Skill]:
    """The skills of an ESCO occupation, essential ones first, then by label.

    Each skill appears once, with `is_essential` annotated (a few ESCO pairs are listed both as
    essential and as optional; essential wins). `relation_type` keeps only one kind.
    """
    links = OccupationSkill.objects.filter(occupation=esco_occupation)
    if relation_type is not None:
        links = links.filter(relation_type=relation_type)
    essential = OccupationSkill.objects.filter(
        occupation=esco_occupation,
        skill=OuterRef("pk"),
        relation_type=OccupationSkill.Relation.ESSENTIAL,
    )
    return (
        Skill.objects.filter(pk__in=links.values("skill_id"))
        .annotate(is_essential=Exists(essential), display_label=label_expression(language))
        .order_by("-is_essential", F("display_label").asc(nulls_last=True), "pk")
    )


def essential_skills_for(
    esco_occupation: EscoOccupation, *, language: str | None = None
) -> QuerySet[Skill]:
    return skills_for(
        esco_occupation, relation_type=OccupationSkill.Relation.ESSENTIAL, language=language
    )


# --- Skill hierarchy -----------------------------------------------------------------------------


def broader_skills(skill: Skill) -> QuerySet[Skill]:
    """The skills directly broader than `skill` (ESCO "broader" relations between skills)."""
    return Skill.objects.filter(narrower_skills=skill).order_by("pk")


def broader_skill_groups(skill: Skill) -> QuerySet[SkillGroup]:
    """The skill groups `skill` sits directly under."""
    return SkillGroup.objects.filter(skills=skill).order_by("code")


def broader_skill_map(skill_ids: Iterable[int]) -> dict[int, set[int]]:
    """{skill id: ids of its directly broader skills}, in one query, for matching many skills."""
    broader: dict[int, set[int]] = {skill_id: set() for skill_id in skill_ids}
    links = Skill.broader_skills.through.objects.filter(from_skill_id__in=list(broader))
    for narrower_id, broader_id in links.values_list("from_skill_id", "to_skill_id"):
        broader[narrower_id].add(broader_id)
    return broader


# --- About the data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    """The notices the data's publishers ask for, in their own words (never translated)."""

    esco_notice: tuple[str, ...]
    esco_url: str
    esco_version: str
    cor_citation: str


ATTRIBUTION = Attribution(
    esco_notice=(
        "This service uses the ESCO classification of the European Commission.",
        "ESCO v1.2.0, © European Union, https://esco.ec.europa.eu.",
        "The ESCO data has been reformatted and partly derived, as described in this README. "
        "The European Commission is not responsible for these changes.",
    ),
    esco_url="https://esco.ec.europa.eu",
    esco_version="v1.2.0",
    cor_citation="Clasificarea Ocupațiilor din România (COR), "
    "Ministerul Muncii și Solidarității Sociale / INS",
)


def data_attribution() -> Attribution:
    """What any page or export showing ESCO or COR data must display."""
    return ATTRIBUTION


def reference_data_counts() -> dict[str, int]:
    return {
        "cor_occupations": CorOccupation.objects.count(),
        "isco_groups": IscoGroup.objects.count(),
        "esco_occupations": EscoOccupation.objects.count(),
        "skills": Skill.objects.count(),
        "occupation_skills": OccupationSkill.objects.count(),
    }


def agencies_for_contact() -> QuerySet[Agency]:
    """Every agency with its county, in the Romanian order of the counties (the contact page)."""
    return Agency.objects.select_related("county").only(
        "name", "kind", "address", "phone", "email", "county__name"
    )
