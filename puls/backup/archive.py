"""Backup and restore of what PULS keeps: the database and the private documents
(settings.PRIVATE_ROOT), in one archive whose manifest holds the size and SHA-256 of every part.

The archive is a plain tar (its parts are compressed already: pg_dump's custom format, PDF, JPEG,
PNG, XLSX), written to a ``.partial`` file and renamed when complete, readable by its owner only:

    database.pgdump   PostgreSQL: ``pg_dump --format=custom``, one consistent snapshot
    database.sqlite3  SQLite: a consistent copy by SQLite's online backup API
    private/<path>    every file under PRIVATE_ROOT
    manifest.json     format and PULS version, time, database vendor, applied migrations, and the
                      size and SHA-256 of every member above (written last, once they are known)

The database is dumped before the files are read: a document is written to disk before its row
commits, so every document row in the dump finds its file in the archive.

Restoring first copies every member into a staging folder beside the archive and checks it against
the manifest; nothing is touched unless the whole archive is intact. It refuses a database that
holds tables, or a private folder that holds files, unless forced. PostgreSQL is restored by one
psql session in one transaction (the old tables dropped, the dump loaded), so a failure leaves the
database as it was; SQLite's backup API replaces the database file's content in one step.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "puls-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PRIVATE_PREFIX = "private/"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why (nothing was restored)."""


@dataclass
class Restored:
    vendor: str
    files: int
    bytes: int
    created_at: str
    unapplied_migrations: list[str] = field(default_factory=list)


def default_archive_path(now: datetime.datetime | None = None) -> Path:
    now = now or datetime.datetime.now(tz=datetime.UTC)
    return Path(settings.BACKUP_ROOT) / f"puls-{now:%Y%m%dT%H%M%SZ}.tar"


# --- backup -------------------------------------------------------------------------------------


