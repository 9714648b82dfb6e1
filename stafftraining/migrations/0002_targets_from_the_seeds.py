"""The projects' staff-training targets, with the seed each figure comes from."""

from django.db import migrations

# The project and activity each figure is set by, and the seed document that says so.
ESPOR = "eSPOR, POCU/801/3/15/139164"
ESPOR_SEED = "003_bea8513a28fe29ce.txt"
SMART_SPO = "SMART-SPO, PEO 2021–2027"
SMART_SPO_SEED = "002_34c806da106e15d4.txt"
TARGETS = [
    ("puls_face_to_face", 568, f"{ESPOR}, A3.3 (480 eSPOR + 88 MC)", ESPOR_SEED),
    ("puls_online", 337, f"{ESPOR}, A3.3", ESPOR_SEED),
    ("puls_total", 905, f"{ESPOR}, A3.3", ESPOR_SEED),
    ("puls_sessions", 28, f"{ESPOR}, A3.3", ESPOR_SEED),
    ("authorised_client_services", 217, f"{ESPOR}, A3.2", ESPOR_SEED),
    ("authorised_forecasting", 47, f"{ESPOR}, A3.2", ESPOR_SEED),
    ("authorised_total", 264, f"{ESPOR}, A3.2", ESPOR_SEED),
    ("authorised_sessions", 16, f"{ESPOR}, A3.2", ESPOR_SEED),
    ("staff_trained", 1840, SMART_SPO, SMART_SPO_SEED),
]


def add_targets(apps, schema_editor):
    target = apps.get_model("stafftraining", "TrainingTarget")
    for position, (indicator, figure, source, seed) in enumerate(TARGETS):
        target.objects.update_or_create(
            indicator=indicator,
            defaults={"target": figure, "source": source, "seed": seed, "position": position},
        )


def remove_targets(apps, schema_editor):
    apps.get_model("stafftraining", "TrainingTarget").objects.filter(
        indicator__in=[indicator for indicator, *_rest in TARGETS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("stafftraining", "0001_initial")]

    operations = [migrations.RunPython(add_targets, remove_targets)]
