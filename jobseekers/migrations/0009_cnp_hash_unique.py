from django.db import migrations

import puls.encryption


class Migration(migrations.Migration):
    dependencies = [
        ("jobseekers", "0008_encrypt_cnp"),
    ]

    operations = [
        migrations.AlterField(
            model_name="jobseekerprofile",
            name="cnp_hash",
            field=puls.encryption.KeyedHashField(
                null=True, source="cnp", unique=True, verbose_name="CNP keyed hash"
            ),
        ),
    ]
