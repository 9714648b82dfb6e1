"""`manage.py load_reference`: counts, idempotence, Romanian labels, label packages, errors."""

import csv
import lzma

import pytest
from django.core.management import CommandError
from django.db import connection, transaction

from jobseekers.models import SkillAssessment
from puls.reference.models import (
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
from puls.reference.services import _lift_statement_timeout
from tests.jobseekers.factories import JobseekerProfileFactory

from .datasets import (
    COLUMNS,
    ESCO_SKILL_COLUMNS,
    OCC,
    SKILL,
    SMALL_DATA,
    esco_skill_row,
    run_load,
    write_csv,
    write_data_set,
)

pytestmark = pytest.mark.django_db

TABLES = [
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
]


def snapshot():
    """Every row of every reference table, to prove that a run changed nothing."""
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in TABLES}


def test_load_creates_every_table(loaded):
    assert IscoGroup.objects.count() == 11
    assert CorOccupation.objects.count() == 5
    assert EscoOccupation.objects.count() == 4
    assert SkillGroup.objects.count() == 6
    assert Skill.objects.count() == 6
    assert OccupationSkill.objects.count() == 10
    assert Skill.broader_skills.through.objects.count() == 1
    assert Skill.broader_groups.through.objects.count() == 5
    assert "COR occupations: 5 created, 0 updated, 0 unchanged" in loaded
    assert "Reference data loaded" in loaded


def test_load_links_cor_to_isco_and_esco(loaded):
    analyst = CorOccupation.objects.get(code="251201")
    assert analyst.isco_group.code == "2512"
    assert set(analyst.isco_group.esco_occupations.values_list("code", flat=True)) == {
        "2512.4",
        "2512.2",
    }
    national = CorOccupation.objects.get(code="242901")
    assert national.isco_group.code == "242"
    assert IscoGroup.objects.get(code="2512").parent.code == "251"


def test_load_builds_the_skill_hierarchy(loaded):
    python = Skill.objects.get(uri=SKILL["python"])
    assert [skill.uri for skill in python.broader_skills.all()] == [SKILL["programming"]]
    negotiating = SkillGroup.objects.get(code="S1.1")
    assert (negotiating.level, negotiating.parent.code, negotiating.parent.parent.code) == (
        2,
        "S1",
        "S",
    )
    assert python.collection_list == ["digital"]


def test_second_run_changes_nothing_and_says_so(loaded, small_data_dir):
    before = snapshot()
    output = run_load("--data-dir", str(small_data_dir))
    assert "Nothing changed" in output
    assert "COR occupations: 0 created, 0 updated, 5 unchanged" in output
    assert "ESCO occupation skills: 0 created, 0 updated, 10 unchanged" in output
    assert snapshot() == before


def test_a_changed_file_updates_only_the_difference(loaded, tmp_path):
    occupations = [list(row) for row in SMALL_DATA["esco/occupations_en"]]
    occupations[0][3] = "software programmer"
    relations = SMALL_DATA["esco/occupation_skill_relations"][:-1]
    changed = write_data_set(
        tmp_path / "changed",
        {
            **SMALL_DATA,
            "esco/occupations_en": occupations,
            "esco/occupation_skill_relations": relations,
        },
    )

    output = run_load("--data-dir", str(changed))

    assert "ESCO occupations: 0 created, 1 updated, 3 unchanged" in output
    assert "ESCO occupation skills: 0 created, 0 updated, 9 unchanged, 1 deleted" in output
    developer = EscoOccupation.objects.get(uri=OCC["developer"])
    assert developer.label("en") == "software programmer"
    assert list(
        developer.labels.filter(kind=ConceptLabel.Kind.PREFERRED).values_list("label", flat=True)
    ) == ["software programmer"]
    assert OccupationSkill.objects.count() == 9


def test_romanian_names_are_loaded_with_comma_below_letters(loaded):
    assert CorOccupation.objects.get(code="132402").name == "șef serviciu aprovizionare"
    unit_group = IscoGroup.objects.get(code="1324")
    assert unit_group.label("ro") == "Conducători în domeniul aprovizionării și distribuției"
    assert unit_group.cor_name == "Conducători în domeniul aprovizionării, distribuției"
    # Levels 1-3 have no ESCO Romanian label: the COR group name stands in.
    assert IscoGroup.objects.get(code="242").label("ro") == "Specialiști în administrație"
    assert IscoGroup.objects.get(code="242").label("en") == "Administration professionals"


def test_romanian_package_adds_labels_and_english_remains_the_fallback(loaded, romanian_package):
    output = run_load("--esco-dir", str(romanian_package), "--language", "ro")

    assert "ESCO skills (ro): 0 created, 2 updated, 0 unchanged, 1 skipped" in output
    programming = Skill.objects.get(uri=SKILL["programming"])
    assert programming.label("ro") == "programare computerizată"
    assert programming.label("en") == "computer programming"
    assert set(programming.labels.filter(language="ro").values_list("label", flat=True)) == {
        "programare computerizată",
        "programare",
        "scriere de cod",
    }
    specifications = Skill.objects.get(uri=SKILL["specifications"])
    assert specifications.label("ro") == "analyse software specifications"
    developer = EscoOccupation.objects.get(uri=OCC["developer"])
    assert developer.label("ro") == "dezvoltator de software"

    before = snapshot()
    again = run_load("--esco-dir", str(romanian_package), "--language", "ro")
    assert "Nothing changed" in again
    assert snapshot() == before


