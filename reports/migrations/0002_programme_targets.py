"""The programmes' targets from the seeds, as editable data: SMART-SPO (seed 002, condition 5:
persons and employers per 6-month stage, here made cumulative) and eSPOR (seed 003, final
targets at month 36). SMART-SPO's start date is not in the seed: staff set it on the milestones
page."""

import datetime

from django.db import migrations

SMART_SPO_MONTHS = [18, 24, 30, 36, 42, 48, 54, 58]
SMART_SPO_PERSONS = [10_500, 20_000, 25_000, 50_000, 50_000, 50_000, 50_000, 19_500]
SMART_SPO_EMPLOYERS = [1_000, 2_000, 4_000, 4_250, 4_250, 3_250, 2_250, 750]
ESPOR_FINAL = {"employers_assisted": 21_000, "persons_mediated": 105_000,
               "vacancies_loaded": 50_000, "online_accesses": 100_000}


def load(apps, schema_editor):
    Programme = apps.get_model("reports", "Programme")
    Milestone = apps.get_model("reports", "Milestone")
    smart, _ = Programme.objects.get_or_create(
        code="smart-spo", defaults={"name": "SMART-SPO", "start_date": datetime.date(2024, 1, 1),
                                    "duration_months": 60})
    for indicator, stages in (("persons_served", SMART_SPO_PERSONS),
                              ("employers_assisted", SMART_SPO_EMPLOYERS)):
        total = 0
        for month, amount in zip(SMART_SPO_MONTHS, stages, strict=True):
            total += amount
            Milestone.objects.get_or_create(programme=smart, indicator=indicator, month=month,
                                            defaults={"target": total,
                                                      "note": "Seed 002, condiția 5"})
    espor, _ = Programme.objects.get_or_create(
        code="espor", defaults={"name": "eSPOR (POCU/801/3/15/139164)",
                                "start_date": datetime.date(2020, 12, 9),
                                "duration_months": 36})
    for indicator, target in ESPOR_FINAL.items():
        Milestone.objects.get_or_create(programme=espor, indicator=indicator, month=36,
                                        defaults={"target": target, "note": "Seed 003"})


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
