"""The restore drill: data and a private document are backed up, restored into a fresh database
and folder by `manage.py restore` in a process of its own (as an operator would), and compared
table by table and by the document's checksum; a damaged archive is refused and changes nothing.

On SQLite (the default test run) the fresh database is a file; on PostgreSQL (CI) it is a scratch
database named after the test database, created and dropped here (never the one in use)."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from puls.documents.models import Document
from puls.documents.services import document_create
from tests.accounts.factories import UserFactory
from tests.documents.conftest import PDF, upload
from tests.jobseekers.factories import JobseekerProfileFactory

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def private_root(settings, tmp_path, monkeypatch):
    root = tmp_path / "private"
    settings.PRIVATE_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": str(root)}},
    }
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storages["private"])
    return root


@pytest.fixture
def fresh_database(tmp_path):
    """(DATABASE_URL, open a DB-API connection) of an empty database of the test's own."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    import psycopg

    database = connection.settings_dict
    scratch = f"{database['NAME']}_drill"
    assert scratch != database["NAME"]
    params = {
        "host": database["HOST"] or None,
        "port": database["PORT"] or None,
        "user": database["USER"] or None,
        "password": database["PASSWORD"] or None,
    }

    def admin(statement):
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as server:
            server.execute(statement)

    admin(f'DROP DATABASE IF EXISTS "{scratch}"')
    admin(f'CREATE DATABASE "{scratch}"')
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}"
    try:
        yield (
            f"postgres://{credentials}@{host}/{scratch}",
            lambda: psycopg.connect(dbname=scratch, **params),
        )
    finally:
        admin(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def restore(archive, *, database_url, private_root, force=False):
    """`manage.py restore` in a process of its own, on the given database and folder."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "puls.settings.test",
        "DATABASE_URL": database_url,
        "PRIVATE_ROOT": str(private_root),
    }
    command = [sys.executable, "manage.py", "restore", str(archive)] + ["--force"] * force
    return subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )


def counts(cursor, tables):
    result = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        result[table] = cursor.fetchone()[0]
    return result


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.mark.django_db(transaction=True)  # pg_dump reads committed data only
def test_restore_drill(private_root, fresh_database, tmp_path):
    database_url, open_restored = fresh_database
    person = JobseekerProfileFactory()
    document = document_create(owner=person.user, uploaded_file=upload("diploma.pdf", PDF))
    UserFactory.create_batch(3)
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        before = counts(cursor, tables)
    assert before[Document._meta.db_table] == 1

    archive = tmp_path / "archives" / "puls.tar"
    call_command("backup", output=archive)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    member = f"private/{document.file.name}"
    assert manifest["members"][member]["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert manifest["database"]["vendor"] == connection.vendor
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # it holds personal data
    assert not list(archive.parent.glob("*.partial"))

    # The server is lost: a fresh, empty database and private folder.
    restored_root = tmp_path / "restored-private"
    result = restore(archive, database_url=database_url, private_root=restored_root)
    assert result.returncode == 0, result.stderr
    with open_restored() as restored:
        cursor = restored.cursor()
        assert counts(cursor, tables) == before
        cursor.execute(
            f"SELECT original_name, file FROM {Document._meta.db_table} WHERE id = {document.pk}"
        )
        assert cursor.fetchone() == ("diploma.pdf", document.file.name)
    assert sha256(restored_root / document.file.name) == sha256(document.file.path)

    # Not over a database that holds data, unless forced.
    result = restore(archive, database_url=database_url, private_root=restored_root)
    assert result.returncode != 0
    assert "already holds" in result.stderr

    # One byte of the document changed in the archive: refused, even forced, and nothing touched.
    data = archive.read_bytes()
    at = data.index(PDF) + 10
    damaged = tmp_path / "archives" / "damaged.tar"
    damaged.write_bytes(data[:at] + b"X" + data[at + 1 :])
    (restored_root / "stray.txt").write_text("kept")
    result = restore(damaged, database_url=database_url, private_root=restored_root, force=True)
    assert result.returncode != 0
    assert f"Checksum mismatch for {member}" in result.stderr
    assert (restored_root / "stray.txt").read_text() == "kept"
    with open_restored() as restored:
        assert counts(restored.cursor(), tables) == before

    # Forced over the restored copy: replaced again, the stray file gone.
    result = restore(archive, database_url=database_url, private_root=restored_root, force=True)
    assert result.returncode == 0, result.stderr
    assert not (restored_root / "stray.txt").exists()
    assert sha256(restored_root / document.file.name) == hashlib.sha256(PDF).hexdigest()
    with open_restored() as restored:
        assert counts(restored.cursor(), tables) == before


@pytest.mark.django_db
def test_an_archive_is_checked_without_restoring(private_root, tmp_path):
    archive = tmp_path / "puls.tar"
    call_command("backup", output=archive)
    call_command("restore", str(archive), check=True)  # intact: no error, nothing restored
    with tarfile.open(archive) as tar, tarfile.open(tmp_path / "extra.tar", "w") as extra:
        for member in tar:
            extra.addfile(member, tar.extractfile(member))
        smuggled = tarfile.TarInfo("private/../../etc/cron.d/x")
        extra.addfile(smuggled)
    with pytest.raises(CommandError, match="does not list"):
        call_command("restore", str(tmp_path / "extra.tar"), check=True)
    with pytest.raises(CommandError, match="outside PRIVATE_ROOT"):
        call_command("backup", output=private_root / "puls.tar")