def test_english_reload_keeps_romanian_labels(loaded, romanian_package, small_data_dir):
    run_load("--esco-dir", str(romanian_package), "--language", "ro")
    output = run_load("--data-dir", str(small_data_dir))
    assert "Nothing changed" in output
    assert Skill.objects.get(uri=SKILL["programming"]).label("ro") == "programare computerizată"


def test_romanian_package_replaces_labels_it_no_longer_lists(loaded, romanian_package, tmp_path):
    run_load("--esco-dir", str(romanian_package), "--language", "ro")
    newer = tmp_path / "esco-ro-newer"
    write_csv(
        newer / "skills_ro.csv",
        ESCO_SKILL_COLUMNS,
        [
            esco_skill_row(SKILL["programming"], "programare", ["codare"]),
        ],
    )

    run_load("--esco-dir", str(newer), "--language", "ro")

    programming = Skill.objects.get(uri=SKILL["programming"])
    assert set(programming.labels.filter(language="ro").values_list("label", flat=True)) == {
        "programare",
        "codare",
    }
    assert Skill.objects.get(uri=SKILL["warehouse"]).label("ro") == (
        "gestionarea operațiunilor din depozit"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--esco-dir", "/nowhere"], "--esco-dir and --language go together"),
        (["--language", "ro"], "--esco-dir and --language go together"),
        (["--esco-dir", "/nowhere", "--language", "en"], "English labels come from the shipped"),
        (["--esco-dir", "/nowhere", "--language", "ro"], "None of occupations_ro.csv"),
        (["--esco-dir", "/nowhere", "--language", "r o"], "Not a language code"),
    ],
)
def test_bad_arguments_are_refused(args, message):
    with pytest.raises(CommandError, match=message):
        run_load(*args)
    assert not Skill.objects.exists()


def test_a_missing_file_is_named_and_nothing_is_written(tmp_path):
    partial = write_data_set(
        tmp_path / "partial",
        {name: rows for name, rows in SMALL_DATA.items() if name != "esco/skills_en"},
    )
    with pytest.raises(CommandError, match="skills_en"):
        run_load("--data-dir", str(partial))
    assert not IscoGroup.objects.exists()


def test_a_relation_to_an_unknown_skill_rolls_everything_back(tmp_path):
    relations = [
        *SMALL_DATA["esco/occupation_skill_relations"],
        [OCC["developer"], "essential", "http://data.europa.eu/esco/skill/gone", "knowledge"],
    ]
    broken = write_data_set(
        tmp_path / "broken", {**SMALL_DATA, "esco/occupation_skill_relations": relations}
    )
    with pytest.raises(CommandError, match="unknown end"):
        run_load("--data-dir", str(broken))
    assert not IscoGroup.objects.exists()


def test_small_data_set_has_the_columns_of_the_shipped_files(settings):
    for name, rows in SMALL_DATA.items():
        path = settings.REFERENCE_DATA_DIR / f"{name}.csv.xz"
        with lzma.open(path, "rt", encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == COLUMNS[name], name
        assert all(len(row) == len(header) for row in rows), name


def test_the_load_lifts_the_web_statement_timeout(settings):
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is a PostgreSQL setting")
    settings.CELERY_STATEMENT_TIMEOUT_MS = 123_456
    # SET LOCAL: in the command the load's atomic block is the whole transaction, so the web
    # timeout comes back when it ends (here it is a savepoint inside the test's transaction).
    with transaction.atomic():
        _lift_statement_timeout()
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "123456ms"


@pytest.mark.slow
def test_full_shipped_data_loads_with_the_real_counts_and_reloads_as_nothing_changed():
    output = run_load()

    assert CorOccupation.objects.count() == 4247
    assert IscoGroup.objects.count() == 619
    assert EscoOccupation.objects.count() == 3039
    assert Skill.objects.count() == 13939
    assert OccupationSkill.objects.count() == 129004
    assert OccupationSkill.objects.filter(relation_type="essential").count() == 67622
    assert "Reference data loaded" in output
    unit_groups = IscoGroup.objects.filter(level=4)
    assert unit_groups.count() == 436
    assert all(group.preferred_labels.get("ro") for group in unit_groups)
    assert IscoGroup.objects.get(code="2512").label("ro") == "Proiectanți de software"
    assert CorOccupation.objects.get(code="111102").name == "ambasador"
    assert not CorOccupation.objects.filter(isco_group__isnull=True).exists()

    again = run_load()
    assert "Nothing changed" in again
    assert "ESCO occupation skills: 0 created, 0 updated, 129004 unchanged" in again


@pytest.mark.romanian
def test_after_the_romanian_package_pages_show_romanian_labels_and_mark_the_rest(
    loaded, romanian_package, client
):
    run_load("--esco-dir", str(romanian_package), "--language", "ro")
    profile = JobseekerProfileFactory()
    for uri in (SKILL["programming"], SKILL["specifications"]):
        SkillAssessment.objects.create(profile=profile, skill=Skill.objects.get(uri=uri), level=2)
    client.force_login(profile.user)

    page = client.get("/persoane/dosar/").content.decode()

    assert ">programare computerizată<" in page  # the package's label, not marked
    assert "computer programming" not in page
    assert '<span lang="en" class="puls-lang-other">analyse software specifications</span>' in page
