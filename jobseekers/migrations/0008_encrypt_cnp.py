"""Encrypt the CNPs stored in clear and fill their keyed hashes; backwards, decrypt them again.

Raw SQL on purpose: the ORM would decrypt on read, which fails on the clear values."""

from django.db import migrations

from puls.encryption import decrypt, encrypt, keyed_hash


def _rows(schema_editor, table):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, cnp FROM {table} WHERE cnp IS NOT NULL")  # noqa: S608
        return cursor.fetchall()


def encrypt_cnps(apps, schema_editor):
    table = apps.get_model("jobseekers", "JobseekerProfile")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for pk, cnp in _rows(schema_editor, table):
            cursor.execute(
                f"UPDATE {table} SET cnp = %s, cnp_hash = %s WHERE id = %s",  # noqa: S608
                [encrypt(cnp), keyed_hash(cnp), pk],
            )


def decrypt_cnps(apps, schema_editor):
    table = apps.get_model("jobseekers", "JobseekerProfile")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for pk, token in _rows(schema_editor, table):
            cursor.execute(
                f"UPDATE {table} SET cnp = %s, cnp_hash = NULL WHERE id = %s",  # noqa: S608
                [decrypt(token), pk],
            )


class Migration(migrations.Migration):
    dependencies = [
        ("jobseekers", "0007_cnp_encrypted_columns"),
    ]

    operations = [migrations.RunPython(encrypt_cnps, decrypt_cnps)]
