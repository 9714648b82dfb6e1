"""The starting profiling questionnaire (factors, answers, weights, level thresholds) and the
catalogue of measures. They are data: the national analyst changes them afterwards."""

from decimal import Decimal

from django.db import migrations

FACTORS = [
    ("age_band", "Vârsta", [("25–45 de ani", 0), ("18–24 de ani", 1), ("46–55 de ani", 1),
                            ("Peste 55 de ani", 3)]),
    ("education", "Nivelul de educație", [
        ("Studii superioare", 0), ("Liceu sau școală profesională", 1), ("Gimnaziu", 2),
        ("Fără școală sau doar ciclul primar", 3)]),
    ("time_out_of_work", "Timpul fără loc de muncă", [
        ("Sub 6 luni", 0), ("Între 6 și 12 luni", 1), ("Între 12 și 24 de luni", 2),
        ("Peste 24 de luni sau nu a lucrat niciodată", 3)]),
    ("work_experience", "Experiența de muncă", [
        ("Peste 5 ani", 0), ("Între 1 și 5 ani", 1), ("Sub 1 an", 2), ("Fără experiență", 3)]),
    ("vulnerable_situation", "Situație vulnerabilă declarată", [
        ("Nu", 0), ("Da, o situație", 2), ("Da, mai multe situații", 3)]),
    ("health_or_care", "Constrângeri de sănătate sau de îngrijire a unor persoane", [
        ("Niciuna", 0), ("Parțiale: poate lucra cu program redus", 1),
        ("Importante: poate lucra doar în condiții adaptate", 3)]),
    ("skills_currency", "Actualitatea competențelor profesionale", [
        ("Folosite sau actualizate în ultimii 2 ani", 0), ("Folosite acum 2–5 ani", 1),
        ("Nefolosite de peste 5 ani", 2), ("Fără calificare", 3)]),
]
THRESHOLDS = [("easy", 0), ("medium", 5), ("hard", 9), ("very_hard", 14)]
MEASURES = [
    ("information_counselling", "Informare și consiliere profesională", False),
    ("competence_mediation", "Mediere pe bază de competențe", False),
    ("training_referral", "Trimitere la formare profesională", False),
    ("skills_assessment", "Evaluarea competențelor dobândite pe căi non-formale", False),
    ("subsidised_hiring", "Angajare subvenționată", False),
    ("job_club", "Club al locurilor de muncă", False),
    ("job_fair", "Participare la bursa locurilor de muncă", False),
    ("partner_referral", "Trimitere către o organizație parteneră a rețelei", True),
]


def load(apps, schema_editor):
    Factor = apps.get_model("casework", "ProfilingFactor")
    Option = apps.get_model("casework", "ProfilingOption")
    Threshold = apps.get_model("casework", "LevelThreshold")
    MeasureType = apps.get_model("casework", "MeasureType")
    for order, (code, label, options) in enumerate(FACTORS):
        factor, created = Factor.objects.get_or_create(
            code=code, defaults={"label": label, "weight": Decimal(1), "order": order})
        if created:
            for position, (answer, points) in enumerate(options):
                Option.objects.create(factor=factor, label=answer, points=points,
                                      order=position)
    for level, min_score in THRESHOLDS:
        Threshold.objects.get_or_create(level=level, defaults={"min_score": Decimal(min_score)})
    for order, (code, name, is_referral) in enumerate(MEASURES):
        MeasureType.objects.get_or_create(code=code, defaults={
            "name": name, "is_referral": is_referral, "order": order})


def unload(apps, schema_editor):
    apps.get_model("casework", "ProfilingFactor").objects.filter(
        code__in=[code for code, _label, _options in FACTORS]).delete()
    apps.get_model("casework", "LevelThreshold").objects.all().delete()
    apps.get_model("casework", "MeasureType").objects.filter(
        code__in=[code for code, _name, _referral in MEASURES]).delete()


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
