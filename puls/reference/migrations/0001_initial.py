from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="County",
            fields=[
                ("code", models.CharField(max_length=2, primary_key=True, serialize=False, verbose_name="code")),
                ("name", models.CharField(max_length=64, unique=True, verbose_name="name")),
                ("cnp_codes", models.JSONField(default=list, help_text="The JJ codes of the CNP for this county.", verbose_name="CNP county codes")),
                ("neighbours", models.ManyToManyField(blank=True, to="reference.county", verbose_name="neighbouring counties")),
            ],
            options={"ordering": ["name"], "verbose_name": "county", "verbose_name_plural": "counties"},
        ),
        migrations.CreateModel(
            name="Agency",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("ajofm", "County employment agency (AJOFM)"), ("amofm", "Bucharest employment agency (AMOFM)")], max_length=5, verbose_name="kind")),
                ("name", models.CharField(max_length=128, unique=True, verbose_name="name")),
                ("county", models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name="agency", to="reference.county", verbose_name="county")),
            ],
            options={"ordering": ["name"], "verbose_name": "agency", "verbose_name_plural": "agencies"},
        ),
    ]
