"""The matching index: candidate generation from in-memory inverted lists, then exact re-ranking.

Why: at national scale (275,000 people × ~12 skills) one SQL ``GROUP BY`` over the person–skill
table takes about 170 ms per vacancy, and scoring every person in Python far longer. Each process
(web worker, Celery worker, benchmark) therefore keeps a snapshot of the matching data in numpy
arrays:

* people who may be matched (account active, consent to share their profile) with compact columns
  of everything the scorer reads (skills and levels in CSR form, experience, education, languages,
  licences, place, wishes), the profiling level of casework's case file (for the filter), and
  inverted lists skill → rows and ISCO unit group → rows;
* open vacancies (submitted or published, posts left, still valid) likewise, with skill → rows.

A query runs in two stages. Stage 1 adds, for each of the vacancy's skills, its specificity weight
to every person on that skill's list (related skills add a smaller share, the skills the vacancy's
ESCO occupation implies but the vacancy did not list a smaller one, experience in the same ISCO
unit group a bonus; wishes add nothing: they only break ties in stage 2), filters by county or
agency with one vectorised mask, and keeps the best ``RERANK`` rows. For a person, stage 1 adds
the vacancy's listed skills the person holds, experience in the vacancy's unit group, and the fit
of the person's skills with the vacancy's occupation (the person's best inferred occupations).
Skills held by more than ``PRUNE_SHARE`` of everyone ("use a computer") are skipped in stage 1:
their lists are the longest and their weight the smallest; implied skills above
``IMPLIED_PRUNE_SHARE`` likewise (stage 2 still credits them to everyone retrieved).
Stage 2 scores those rows exactly with ``mediation.scoring`` and returns the best.

Freshness: every change to the data indexed bumps ``IndexVersion`` after commit (see signals.py).
A query reads the version (one query) and, when it moved, the process rebuilds its snapshot: inline
while the data is small, in a background thread above ``SYNC_REBUILD_LIMIT`` people (the old
snapshot keeps answering meanwhile, so a page may miss a person registered seconds ago). The pages
re-score the candidates they show from fresh database rows, so scores and explanations shown are
never stale, and the proposal services re-check every hard filter. ``refresh_matching_index`` (a
Celery beat task) rebuilds the worker's copy periodically.
"""

import datetime
import logging
import threading
import time

import numpy as np
from django.db import connection
from django.db.models import F
from django.utils import timezone

from employers.models import VacancyLanguage, VacancySkill
from jobseekers.models import (
    AccountState,
    DrivingLicenceCategory,
    Education,
    Experience,
    JobseekerProfile,
    LanguageSkill,
    SkillAssessment,
    VulnerabilityDeclaration,
    VulnerableGroup,
)
from puls.reference.choices import DrivingLicence, EmployabilityLevel
from puls.reference.models import County, EscoOccupation

from . import facts as facts_module
from .models import IndexVersion
from .scoring import (
    DEFAULT_WEIGHTS,
    LEVEL_FACTOR,
    MOTHER_TONGUE_RANK,
    PROFILE_SATURATION,
    PersonFacts,
    VacancyFacts,
    saturate,
    score,
)

logger = logging.getLogger(__name__)

RERANK = 300
RERANK_FLOOR = 100  # re-rank at least this many rows (when there are)...
WEAK_SHARE = 0.1  # ...and beyond them none whose stage-1 score is under this share of the best
PRUNE_SHARE = 0.08
RELATED_STAGE1 = 0.4
OPTIONAL_STAGE1 = 0.3
OCCUPATION_STAGE1 = 0.3
IMPLIED_STAGE1 = 0.3
IMPLIED_PRUNE_SHARE = 0.02  # implied skills are weaker evidence: only the rarer ones retrieve
INFERRED_STAGE1 = 0.5
INFERRED_OCCUPATIONS = 8
SYNC_REBUILD_LIMIT = 50_000
FETCH_CHUNK = 100_000

LICENCE_BITS = {code: 1 << position for position, code in enumerate(DrivingLicence.values)}
VULNERABLE_BITS = {code: 1 << position for position, code in enumerate(VulnerableGroup.values)}
SCHEDULES = ["any", "full_time", "part_time", "shifts"]
STATUSES = ["unemployed", "employed", "inactive", "graduate"]
EMPTY: frozenset = frozenset()
LEVELS = list(EmployabilityLevel.values)  # int8 code = position; -1 when not profiled


