"""Writes of reference data: loading the shipped COR, ISCO-08 and ESCO files and ESCO label packs.

Both loaders compare what the files say with what the database holds and write only the
difference, in batches and in one transaction, so a second run writes nothing. Concepts (groups,
occupations, skills) are created and updated but never deleted, because other apps point at them;
link rows (occupation skills, broader relations, labels of a language) that a file no longer lists
are deleted.
"""

import csv
import gzip
import lzma
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal, overload

from django.conf import settings
from django.db import connection, models, transaction

from .models import (
    ConceptLabel,
    CorOccupation,
    EscoOccupation,
    EscoOccupationLabel,
    IscoGroup,
    OccupationSkill,
    Skill,
    SkillGroup,
    SkillLabel,
)
from .text import clean_label, romanian_letters, search_key

BATCH_SIZE = 2000
BASE_LANGUAGE = "en"
_LABEL_MAX_LENGTH = 255
_LABEL_SEPARATOR = re.compile(r"\s+\|\s+|\n")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class ReferenceDataError(Exception):
    """The files cannot be loaded as they are: one is missing, or they contradict each other."""


@dataclass
class TableResult:
    """What one load did to one table."""

    table: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def add(self, other: "TableResult") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.deleted += other.deleted
        self.skipped += other.skipped


@dataclass
class LoadReport:
    tables: list[TableResult] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(table.changed for table in self.tables)


# --- Reading the files ---------------------------------------------------------------------------


def _open_csv(directory: Path, name: str, *, required: bool = True) -> IO[str] | None:
    """Opens directory/name.csv, or its .csv.xz or .csv.gz form."""
    for suffix, opener in ((".csv", open), (".csv.xz", lzma.open), (".csv.gz", gzip.open)):
        path = Path(directory) / f"{name}{suffix}"
        if path.exists():
            return opener(path, "rt", encoding="utf-8-sig", newline="")
    if required:
        raise ReferenceDataError(f"Missing file: {Path(directory) / name}.csv (.csv.xz, .csv.gz)")
    return None


@overload
def _read_csv(directory: Path, name: str, *, required: Literal[True] = ...) -> list[dict]: ...
@overload
def _read_csv(directory: Path, name: str, *, required: bool) -> list[dict] | None: ...
def _read_csv(directory: Path, name: str, *, required: bool = True) -> list[dict] | None:
    handle = _open_csv(directory, name, required=required)
    if handle is None:
        return None
    with handle:
        return list(csv.DictReader(handle))


def _split_labels(cell: str | None) -> list[str]:
    """Alternative labels: ` | `-separated in the shipped files, one per line in ESCO's packages."""
    return [
        label for label in (_label(part) for part in _LABEL_SEPARATOR.split(cell or "")) if label
    ]


def _label(text: str | None) -> str:
    return clean_label(text or "")[:_LABEL_MAX_LENGTH]


# --- Writing the difference ----------------------------------------------------------------------


