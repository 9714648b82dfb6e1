"""Loads the 42 counties with their neighbours and the 42 agencies (41 AJOFM + AMOFM București)."""

from django.db import migrations

from puls.reference.counties import COUNTIES, NEIGHBOURS


def load(apps, schema_editor):
    County = apps.get_model("reference", "County")
    Agency = apps.get_model("reference", "Agency")
    for code, name, cnp_codes in COUNTIES:
        county, _ = County.objects.update_or_create(
            code=code, defaults={"name": name, "cnp_codes": cnp_codes}
        )
        if code == "B":
            defaults = {"kind": "amofm", "name": "AMOFM București"}
        else:
            defaults = {"kind": "ajofm", "name": f"AJOFM {name}"}
        Agency.objects.update_or_create(county=county, defaults=defaults)
    for code, neighbour_codes in NEIGHBOURS.items():
        County.objects.get(code=code).neighbours.set(neighbour_codes)


def unload(apps, schema_editor):
    apps.get_model("reference", "Agency").objects.all().delete()
    apps.get_model("reference", "County").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