class Interner:
    """Maps strings to small integers and back."""

    def __init__(self):
        self.index = {}
        self.values = []

    def __call__(self, value):
        position = self.index.get(value)
        if position is None:
            position = self.index[value] = len(self.values)
            self.values.append(value)
        return position


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _fetch(sql, params=(), *, dtypes):
    """Rows of ``sql`` as one numpy array per column (``dtypes``: one per column, ``object`` for
    strings, dates and decimals), read in chunks so that a few million rows stay small."""
    chunks = [[] for _ in dtypes]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while True:
            rows = cursor.fetchmany(FETCH_CHUNK)
            if not rows:
                break
            for column, dtype in enumerate(dtypes):
                if dtype is object:
                    values = np.empty(len(rows), dtype=object)
                    values[:] = [row[column] for row in rows]
                else:
                    values = np.fromiter(
                        (row[column] for row in rows), dtype=dtype, count=len(rows)
                    )
                chunks[column].append(values)
    return [
        np.concatenate(parts) if parts else np.empty(0, dtype=dtype)
        for parts, dtype in zip(chunks, dtypes, strict=True)
    ]


def _csr(rows, size, *columns):
    """Group entry columns by row: (ptr, columns sorted by row)."""
    order = np.argsort(rows, kind="stable")
    counts = np.bincount(rows, minlength=size) if len(rows) else np.zeros(size, dtype=np.int64)
    pointer = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(counts, out=pointer[1:])
    return pointer, [column[order] for column in columns]


def _postings(keys, rows, *extra):
    """Inverted lists: key → rows holding it (and the matching slices of ``extra``)."""
    if not len(keys):
        return {}
    order = np.argsort(keys, kind="stable")
    keys, rows = keys[order], rows[order]
    extra = [column[order] for column in extra]
    unique, starts = np.unique(keys, return_index=True)
    ends = np.append(starts[1:], len(keys))
    result = {}
    for key, start, end in zip(unique.tolist(), starts.tolist(), ends.tolist(), strict=True):
        if extra:
            result[key] = (rows[start:end], *[column[start:end] for column in extra])
        else:
            result[key] = rows[start:end]
    return result


def _rows_of(ids, sorted_ids):
    """Positions of ``ids`` in ``sorted_ids`` and which of them were found."""
    ids = ids.astype(np.int64)
    positions = np.searchsorted(sorted_ids, ids)
    positions = np.minimum(positions, max(len(sorted_ids) - 1, 0))
    found = (sorted_ids[positions] == ids) if len(sorted_ids) else np.zeros(len(ids), bool)
    return positions, found


