"""The SPO's training centres named in seed 002 ("8 CRFPA, CNFPPP"). The seed lists no names or
towns: loaded are the CNFPPP and the five regional centres whose towns are well established
(Calafat, Cluj-Napoca, Constanța, Teiuș, Timișoara); ANOFM adds the other three CRFPA, and the
CNFPPP's town and every address, in the admin (README, *Staff training*)."""

from django.db import migrations

CENTRES = [
    ("crfpa", "CRFPA Calafat", "Calafat", "DJ"),
    ("crfpa", "CRFPA Cluj-Napoca", "Cluj-Napoca", "CJ"),
    ("crfpa", "CRFPA Constanța", "Constanța", "CT"),
    ("crfpa", "CRFPA Teiuș", "Teiuș", "AB"),
    ("crfpa", "CRFPA Timișoara", "Timișoara", "TM"),
    ("cnfppp", "CNFPPP (Centrul Național de Formare Profesională a Personalului Propriu)", "", None),
]


def load(apps, schema_editor):
    TrainingCentre = apps.get_model("reference", "TrainingCentre")
    for kind, name, city, county in CENTRES:
        TrainingCentre.objects.get_or_create(
            name=name, defaults={"kind": kind, "city": city, "county_id": county}
        )


def unload(apps, schema_editor):
    apps.get_model("reference", "TrainingCentre").objects.filter(
        name__in=[name for _kind, name, _city, _county in CENTRES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reference", "0006_training_centres")]

    operations = [migrations.RunPython(load, unload)]
