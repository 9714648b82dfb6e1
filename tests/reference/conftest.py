"""Fixtures: the small data set written to a temporary folder and loaded, a Romanian package."""

import pytest

from .datasets import (
    ESCO,
    ESCO_OCCUPATION_COLUMNS,
    ESCO_SKILL_COLUMNS,
    OCC,
    SKILL,
    SMALL_DATA,
    esco_occupation_row,
    esco_skill_row,
    run_load,
    write_csv,
    write_data_set,
)


@pytest.fixture
def small_data_dir(tmp_path):
    return write_data_set(tmp_path / "data", SMALL_DATA)


@pytest.fixture
def loaded(db, small_data_dir):
    """The small data set, loaded; the value is the command's output."""
    return run_load("--data-dir", str(small_data_dir))


@pytest.fixture
def romanian_package(tmp_path):
    """Part of an ESCO CSV package in Romanian, as downloaded from the ESCO portal."""
    directory = tmp_path / "esco-ro"
    write_csv(
        directory / "skills_ro.csv",
        ESCO_SKILL_COLUMNS,
        [
            esco_skill_row(
                SKILL["programming"], "programare computerizată", ["programare", "scriere de cod"]
            ),
            esco_skill_row(
                SKILL["warehouse"],
                "gestionarea operațiunilor din depozit",
                ["administrarea depozitului"],
            ),
            esco_skill_row(f"{ESCO}/skill/not-loaded", "competență necunoscută"),
        ],
    )
    write_csv(
        directory / "occupations_ro.csv",
        ESCO_OCCUPATION_COLUMNS,
        [
            esco_occupation_row(
                OCC["developer"], "dezvoltator de software", ["programator", "inginer software"]
            ),
        ],
    )
    return directory