class PeopleIndex:
    """The people who may be matched, in columns."""

    def __init__(self, *, today, occupation_isco):
        self.today = today
        self.counties = Interner()
        self.localities = Interner()
        self.isco = Interner()
        self.languages = Interner()
        profile_table = _table(JobseekerProfile)
        agency_table = connection.ops.quote_name("reference_agency")
        # Casework sits above mediation, so its case file is reached through the profile's
        # reverse relation (as the selectors' ``case_file__level`` filter is), not imported.
        case_table = _table(JobseekerProfile._meta.get_field("case_file").related_model)
        rows = _fetch(
            f"SELECT p.id, p.county_id, a.county_id, p.locality, p.willing_to_commute, "
            f"p.willing_to_relocate, p.minimum_pay, p.schedule, p.status, c.level "
            f"FROM {profile_table} p JOIN {agency_table} a ON a.id = p.agency_id "
            f"LEFT JOIN {case_table} c ON c.profile_id = p.id "
            f"WHERE p.account_state = %s AND p.share_with_employers = %s ORDER BY p.id",
            [AccountState.ACTIVE, True],
            dtypes=[np.int64, object, object, object, bool, bool, object, object, object, object],
        )
        (ids, county, agency_county, locality, commute, relocate, pay, schedule, status, level) = (
            rows
        )
        self.ids = ids.astype(np.int64)
        size = self.size = len(self.ids)
        self.county = np.array([self.counties(code) for code in county], dtype=np.int16)
        self.agency_county = np.array(
            [self.counties(code) for code in agency_county], dtype=np.int16
        )
        self.locality = np.array(
            [self.localities(facts_module.locality_key(name)) for name in locality], dtype=np.int32
        )
        self.commute = commute.astype(bool)
        self.relocate = relocate.astype(bool)
        self.minimum_pay = np.array(
            [float(value) if value is not None else np.nan for value in pay], dtype=np.float32
        )
        self.schedule = np.array([SCHEDULES.index(value) for value in schedule], dtype=np.int8)
        self.status = np.array(
            [STATUSES.index(value) if value in STATUSES else 0 for value in status], dtype=np.int8
        )
        self.level = np.array(
            [LEVELS.index(value) if value in LEVELS else -1 for value in level], dtype=np.int8
        )

        profile_ids, skill_ids, levels = _fetch(
            f"SELECT profile_id, skill_id, level FROM {_table(SkillAssessment)}",
            dtypes=[np.int64, np.int32, np.int8],
        )
        positions, found = _rows_of(profile_ids, self.ids)
        entry_rows = positions[found]
        skill_ids = skill_ids[found].astype(np.int32)
        self.skill_ptr, (self.skill_ids, self.skill_levels) = _csr(
            entry_rows, size, skill_ids, levels[found].astype(np.int8)
        )
        self.skill_postings = _postings(skill_ids, entry_rows.astype(np.int32))

        profile_ids, occupation_ids, starts, ends = _fetch(
            f"SELECT profile_id, occupation_id, start_date, end_date FROM {_table(Experience)}",
            dtypes=[np.int64, np.int32, object, object],
        )
        positions, found = _rows_of(profile_ids, self.ids)
        entry_rows = positions[found]
        occupation_ids = occupation_ids[found].astype(np.int32)
        isco = np.array(
            [
                self.isco(occupation_isco.get(occupation, ""))
                for occupation in occupation_ids.tolist()
            ],
            dtype=np.int16,
        )
        years = np.array(
            [
                facts_module.years_between(_date(start), _date(end), today)
                for start, end in zip(starts[found], ends[found], strict=True)
            ],
            dtype=np.float32,
        )
        current = np.array(
            [facts_module.is_current(_date(end), today) for end in ends[found]], dtype=bool
        )
        (
            self.experience_ptr,
            (
                self.experience_occupation,
                self.experience_isco,
                self.experience_years,
                self.experience_current,
            ),
        ) = _csr(entry_rows, size, occupation_ids, isco, years, current)
        occupation_rows = [entry_rows]
        occupation_keys = [isco]

        self.education = np.zeros(size, dtype=np.int8)
        profile_ids, levels = _fetch(
            f"SELECT profile_id, level FROM {_table(Education)}", dtypes=[np.int64, object]
        )
        positions, found = _rows_of(profile_ids, self.ids)
        ranks = np.array(
            [facts_module.EDUCATION_RANK.get(level, 0) for level in levels[found]], dtype=np.int8
        )
        np.maximum.at(self.education, positions[found], ranks)

        profile_ids, languages, levels, mother = _fetch(
            f"SELECT profile_id, language, level, mother_tongue FROM {_table(LanguageSkill)}",
            dtypes=[np.int64, object, object, bool],
        )
        positions, found = _rows_of(profile_ids, self.ids)
        codes = np.array([self.languages(code) for code in languages[found]], dtype=np.int16)
        ranks = np.array(
            [
                MOTHER_TONGUE_RANK if is_mother else facts_module.CEFR_RANK[level]
                for level, is_mother in zip(levels[found], mother[found], strict=True)
            ],
            dtype=np.int8,
        )
        self.language_ptr, (self.language_codes, self.language_ranks) = _csr(
            positions[found], size, codes, ranks
        )

        self.licences = np.zeros(size, dtype=np.int32)
        profile_ids, categories = _fetch(
            f"SELECT profile_id, category FROM {_table(DrivingLicenceCategory)}",
            dtypes=[np.int64, object],
        )
        positions, found = _rows_of(profile_ids, self.ids)
        bits = np.array([LICENCE_BITS.get(code, 0) for code in categories[found]], dtype=np.int32)
        np.bitwise_or.at(self.licences, positions[found], bits)

        self.vulnerable = np.zeros(size, dtype=np.int32)
        profile_ids, groups = _fetch(
            f"SELECT profile_id, {connection.ops.quote_name('group')} "
            f"FROM {_table(VulnerabilityDeclaration)}",
            dtypes=[np.int64, object],
        )
        positions, found = _rows_of(profile_ids, self.ids)
        bits = np.array([VULNERABLE_BITS.get(code, 0) for code in groups[found]], dtype=np.int32)
        np.bitwise_or.at(self.vulnerable, positions[found], bits)

        wished_table = _table(JobseekerProfile.wished_occupations.through)
        profile_ids, occupation_ids = _fetch(
            f"SELECT jobseekerprofile_id, escooccupation_id FROM {wished_table}",
            dtypes=[np.int64, np.int32],
        )
        positions, found = _rows_of(profile_ids, self.ids)
        occupation_ids = occupation_ids[found].astype(np.int32)
        isco = np.array(
            [
                self.isco(occupation_isco.get(occupation, ""))
                for occupation in occupation_ids.tolist()
            ],
            dtype=np.int16,
        )
        self.wished_ptr, (self.wished_occupation, self.wished_isco) = _csr(
            positions[found], size, occupation_ids, isco
        )

        counties_table = _table(JobseekerProfile.wished_counties.through)
        profile_ids, county_ids = _fetch(
            f"SELECT jobseekerprofile_id, county_id FROM {counties_table}",
            dtypes=[np.int64, object],
        )
        positions, found = _rows_of(profile_ids, self.ids)
        codes = np.array([self.counties(code) for code in county_ids[found]], dtype=np.int16)
        self.wished_county_ptr, (self.wished_counties,) = _csr(positions[found], size, codes)

        self.occupation_postings = {
            key: np.unique(rows)
            for key, rows in _postings(
                np.concatenate(occupation_keys).astype(np.int64),
                np.concatenate(occupation_rows).astype(np.int32),
            ).items()
        }
        self.prune_limit = max(50, int(PRUNE_SHARE * size))
        self.implied_prune_limit = max(20, int(IMPLIED_PRUNE_SHARE * size))
        self._licence_sets = {}

    def row_of(self, profile_id):
        position = int(np.searchsorted(self.ids, profile_id))
        if position < self.size and self.ids[position] == profile_id:
            return position
        return None

    def licence_set(self, mask):
        found = self._licence_sets.get(mask)
        if found is None:
            found = self._licence_sets[mask] = frozenset(
                code for code, bit in LICENCE_BITS.items() if mask & bit
            )
        return found

    def facts(self, row):
        """PersonFacts of one row of the snapshot."""
        a, b = self.skill_ptr[row], self.skill_ptr[row + 1]
        skills = dict(
            zip(self.skill_ids[a:b].tolist(), self.skill_levels[a:b].tolist(), strict=True)
        )
        isco_values = self.isco.values
        a, b = self.experience_ptr[row], self.experience_ptr[row + 1]
        if a == b:
            isco_years = {}
            occupations = current_occupations = current_isco = EMPTY
        else:
            isco_years = {}
            occupation_list = []
            current_list = []
            current_codes = []
            for occupation, code, years, current in zip(
                self.experience_occupation[a:b].tolist(),
                self.experience_isco[a:b].tolist(),
                self.experience_years[a:b].tolist(),
                self.experience_current[a:b].tolist(),
                strict=True,
            ):
                key = isco_values[code]
                isco_years[key] = isco_years.get(key, 0.0) + years
                occupation_list.append(occupation)
                if current:
                    current_list.append(occupation)
                    current_codes.append(key)
            occupations = frozenset(occupation_list)
            current_occupations = frozenset(current_list)
            current_isco = frozenset(current_codes)
        a, b = self.wished_ptr[row], self.wished_ptr[row + 1]
        if a == b:
            wished = wished_isco = EMPTY
        else:
            wished = frozenset(self.wished_occupation[a:b].tolist())
            wished_isco = frozenset(isco_values[code] for code in self.wished_isco[a:b].tolist())
        a, b = self.language_ptr[row], self.language_ptr[row + 1]
        language_values = self.languages.values
        languages = {
            language_values[code]: rank
            for code, rank in zip(
                self.language_codes[a:b].tolist(), self.language_ranks[a:b].tolist(), strict=True
            )
        }
        a, b = self.wished_county_ptr[row], self.wished_county_ptr[row + 1]
        county_values = self.counties.values
        wished_counties = (
            EMPTY
            if a == b
            else frozenset(county_values[code] for code in self.wished_counties[a:b].tolist())
        )
        pay = float(self.minimum_pay[row])
        return PersonFacts(
            id=int(self.ids[row]),
            skills=skills,
            occupations=occupations,
            isco_years=isco_years,
            wished_occupations=wished,
            wished_isco=wished_isco,
            education_rank=int(self.education[row]),
            languages=languages,
            licences=self.licence_set(int(self.licences[row])),
            county=county_values[self.county[row]],
            locality=self.localities.values[self.locality[row]],
            wished_counties=wished_counties,
            willing_to_commute=bool(self.commute[row]),
            willing_to_relocate=bool(self.relocate[row]),
            minimum_pay=None if pay != pay else pay,
            schedule=SCHEDULES[self.schedule[row]],
            status=STATUSES[self.status[row]],
            current_occupations=current_occupations,
            current_isco=current_isco,
        )