def backup_create(*, path: Path) -> dict[str, Any]:
    """Write the archive at ``path`` and return its manifest."""
    vendor = _vendor()
    if path.resolve().is_relative_to(Path(settings.PRIVATE_ROOT).resolve()):
        raise BackupError("Write the archive outside PRIVATE_ROOT: it would back itself up.")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    members: dict[str, dict[str, Any]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=path.parent) as staging:
            dump = Path(staging) / DUMP_NAMES[vendor]
            _dump_database(vendor, dump)
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tar:
                members[dump.name] = _add(tar, dump, dump.name)
                dump.unlink()  # the archive holds it now; do not keep two copies on disk
                private_root = Path(settings.PRIVATE_ROOT)
                for file in _private_files(private_root):
                    name = PRIVATE_PREFIX + file.relative_to(private_root).as_posix()
                    members[name] = _add(tar, file, name)
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "puls_version": _puls_version(),
                    "created_at": datetime.datetime.now(tz=datetime.UTC).isoformat(),
                    "database": {"vendor": vendor, "member": dump.name},
                    "migrations": _applied_migrations(),
                    "members": members,
                }
                data = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode = len(data), 0o600
                info.mtime = int(datetime.datetime.now(tz=datetime.UTC).timestamp())
                tar.addfile(info, io.BytesIO(data))
                raw.flush()
                os.fsync(raw.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _dump_database(vendor: str, target: Path) -> None:
    if vendor == "postgresql":
        _run(["pg_dump", "--format=custom", f"--file={target}"], what="pg_dump")
        return
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


def _private_files(root: Path) -> list[Path]:
    """Regular files under ``root`` (symbolic links are not followed), in a stable order."""
    if not root.is_dir():
        return []
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        found += [Path(folder) / name for name in sorted(files)]
    return [file for file in found if file.is_file() and not file.is_symlink()]


class _Hashing(io.RawIOBase):
    """Reads through to ``source`` and hashes what was read (tar reads each file once)."""

    def __init__(self, source: IO[bytes]):
        self.source, self.sha256, self.size = source, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.source.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _add(tar: tarfile.TarFile, file: Path, name: str) -> dict[str, Any]:
    info = tar.gettarinfo(str(file), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with file.open("rb") as source:
        hashing = _Hashing(source)
        tar.addfile(info, hashing)
    return {"bytes": hashing.size, "sha256": hashing.sha256.hexdigest()}


def _puls_version() -> str:
    try:
        return metadata.version("puls")
    except metadata.PackageNotFoundError:
        return "unknown"


def _applied_migrations() -> list[str]:
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


# --- restore ------------------------------------------------------------------------------------


def backup_restore(*, path: Path, force: bool = False, check_only: bool = False) -> Restored:
    """Check the archive at ``path`` against its manifest, then (unless ``check_only``) replace the
    database and the private documents with its content. Raises BackupError, having changed
    nothing, when the archive is damaged or the targets are not empty and ``force`` is False."""
    if not path.is_file():
        raise BackupError(f"No archive at {path}.")
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=path.parent) as staging_name:
        staging = Path(staging_name)
        manifest = _unpack_and_verify(path, staging)
        vendor = manifest["database"]["vendor"]
        files = [name for name in manifest["members"] if name.startswith(PRIVATE_PREFIX)]
        restored = Restored(
            vendor=vendor,
            files=len(files),
            bytes=sum(manifest["members"][name]["bytes"] for name in files),
            created_at=manifest["created_at"],
        )
        if check_only:
            return restored
        if vendor != _vendor():
            raise BackupError(
                f"The archive holds a {vendor} database; this installation uses "
                f"{connection.vendor}. Nothing was restored."
            )
        _refuse_unless_forced(manifest, force=force)
        dump = staging / manifest["database"]["member"]
        if vendor == "postgresql":
            _restore_postgresql(dump)
        else:
            _restore_sqlite(dump)
        _replace_private_files(staging / PRIVATE_PREFIX)
    connection.close()
    executor = MigrationExecutor(connection)
    restored.unapplied_migrations = [
        f"{migration.app_label}.{migration.name}"
        for migration, _backwards in executor.migration_plan(executor.loader.graph.leaf_nodes())
    ]
    return restored


def _unpack_and_verify(path: Path, staging: Path) -> dict[str, Any]:
    try:
        tar = tarfile.open(path, mode="r:")
    except tarfile.TarError as error:
        raise BackupError(f"{path} is not a PULS backup archive ({error}).") from error
    with tar:
        manifest = _read_manifest(tar)
        expected = manifest["members"]
        seen = set()
        for member in tar:
            if member.name == MANIFEST:
                continue
            if member.name not in expected or member.name in seen or not member.isfile():
                raise BackupError(
                    f"The archive holds {member.name!r}, which its manifest does not list: it is "
                    "not intact. Nothing was restored."
                )
            seen.add(member.name)
            target = staging / _safe_relative(member.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            sha256, size = hashlib.sha256(), 0
            source = tar.extractfile(member)
            assert source is not None  # a regular file
            with source, target.open("wb") as copy:
                while data := source.read(CHUNK):
                    sha256.update(data)
                    size += len(data)
                    copy.write(data)
            wanted = expected[member.name]
            if sha256.hexdigest() != wanted["sha256"] or size != wanted["bytes"]:
                raise BackupError(
                    f"Checksum mismatch for {member.name}: the archive is damaged. "
                    "Nothing was restored."
                )
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(
                f"The archive lacks {len(missing)} member(s) its manifest lists ({missing[0]} …): "
                "it is not intact. Nothing was restored."
            )
    return manifest


def _read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        source = tar.extractfile(MANIFEST)
        manifest = json.load(source) if source else None
    except (KeyError, ValueError) as error:
        raise BackupError(f"The archive has no readable {MANIFEST} ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This is not a PULS backup archive.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"The archive has format version {manifest.get('format_version')}; this version of "
            f"PULS reads version {FORMAT_VERSION}."
        )
    return manifest


def _safe_relative(name: str) -> Path:
    """A member name as a path that stays inside the staging folder."""
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise BackupError(f"The archive holds an unsafe name {name!r}. Nothing was restored.")
    return Path(*parts)


def _refuse_unless_forced(manifest: dict[str, Any], *, force: bool) -> None:
    if force:
        return
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"The database already holds {len(tables)} tables; restoring replaces all of them. "
            "Restore into an empty database, or add --force. Nothing was restored."
        )
    private_root = Path(settings.PRIVATE_ROOT)
    if _private_files(private_root):
        raise BackupError(
            f"{private_root} already holds files; restoring replaces them. Restore into an "
            "empty folder, or add --force. Nothing was restored."
        )
    from django.db.migrations.loader import MigrationLoader

    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    unknown = sorted(set(manifest["migrations"]) - known)
    if unknown:
        raise BackupError(
            f"The archive was made by a newer version of PULS (migrations {unknown[0]} … are "
            "unknown here): restore it with that version, or add --force. Nothing was restored."
        )


def _restore_postgresql(dump: Path) -> None:
    """Drop what the database holds and load the dump, in one transaction of one psql session."""
    with connection.cursor() as cursor:
        relations = connection.introspection.get_table_list(cursor)
        cursor.execute(
            "SELECT sequence_name FROM information_schema.sequences "
            "WHERE sequence_schema = current_schema()"
        )
        sequences = [row[0] for row in cursor.fetchall()]
        # the dump creates the text search configurations again (public search's puls_ro)
        cursor.execute(
            "SELECT cfgname FROM pg_ts_config WHERE cfgnamespace = current_schema()::regnamespace"
        )
        configurations = [row[0] for row in cursor.fetchall()]
    connection.close()  # psql must not wait for a lock this process holds
    quote = connection.ops.quote_name
    drops = ["SET client_min_messages = warning;"]
    drops += [f"DROP VIEW IF EXISTS {quote(r.name)} CASCADE;" for r in relations if r.type == "v"]
    drops += [f"DROP TABLE IF EXISTS {quote(r.name)} CASCADE;" for r in relations if r.type in "tp"]
    drops += [f"DROP SEQUENCE IF EXISTS {quote(name)} CASCADE;" for name in sequences]
    drops += [
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {quote(name)} CASCADE;"
        for name in configurations
    ]
    # Errors go to files, not pipes: a pipe nobody reads while the dump streams could fill up.
    with tempfile.TemporaryFile() as restore_errors, tempfile.TemporaryFile() as psql_errors:
        psql = subprocess.Popen(
            ["psql", "--no-psqlrc", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=psql_errors,
            env=_pg_environment(),
        )
        restore = subprocess.Popen(
            ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(dump)],
            stdout=subprocess.PIPE,
            stderr=restore_errors,
            env=_pg_environment(),
        )
        assert psql.stdin is not None and restore.stdout is not None
        try:
            psql.stdin.write("\n".join(drops).encode() + b"\n")
            shutil.copyfileobj(restore.stdout, psql.stdin, CHUNK)
        except BrokenPipeError:
            pass  # psql stopped at an error (and rolled back): reported below
        finally:
            psql.stdin.close()
            restore.stdout.close()
        failed = restore.wait() != 0 or psql.wait() != 0
        if failed:
            restore_errors.seek(0)
            psql_errors.seek(0)
            raise BackupError(
                "Loading the dump failed; the database was left as it was.\n"
                + (restore_errors.read() + psql_errors.read()).decode(errors="replace").strip()
            )


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def _replace_private_files(staged: Path) -> None:
    """Empty PRIVATE_ROOT (it may be a mount point: its content goes, not the folder) and move
    the staged files in (a rename: the staging folder is on the archive's file system, else a
    copy)."""
    root = Path(settings.PRIVATE_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if staged.is_dir():
        for child in staged.iterdir():
            shutil.move(str(child), str(root / child.name))


def _pg_environment() -> dict[str, str]:
    """libpq's environment for the pg_* tools, from the default database's settings (so no
    password appears on a command line)."""
    database = connection.settings_dict
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    for option in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if database.get("OPTIONS", {}).get(option):
            environment[f"PG{option.upper()}"] = str(database["OPTIONS"][option])
    return environment


def _run(command: list[str], *, what: str) -> None:
    try:
        result = subprocess.run(
            command, env=_pg_environment(), capture_output=True, text=True, check=False
        )
    except FileNotFoundError as error:
        raise BackupError(f"{what} is not installed (PostgreSQL's client tools).") from error
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip()}")
