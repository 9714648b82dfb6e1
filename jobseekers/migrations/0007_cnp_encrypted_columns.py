import django.db.models
from django.db import migrations

import puls.encryption


class Migration(migrations.Migration):
    dependencies = [
        ("jobseekers", "0006_inactivity_notice"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobseekerprofile",
            name="cnp_hash",
            field=puls.encryption.KeyedHashField(
                null=True, source="cnp", verbose_name="CNP keyed hash"
            ),
        ),
        migrations.AlterField(
            model_name="jobseekerprofile",
            name="cnp",
            field=puls.encryption.EncryptedTextField(blank=True, null=True, verbose_name="CNP"),
        ),
    ]