def _date(value):
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


class VacancyIndex:
    """The open vacancies, in columns."""

    def __init__(self, *, context, counties):
        self.counties = counties
        self.localities = Interner()
        self.isco = Interner()
        records = list(
            facts_module.open_vacancies()
            .order_by("pk")
            .values_list(*facts_module.VACANCY_COLUMNS, "status", "company__county_id")
        )
        size = self.size = len(records)
        self.ids = np.array([record[0] for record in records], dtype=np.int64)
        self.esco = np.array([record[1] or -1 for record in records], dtype=np.int32)
        self.isco_code = np.array(
            [self.isco(record[2] or (record[3] or "")[:4]) for record in records], dtype=np.int16
        )
        self.education = np.array(
            [facts_module.EDUCATION_RANK.get(record[4], 0) for record in records], dtype=np.int8
        )
        self.experience = np.array([record[5] or 0 for record in records], dtype=np.int16)
        self.licences = [frozenset(record[6] or ()) for record in records]
        self.county = np.array([counties(record[7]) for record in records], dtype=np.int16)
        self.locality = np.array(
            [self.localities(facts_module.locality_key(record[8])) for record in records],
            dtype=np.int32,
        )
        self.pay_max = np.array([float(record[9]) for record in records], dtype=np.float32)
        self.schedule = [record[10] for record in records]
        self.published = np.array([record[11] == "published" for record in records], dtype=bool)
        self.agency_county = np.array([counties(record[12]) for record in records], dtype=np.int16)

        vacancy_ids, skill_ids, essential = _fetch(
            f"SELECT vacancy_id, skill_id, essential FROM {_table(VacancySkill)}",
            dtypes=[np.int64, np.int32, bool],
        )
        positions, found = _rows_of(vacancy_ids, self.ids)
        entry_rows = positions[found]
        skill_ids = skill_ids[found].astype(np.int32)
        essential = essential[found].astype(bool)
        self.skill_ptr, (self.skill_ids, self.skill_essential) = _csr(
            entry_rows, size, skill_ids, essential
        )
        stage_weight = np.array(
            [context.weight(skill) for skill in skill_ids.tolist()], dtype=np.float32
        ) * np.where(essential, 1.0, OPTIONAL_STAGE1)
        self.total_weight = np.zeros(size, dtype=np.float32)
        np.add.at(self.total_weight, entry_rows, stage_weight)
        self.skill_postings = _postings(
            skill_ids,
            entry_rows.astype(np.int32),
            np.where(essential, 1.0, OPTIONAL_STAGE1).astype(np.float32),
        )
        self.occupation_postings = _postings(
            self.isco_code.astype(np.int64), np.arange(size, dtype=np.int32)
        )
        self.esco_postings = _postings(self.esco.astype(np.int64), np.arange(size, dtype=np.int32))

        vacancy_ids, languages, levels = _fetch(
            f"SELECT vacancy_id, language, level FROM {_table(VacancyLanguage)}",
            dtypes=[np.int64, object, object],
        )
        positions, found = _rows_of(vacancy_ids, self.ids)
        self.languages = [dict() for _ in range(size)]
        for row, language, level in zip(
            positions[found].tolist(), languages[found], levels[found], strict=True
        ):
            self.languages[row][language] = facts_module.CEFR_RANK[level]

    def row_of(self, vacancy_id):
        position = int(np.searchsorted(self.ids, vacancy_id))
        if position < self.size and self.ids[position] == vacancy_id:
            return position
        return None

    def facts(self, row):
        a, b = self.skill_ptr[row], self.skill_ptr[row + 1]
        skills = self.skill_ids[a:b].tolist()
        flags = self.skill_essential[a:b].tolist()
        esco = int(self.esco[row])
        return VacancyFacts(
            id=int(self.ids[row]),
            essential=tuple(skill for skill, flag in zip(skills, flags, strict=True) if flag),
            optional=tuple(skill for skill, flag in zip(skills, flags, strict=True) if not flag),
            esco_occupation=None if esco < 0 else esco,
            isco_code=self.isco.values[self.isco_code[row]],
            education_rank=int(self.education[row]),
            experience_years=int(self.experience[row]),
            languages=self.languages[row],
            licences=self.licences[row],
            county=self.counties.values[self.county[row]],
            locality=self.localities.values[self.locality[row]],
            pay_max=float(self.pay_max[row]),
            schedule=self.schedule[row],
        )