def _sync(
    model: type[models.Model],
    rows: dict[tuple, dict],
    *,
    key: list[str],
    table: str,
    scope: models.Q | None = None,
    delete_missing: Callable[[tuple], bool] | None = None,
) -> TableResult:
    """Makes the rows of `model` within `scope` match `rows` ({natural key: field values}).

    Rows in the database that `rows` lacks are deleted when `delete_missing(key)` says so, and left
    alone otherwise.
    """
    fields = sorted({name for values in rows.values() for name in values})
    queryset = (
        model._default_manager.all() if scope is None else model._default_manager.filter(scope)
    )
    existing = {}
    for values in queryset.values_list("pk", *key, *fields).iterator(chunk_size=BATCH_SIZE):
        existing[values[1 : len(key) + 1]] = (values[0], values[len(key) + 1 :])
    result = TableResult(table)
    to_create, to_update = [], []
    for natural_key, values in rows.items():
        current = existing.pop(natural_key, None)
        desired = tuple(values[name] for name in fields)
        if current is None:
            to_create.append(model(**dict(zip(key, natural_key, strict=True)), **values))
        elif current[1] != desired:
            to_update.append(model(pk=current[0], **values))
        else:
            result.unchanged += 1
    model._default_manager.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model._default_manager.bulk_update(to_update, fields, batch_size=BATCH_SIZE // 4)
    result.created, result.updated = len(to_create), len(to_update)
    if delete_missing is not None:
        stale = [
            pk for natural_key, (pk, _values) in existing.items() if delete_missing(natural_key)
        ]
        for start in range(0, len(stale), BATCH_SIZE):
            model._default_manager.filter(pk__in=stale[start : start + BATCH_SIZE]).delete()
        result.deleted = len(stale)
    return result


def _always(_key: tuple) -> bool:
    return True


def _lift_statement_timeout() -> None:
    """Gives this transaction the task timeout instead of the web one (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SET LOCAL statement_timeout = {int(settings.CELERY_STATEMENT_TIMEOUT_MS)}"
            )


def _analyze(report: "LoadReport", models_written: Iterable[type[models.Model]]) -> None:
    """Refreshes PostgreSQL's statistics after a load, so searches get a good plan at once.

    Inside the load's transaction, where the statement timeout is lifted.
    """
    if connection.vendor == "postgresql" and report.changed:
        with connection.cursor() as cursor:
            for model in models_written:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _pk_map(model: type[models.Model], field_name: str = "uri") -> dict[str, int]:
    return dict(model._default_manager.values_list(field_name, "pk"))


def _merged_labels(current: dict | None, language: str, label: str) -> dict:
    """`current` preferred labels with the one of `language` set to `label` (removed if empty)."""
    labels = {code: text for code, text in (current or {}).items() if code != language}
    if label:
        labels[language] = label
    return dict(sorted(labels.items()))


def _depths(parents: dict[str, str | None]) -> dict[str, int]:
    depths: dict[str, int] = {}

    def depth(node: str, seen: frozenset = frozenset()) -> int:
        if node not in depths:
            parent = parents.get(node)
            if parent is None or parent not in parents:
                depths[node] = 0
            elif parent in seen:
                raise ReferenceDataError(f"The broader relations loop at {node}")
            else:
                depths[node] = depth(parent, seen | {node}) + 1
        return depths[node]

    for node in parents:
        depth(node)
    return depths


def _sync_labels(
    label_model: type[models.Model],
    concept_field: str,
    labels: dict[int, tuple[str, list[str]]],
    *,
    language: str,
    table: str,
) -> TableResult:
    """Label rows of `language` for the concepts in `labels` ({concept pk: (preferred, alts)})."""
    rows = {}
    for concept_id, (preferred, alternatives) in labels.items():
        for text in alternatives:
            rows[(concept_id, language, text)] = {
                "kind": ConceptLabel.Kind.ALTERNATIVE,
                "search_key": search_key(text),
            }
        if preferred:
            rows[(concept_id, language, preferred)] = {
                "kind": ConceptLabel.Kind.PREFERRED,
                "search_key": search_key(preferred),
            }
    return _sync(
        label_model,
        rows,
        key=[f"{concept_field}_id", "language", "label"],
        table=table,
        scope=models.Q(language=language),
        delete_missing=lambda natural_key: natural_key[0] in labels,
    )


def _grouped(results: list[TableResult], table: str) -> TableResult:
    total = TableResult(table)
    for result in results:
        total.add(result)
    return total


# --- The shipped data set ------------------------------------------------------------------------


def reference_data_load(*, data_dir: Path | None = None) -> LoadReport:
    """Loads ISCO-08 groups, COR occupations and the English ESCO data from `data_dir`.

    `data_dir` (default settings.REFERENCE_DATA_DIR) has the layout of puls/reference/data:
    cor/cor_occupations, esco/isco_groups, esco/occupations_en, esco/skill_groups_en,
    esco/skills_en, esco/occupation_skill_relations and esco/broader_relations_skill_pillar, each
    as .csv, .csv.xz or .csv.gz.
    """
    data_dir = Path(data_dir or settings.REFERENCE_DATA_DIR)
    files = {
        "cor": _read_csv(data_dir / "cor", "cor_occupations"),
        "isco": _read_csv(data_dir / "esco", "isco_groups"),
        "occupations": _read_csv(data_dir / "esco", "occupations_en"),
        "skill_groups": _read_csv(data_dir / "esco", "skill_groups_en"),
        "skills": _read_csv(data_dir / "esco", "skills_en"),
        "relations": _read_csv(data_dir / "esco", "occupation_skill_relations"),
        "broader": _read_csv(data_dir / "esco", "broader_relations_skill_pillar"),
    }
    report = LoadReport()
    with transaction.atomic():
        _lift_statement_timeout()
        report.tables.append(_load_isco_groups(files["isco"]))
        report.tables.append(_load_cor_occupations(files["cor"]))
        report.tables.extend(_load_esco_occupations(files["occupations"]))
        report.tables.append(_load_skill_groups(files["skill_groups"], files["broader"]))
        report.tables.extend(_load_skills(files["skills"]))
        report.tables.append(_load_occupation_skills(files["relations"]))
        report.tables.extend(_load_skill_hierarchy(files["broader"]))
        _analyze(
            report,
            [
                IscoGroup,
                CorOccupation,
                EscoOccupation,
                EscoOccupationLabel,
                SkillGroup,
                Skill,
                SkillLabel,
                OccupationSkill,
                Skill.broader_skills.through,
                Skill.broader_groups.through,
            ],
        )
    return report


def _load_isco_groups(rows: list[dict]) -> TableResult:
    current = dict(IscoGroup.objects.values_list("code", "preferred_labels"))
    by_level: dict[int, dict[tuple, dict]] = defaultdict(dict)
    parents: dict[str, str | None] = {}
    for row in rows:
        code, level = row["code"], int(row["level"])
        cor_name = romanian_letters(_label(row["corGroupName_ro"]))
        # ESCO's Romanian label exists for the unit groups only; the COR name covers levels 1-3.
        label_ro = romanian_letters(_label(row["preferredLabel_ro"])) or cor_name
        labels = _merged_labels(current.get(code), "en", _label(row["preferredLabel_en"]))
        labels = _merged_labels(labels, "ro", label_ro)
        by_level[level][(code,)] = {
            "uri": row["conceptUri"],
            "level": level,
            "cor_name": cor_name,
            "description": (row["description_en"] or "").strip(),
            "preferred_labels": labels,
        }
        parents[code] = row["parentCode"] or None
    results = []
    for level in sorted(by_level):
        codes = _pk_map(IscoGroup, "code")
        level_rows = by_level[level]
        for (code,), values in level_rows.items():
            parent = parents[code]
            if parent is not None and parent not in codes:
                raise ReferenceDataError(f"ISCO group {code}: unknown parent {parent}")
            values["parent_id"] = codes.get(parent) if parent is not None else None
        results.append(_sync(IscoGroup, level_rows, key=["code"], table="ISCO-08 groups"))
    return _grouped(results, "ISCO-08 groups")


def _load_cor_occupations(rows: list[dict]) -> TableResult:
    groups = _pk_map(IscoGroup, "code")
    desired = {}
    for row in rows:
        code = row["code"]
        name = romanian_letters(_label(row["name"]))
        unit_code = row.get("iscoUnitGroup") or code[:4]
        desired[(code,)] = {
            "name": name,
            "search_key": search_key(name),
            # Six COR unit groups are national additions: link those to their ISCO minor group.
            "isco_group_id": groups.get(unit_code) or groups.get(unit_code[:3]),
        }
    return _sync(CorOccupation, desired, key=["code"], table="COR occupations")


def _sync_concepts(
    model: type[models.Model],
    desired: dict[tuple, dict],
    label_model: type[models.Model],
    concept_field: str,
    labels_by_uri: dict[str, tuple[str, list[str]]],
    tables: tuple[str, str],
) -> list[TableResult]:
    """Sync the ESCO concepts of ``model`` keyed by URI, then their English labels (preferred and
    alternative, ``labels_by_uri``) in ``label_model``; ``tables`` names the two in the results."""
    concepts = _sync(model, desired, key=["uri"], table=tables[0])
    pks = _pk_map(model)
    labels = _sync_labels(
        label_model,
        concept_field,
        {pks[uri]: value for uri, value in labels_by_uri.items()},
        language=BASE_LANGUAGE,
        table=tables[1],
    )
    return [concepts, labels]


def _load_esco_occupations(rows: list[dict]) -> list[TableResult]:
    groups = _pk_map(IscoGroup, "code")
    current = dict(EscoOccupation.objects.values_list("uri", "preferred_labels"))
    desired = {}
    labels_by_uri = {}
    for row in rows:
        uri, group_code = row["conceptUri"], row["iscoGroup"]
        if group_code not in groups:
            raise ReferenceDataError(f"ESCO occupation {uri}: unknown ISCO group {group_code}")
        preferred = _label(row["preferredLabel"])
        desired[(uri,)] = {
            "code": row["code"],
            "isco_group_id": groups[group_code],
            "description": (row["description"] or "").strip(),
            "preferred_labels": _merged_labels(current.get(uri), BASE_LANGUAGE, preferred),
        }
        labels_by_uri[uri] = (preferred, _split_labels(row["altLabels"]))
    return _sync_concepts(
        EscoOccupation,
        desired,
        EscoOccupationLabel,
        "occupation",
        labels_by_uri,
        ("ESCO occupations", "ESCO occupation labels (en)"),
    )


def _load_skill_groups(rows: list[dict], broader_rows: list[dict]) -> TableResult:
    parents: dict[str, str | None] = {row["conceptUri"]: None for row in rows}
    for row in broader_rows:
        if row["conceptType"] == "SkillGroup":
            if row["conceptUri"] not in parents or row["broaderUri"] not in parents:
                raise ReferenceDataError(f"Skill group relation to an unknown group: {row}")
            if parents[row["conceptUri"]] not in (None, row["broaderUri"]):
                raise ReferenceDataError(f"Skill group {row['conceptUri']} has two parents")
            parents[row["conceptUri"]] = row["broaderUri"]
    depths = _depths(parents)
    current = dict(SkillGroup.objects.values_list("uri", "preferred_labels"))
    by_depth: dict[int, dict[tuple, dict]] = defaultdict(dict)
    for row in rows:
        uri = row["conceptUri"]
        by_depth[depths[uri]][(uri,)] = {
            "code": row["code"],
            "level": depths[uri],
            "description": (row["description"] or "").strip(),
            "preferred_labels": _merged_labels(
                current.get(uri), BASE_LANGUAGE, _label(row["preferredLabel"])
            ),
        }
    results = []
    for depth in sorted(by_depth):
        pks = _pk_map(SkillGroup)
        for (uri,), values in by_depth[depth].items():
            parent = parents[uri]
            values["parent_id"] = pks.get(parent) if parent else None
        results.append(_sync(SkillGroup, by_depth[depth], key=["uri"], table="ESCO skill groups"))
    return _grouped(results, "ESCO skill groups")


def _load_skills(rows: list[dict]) -> list[TableResult]:
    current = dict(Skill.objects.values_list("uri", "preferred_labels"))
    desired = {}
    labels_by_uri = {}
    for row in rows:
        uri = row["conceptUri"]
        preferred = _label(row["preferredLabel"])
        desired[(uri,)] = {
            "skill_type": row["skillType"],
            "reuse_level": row["reuseLevel"] or "",
            "collections": row["collections"] or "",
            "pillar_roots": row["pillarRoots"] or "",
            "description": (row["description"] or "").strip(),
            "search_text": (row["searchText"] or "").strip(),
            "label_source": row["preferredLabelSource"] or "",
            "skill_type_source": row["skillTypeSource"] or "",
            "preferred_labels": _merged_labels(current.get(uri), BASE_LANGUAGE, preferred),
        }
        labels_by_uri[uri] = (preferred, _split_labels(row["altLabels"]))
    return _sync_concepts(
        Skill,
        desired,
        SkillLabel,
        "skill",
        labels_by_uri,
        ("ESCO skills", "ESCO skill labels (en)"),
    )


def _load_occupation_skills(rows: list[dict]) -> TableResult:
    occupations, skills = _pk_map(EscoOccupation), _pk_map(Skill)
    relations = set(OccupationSkill.Relation.values)
    desired: dict[tuple, dict] = {}
    for row in rows:
        occupation = occupations.get(row["occupationUri"])
        skill = skills.get(row["skillUri"])
        if occupation is None or skill is None or row["relationType"] not in relations:
            raise ReferenceDataError(f"Occupation skill relation with an unknown end: {row}")
        desired[(occupation, skill, row["relationType"])] = {}
    return _sync(
        OccupationSkill,
        desired,
        key=["occupation_id", "skill_id", "relation_type"],
        table="ESCO occupation skills",
        delete_missing=_always,
    )


def _load_skill_hierarchy(rows: list[dict]) -> list[TableResult]:
    skills, groups = _pk_map(Skill), _pk_map(SkillGroup)
    to_skill: dict[tuple, dict] = {}
    to_group: dict[tuple, dict] = {}
    for row in rows:
        if row["conceptType"] != "KnowledgeSkillCompetence":
            continue
        narrower = skills.get(row["conceptUri"])
        if row["broaderType"] == "SkillGroup":
            broader, target = groups.get(row["broaderUri"]), to_group
        else:
            broader, target = skills.get(row["broaderUri"]), to_skill
        if narrower is None or broader is None:
            raise ReferenceDataError(f"Broader relation with an unknown end: {row}")
        target[(narrower, broader)] = {}
    return [
        _sync(
            Skill.broader_skills.through,
            to_skill,
            key=["from_skill_id", "to_skill_id"],
            table="ESCO skill → broader skill",
            delete_missing=_always,
        ),
        _sync(
            Skill.broader_groups.through,
            to_group,
            key=["skill_id", "skillgroup_id"],
            table="ESCO skill → broader group",
            delete_missing=_always,
        ),
    ]


# --- ESCO label packages in another language -----------------------------------------------------


def esco_labels_load(*, esco_dir: Path, language: str) -> LoadReport:
    """Loads the labels of an official ESCO CSV package in `language` (e.g. "ro").

    Reads occupations_<language>.csv, skills_<language>.csv and skillGroups_<language>.csv (any
    of them; .csv.xz and .csv.gz too) from `esco_dir`, as published at
    https://esco.ec.europa.eu/en/use-esco/download: conceptUri, preferredLabel and altLabels (one
    label per line). Concepts must already be loaded; rows for unknown URIs are counted as
    skipped. English labels come from the shipped data set and are refused here.
    """
    language = (language or "").strip().lower()
    if not _LANGUAGE_CODE.match(language):
        raise ReferenceDataError(f"Not a language code: {language!r}")
    if language == BASE_LANGUAGE:
        raise ReferenceDataError(
            "English labels come from the shipped data set; load another one with --data-dir."
        )
    esco_dir = Path(esco_dir)
    files = {
        "occupations": _read_csv(esco_dir, f"occupations_{language}", required=False),
        "skills": _read_csv(esco_dir, f"skills_{language}", required=False),
        "skill_groups": _read_csv(esco_dir, f"skillGroups_{language}", required=False),
    }
    if not any(rows is not None for rows in files.values()):
        raise ReferenceDataError(
            f"None of occupations_{language}.csv, skills_{language}.csv or "
            f"skillGroups_{language}.csv is in {esco_dir}"
        )
    report = LoadReport()
    with transaction.atomic():
        _lift_statement_timeout()
        if files["occupations"] is not None:
            report.tables.extend(
                _load_language_labels(
                    EscoOccupation,
                    EscoOccupationLabel,
                    "occupation",
                    files["occupations"],
                    language=language,
                    table="ESCO occupations",
                )
            )
        if files["skills"] is not None:
            report.tables.extend(
                _load_language_labels(
                    Skill,
                    SkillLabel,
                    "skill",
                    files["skills"],
                    language=language,
                    table="ESCO skills",
                )
            )
        if files["skill_groups"] is not None:
            report.tables.extend(
                _load_language_labels(
                    SkillGroup,
                    None,
                    None,
                    files["skill_groups"],
                    language=language,
                    table="ESCO skill groups",
                )
            )
        _analyze(report, [EscoOccupation, EscoOccupationLabel, Skill, SkillLabel, SkillGroup])
    return report


def _load_language_labels(
    concept_model: type[models.Model],
    label_model: type[models.Model] | None,
    concept_field: str | None,
    rows: list[dict],
    *,
    language: str,
    table: str,
) -> list[TableResult]:
    current = {
        uri: (pk, labels)
        for uri, pk, labels in concept_model._default_manager.values_list(
            "uri", "pk", "preferred_labels"
        )
    }
    concepts, labels, skipped = {}, {}, 0
    for row in rows:
        uri = row.get("conceptUri")
        if uri not in current:
            skipped += 1
            continue
        pk, preferred_labels = current[uri]
        preferred = _label(row.get("preferredLabel"))
        concepts[(uri,)] = {
            "preferred_labels": _merged_labels(preferred_labels, language, preferred)
        }
        labels[pk] = (preferred, _split_labels(row.get("altLabels")))
    result = _sync(concept_model, concepts, key=["uri"], table=f"{table} ({language})")
    result.skipped = skipped
    results = [result]
    if label_model is not None and concept_field is not None:
        results.append(
            _sync_labels(
                label_model,
                concept_field,
                labels,
                language=language,
                table=f"{table}: labels ({language})",
            )
        )
    return results
