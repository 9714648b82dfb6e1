"""Weights for the competence-first score (issue 15): where the weights in use are still the
hand-set defaults of version 1, record the new defaults as the next version and activate them.
Learnt weight sets are left alone (they were validated on outcomes; the next fit replaces them)."""

from django.db import migrations

WEIGHTS_V2 = {
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


def forwards(apps, schema_editor):
    WeightSet = apps.get_model("mediation", "WeightSet")
    active = WeightSet.objects.filter(is_active=True).first()
    if active is None or not active.method.startswith("defaults"):
        return
    latest = WeightSet.objects.order_by("-version").first()
    active.is_active = False
    active.save(update_fields=["is_active"])
    WeightSet.objects.create(
        version=latest.version + 1,
        weights=WEIGHTS_V2,
        method="defaults v2 (mediation.scoring.DEFAULT_WEIGHTS)",
        is_active=True,
        note="Competence first: inferred occupation from the ESCO profile, saturated coverage, "
        "a code alone never worth the competences (issue 15). Measured by evaluate_matching.",
    )


class Migration(migrations.Migration):
    dependencies = [("mediation", "0002_shared_transition_log")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