class MatchingIndex:
    """A snapshot of people and open vacancies, with the skill context, at one version."""

    def __init__(self, *, version=None):
        started = time.monotonic()
        self.version = current_version() if version is None else version
        self.today = timezone.localdate()
        self.context = facts_module.build_context()
        occupation_isco = dict(EscoOccupation.objects.values_list("pk", "isco_group__code"))
        self.people = PeopleIndex(today=self.today, occupation_isco=occupation_isco)
        self.vacancies = VacancyIndex(context=self.context, counties=self.people.counties)
        for code in County.objects.values_list("pk", flat=True):
            self.people.counties(code)
        self._occupation_arrays()
        self.built_at = timezone.now()
        self.build_seconds = time.monotonic() - started

    def _occupation_arrays(self):
        """For inferring a person's occupations in stage 1: the occupations that have open
        vacancies, and for each skill the positions of those whose profile lists it with the
        skill's share of the profile's weight."""
        profiles, totals = self.context.profiles, self.context.profile_totals
        self.occupation_ids = np.array(
            sorted(key for key in self.vacancies.esco_postings if key in profiles), dtype=np.int64
        )
        entries = {}
        for position, occupation in enumerate(self.occupation_ids.tolist()):
            total = totals[occupation] or 1.0
            for skill_id, weight in profiles[occupation].items():
                entries.setdefault(skill_id, ([], []))
                entries[skill_id][0].append(position)
                entries[skill_id][1].append(weight / total)
        self.skill_occupations = {
            skill_id: (np.array(positions, dtype=np.int32), np.array(shares, dtype=np.float32))
            for skill_id, (positions, shares) in entries.items()
        }

    def inferred_occupations(self, person, *, limit=INFERRED_OCCUPATIONS):
        """The occupations with open vacancies that the person's skills fit best (the
        profile-coverage part of ``scoring.inferred_fit``): [(occupation id, fit)]."""
        positions, shares = [], []
        for skill_id, level in person.skills.items():
            entry = self.skill_occupations.get(skill_id)
            if entry is not None:
                positions.append(entry[0])
                shares.append(entry[1] * LEVEL_FACTOR.get(level, 1.0))
        if not positions:
            return []
        coverage = np.bincount(
            np.concatenate(positions),
            weights=np.concatenate(shares),
            minlength=len(self.occupation_ids),
        )
        if len(coverage) > limit:
            best = np.argpartition(-coverage, limit - 1)[:limit]
        else:
            best = np.arange(len(coverage))
        return [
            (int(self.occupation_ids[position]), saturate(min(1.0, value), PROFILE_SATURATION))
            for position, value in zip(best.tolist(), coverage[best].tolist(), strict=True)
            if value > 0
        ]

    # --- vacancy → people ---------------------------------------------------------------------

    def candidate_rows(
        self,
        vacancy,
        *,
        county=None,
        agency_county=None,
        vulnerable=None,
        level=None,
        rerank=RERANK,
    ):
        """Stage 1: the ``rerank`` most promising rows of people for ``vacancy``."""
        people = self.people
        scores = np.zeros(people.size, dtype=np.float32)
        weight = self.context.weight
        essential_total = 0.0
        for skill_id in vacancy.essential:
            skill_weight = weight(skill_id)
            essential_total += skill_weight
            rows = people.skill_postings.get(skill_id)
            if rows is not None and len(rows) <= people.prune_limit:
                scores[rows] += skill_weight
            for related in self.context.related.get(skill_id, ()):
                rows = people.skill_postings.get(related)
                if rows is not None and len(rows) <= people.prune_limit:
                    scores[rows] += RELATED_STAGE1 * skill_weight
        for skill_id in vacancy.optional:
            rows = people.skill_postings.get(skill_id)
            if rows is not None and len(rows) <= people.prune_limit:
                scores[rows] += OPTIONAL_STAGE1 * weight(skill_id)
        # Skills the vacancy's occupation implies but the vacancy did not list: weaker.
        profile = self.context.profiles.get(vacancy.esco_occupation)
        if profile:
            listed = set(vacancy.essential) | set(vacancy.optional)
            for skill_id, profile_weight in profile.items():
                if skill_id in listed:
                    continue
                rows = people.skill_postings.get(skill_id)
                if rows is not None and len(rows) <= people.implied_prune_limit:
                    scores[rows] += IMPLIED_STAGE1 * profile_weight
        code = people.isco.index.get(vacancy.isco_code)
        if code is not None and code in people.occupation_postings:
            scores[people.occupation_postings[code]] += OCCUPATION_STAGE1 * max(
                essential_total, 1.0
            )
        candidates = self._people_filter(
            np.flatnonzero(scores),
            county=county,
            agency_county=agency_county,
            vulnerable=vulnerable,
            level=level,
        )
        if len(candidates) > rerank:
            best = np.argpartition(-scores[candidates], rerank - 1)[:rerank]
            candidates = self._without_weak(candidates[best], scores)
        elif len(candidates) > RERANK_FLOOR:
            candidates = self._without_weak(candidates, scores)
        elif len(candidates) < rerank and (county or agency_county or vulnerable or level):
            # A small scope with few competence matches: let the exact score rank the rest of
            # it too (place, wishes, education…), so a small agency's list is never empty.
            others = self._people_filter(
                np.flatnonzero(scores == 0),
                county=county,
                agency_county=agency_county,
                vulnerable=vulnerable,
                level=level,
            )
            candidates = np.concatenate([candidates, others[: rerank - len(candidates)]])
        return candidates

    @staticmethod
    def _without_weak(candidates, scores):
        """Beyond the best RERANK_FLOOR rows, none whose stage-1 score is under WEAK_SHARE of
        the best: one implied or related skill cannot reach the top."""
        values = scores[candidates]
        strong = values >= WEAK_SHARE * values.max()
        if strong.sum() >= RERANK_FLOOR:
            return candidates[strong]
        return candidates[np.argsort(-values, kind="stable")[:RERANK_FLOOR]]

    def _people_filter(self, rows, *, county, agency_county, vulnerable, level=None):
        people = self.people
        if county is not None:
            rows = rows[people.county[rows] == people.counties.index.get(county, -1)]
        if agency_county is not None:
            rows = rows[people.agency_county[rows] == people.counties.index.get(agency_county, -1)]
        if vulnerable:
            rows = rows[(people.vulnerable[rows] & VULNERABLE_BITS.get(vulnerable, 0)) != 0]
        if level:
            wanted = LEVELS.index(level) if level in LEVELS else -2  # unknown: nobody
            rows = rows[people.level[rows] == wanted]
        return rows

    def top_candidates(self, vacancy, *, limit=50, weights=None, **filters):
        """The best ``limit`` (profile id, Match) for ``vacancy`` (VacancyFacts)."""
        weights = weights or DEFAULT_WEIGHTS
        people = (self.people.facts(row) for row in self.candidate_rows(vacancy, **filters))
        scored = ((person.id, score(person, vacancy, self.context, weights)) for person in people)
        return _best(scored, limit)

    # --- person → vacancies -------------------------------------------------------------------

    def vacancy_rows(self, person, *, county=None, agency_county=None, rerank=RERANK):
        """Stage 1: the most promising rows of open vacancies for ``person`` (PersonFacts).
        Published vacancies are all candidates; submitted ones only of ``agency_county``."""
        vacancies = self.vacancies
        scores = np.zeros(vacancies.size, dtype=np.float32)
        weight = self.context.weight
        for skill_id in person.skills:
            posting = vacancies.skill_postings.get(skill_id)
            if posting is not None:
                rows, flags = posting
                scores[rows] += weight(skill_id) * flags
        np.divide(scores, vacancies.total_weight, out=scores, where=vacancies.total_weight > 0)
        codes = {vacancies.isco.index.get(code) for code in person.isco_years}
        for code in codes - {None}:
            rows = vacancies.occupation_postings.get(code)
            if rows is not None:
                scores[rows] += OCCUPATION_STAGE1
        # The occupations the person's skills fit best, whatever they declared.
        for occupation, fit in self.inferred_occupations(person):
            rows = vacancies.esco_postings.get(occupation)
            if rows is not None:
                scores[rows] += INFERRED_STAGE1 * fit
        candidates = np.flatnonzero(scores)
        visible = vacancies.published[candidates]
        if agency_county is not None:
            wanted = vacancies.counties.index.get(agency_county, -1)
            visible |= vacancies.agency_county[candidates] == wanted
        candidates = candidates[visible]
        if county is not None:
            wanted = vacancies.counties.index.get(county, -1)
            candidates = candidates[vacancies.county[candidates] == wanted]
        if len(candidates) > rerank:
            best = np.argpartition(-scores[candidates], rerank - 1)[:rerank]
            candidates = candidates[best]
        return candidates

    def top_vacancies(self, person, *, limit=50, weights=None, **filters):
        """The best ``limit`` (vacancy id, Match) for ``person`` (PersonFacts)."""
        weights = weights or DEFAULT_WEIGHTS
        vacancies = (self.vacancies.facts(row) for row in self.vacancy_rows(person, **filters))
        scored = (
            (vacancy.id, score(person, vacancy, self.context, weights)) for vacancy in vacancies
        )
        return _best(scored, limit)


