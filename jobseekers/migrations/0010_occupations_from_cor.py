"""The COR occupation a person picks for their experience and wishes.

The wished-occupations relation gets a through model on the table it already has (state only:
same table, same columns), then that table gains the COR column.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jobseekers", "0009_cnp_hash_unique"),
        ("reference", "0004_trigram_search_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="experience",
            name="cor_occupation",
            field=models.ForeignKey(
                blank=True,
                help_text="Type part of the name, with or without diacritics, or the 6-digit code.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reference.coroccupation",
                verbose_name="occupation (COR)",
            ),
        ),
        migrations.AlterField(
            model_name="experience",
            name="occupation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reference.escooccupation",
                verbose_name="occupation (ESCO)",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WishedOccupation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "escooccupation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="reference.escooccupation",
                                verbose_name="ESCO occupation",
                            ),
                        ),
                        (
                            "jobseekerprofile",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="occupation_wishes",
                                to="jobseekers.jobseekerprofile",
                                verbose_name="profile",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "wished occupation",
                        "verbose_name_plural": "wished occupations",
                        "db_table": "jobseekers_jobseekerprofile_wished_occupations",
                        "ordering": ["pk"],
                        "unique_together": {("jobseekerprofile", "escooccupation")},
                    },
                ),
                migrations.AlterField(
                    model_name="jobseekerprofile",
                    name="wished_occupations",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="wished_by",
                        through="jobseekers.WishedOccupation",
                        to="reference.escooccupation",
                        verbose_name="wished occupations",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="wishedoccupation",
            name="cor_occupation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reference.coroccupation",
                verbose_name="occupation (COR)",
            ),
        ),
    ]