def _best(scored, limit):
    """The ``limit`` best of the (id, Match) pairs ``scored``: highest score first, then lowest id,
    so that equal scores always come in one order."""
    return sorted(scored, key=lambda item: (-item[1].score, item[0]))[:limit]


# --- The process's snapshot -----------------------------------------------------------------------

_lock = threading.Lock()
_current = None
_building = False


def current_version():
    return IndexVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def version_bump():
    """Record that indexed data changed (called after commit, see signals.py)."""
    updated = IndexVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not updated:
        IndexVersion.objects.get_or_create(pk=1, defaults={"version": 1})


def _build_in_background(version):
    global _current, _building
    from django.db import close_old_connections

    try:
        fresh = MatchingIndex(version=version)
        _current = fresh
        logger.info("Matching index v%s rebuilt in %.1f s", version, fresh.build_seconds)
    except Exception:  # a failed rebuild keeps the old snapshot answering
        logger.exception("Matching index rebuild failed")
    finally:
        _building = False
        close_old_connections()


def get_index(*, force=False):
    """This process's snapshot, rebuilt when the data version moved (one query to check)."""
    global _current, _building
    version = current_version()
    snapshot = _current
    if snapshot is not None and snapshot.version == version and not force:
        if snapshot.today == timezone.localdate():
            return snapshot
    with _lock:
        snapshot = _current
        if snapshot is not None and snapshot.people.size > SYNC_REBUILD_LIMIT and not force:
            if not _building:
                _building = True
                threading.Thread(target=_build_in_background, args=(version,), daemon=True).start()
            return snapshot
        _current = MatchingIndex(version=version)
        return _current


def readiness():
    """The readiness probe's view of this process's snapshot, never building one (a build takes
    seconds to a quarter of a minute, longer than a probe waits):

    - "ok": built at the current data version, today;
    - "stale": built, but the data changed since (or the day turned): it still answers, and the
      next query (or the background rebuild, "building") refreshes it;
    - "not built": nothing built in this process yet; the first matching query builds it.

    None of these makes the process unready: every page but the matching lists works without the
    index, and a process that refused traffic until it had one would never get the query that
    builds it. The version is one query; with the database down it fails, as the database check.
    """
    snapshot = _current
    if snapshot is None:
        return "not built"
    if _building:
        return "building"
    if snapshot.version != current_version() or snapshot.today != timezone.localdate():
        return "stale"
    return "ok"


def reset():
    """Forget this process's snapshot (tests)."""
    global _current
    _current = None
