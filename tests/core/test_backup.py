"""`manage.py backup` / `restore`: database and uploaded files round-trip; a changed or foreign archive is refused.

The SQLite round trip runs the real commands in a subprocess on a small database in a temporary var/
(migrating the whole project would take most of a minute); the PostgreSQL round trip makes a throwaway
database with a table on 127.0.0.1:5432 and calls the backup functions with its settings.
"""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from townsquare.core.backups import BackupError, create_backup, open_backup, restore_backup

PG = {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1", "PORT": "5432", "USER": "postgres"}


def _sqlite_with_rows(path, *names):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE IF NOT EXISTS resident (name TEXT)")
        db.executemany("INSERT INTO resident VALUES (?)", [(n,) for n in names])
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}


def _names(path):
    with sqlite3.connect(path) as db:
        return sorted(row[0] for row in db.execute("SELECT name FROM resident"))


def _small_site(tmp_path):
    """A SQLite database with two rows and one file in each media folder."""
    db = _sqlite_with_rows(tmp_path / "site.sqlite3", "张三", "李四")
    roots = {"media": tmp_path / "media", "private": tmp_path / "private"}
    (roots["media"] / "images").mkdir(parents=True)
    (roots["media"] / "images" / "notice.jpg").write_bytes(b"jpeg")
    roots["private"].mkdir()
    (roots["private"] / "photo.png").write_bytes(b"png")
    return db, roots


def _manage(var, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "BACKUP_DIR")}
    env.update(
        TOWNSQUARE_VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var / 'townsquare.sqlite3'}",
        DJANGO_SETTINGS_MODULE="townsquare.settings",
    )
    return subprocess.run(
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=True,
    )


def test_sqlite_round_trip_through_the_commands_brings_back_rows_and_files(tmp_path):
    var = tmp_path / "var"
    var.mkdir()
    _sqlite_with_rows(var / "townsquare.sqlite3", "张三", "李四")
    (var / "media").mkdir()
    (var / "media" / "notice.jpg").write_bytes(b"jpeg")
    (var / "private").mkdir()
    (var / "private" / "photo.png").write_bytes(b"png")
    _manage(var, "backup", "--output", str(tmp_path / "backups"))
    with sqlite3.connect(var / "townsquare.sqlite3") as db:
        db.execute("DELETE FROM resident WHERE name = '李四'")
        db.execute("INSERT INTO resident VALUES ('王五')")
    (var / "private" / "photo.png").unlink()
    (var / "media" / "later.jpg").write_bytes(b"new")
    (archive,) = (tmp_path / "backups").glob("townsquare-backup-*.tar.gz")
    _manage(var, "restore", str(archive), "--yes")
    restored = (_names(var / "townsquare.sqlite3"), sorted(p.name for p in var.rglob("*.*g")))
    assert restored == (["张三", "李四"], ["notice.jpg", "photo.png"])


def test_backup_archive_is_readable_by_its_owner_only(tmp_path):
    db, roots = _small_site(tmp_path)
    archive, _ = create_backup(tmp_path / "backups", db, roots, {})
    assert archive.stat().st_mode & 0o777 == 0o600


def test_restore_puts_back_rows_and_files_changed_since_the_backup(tmp_path):
    db, roots = _small_site(tmp_path)
    archive, _ = create_backup(tmp_path / "backups", db, roots, {})
    with sqlite3.connect(db["NAME"]) as live:
        live.execute("DELETE FROM resident")
    (roots["private"] / "photo.png").write_bytes(b"overwritten")
    restore_backup(archive, db, roots)
    assert (_names(db["NAME"]), (roots["private"] / "photo.png").read_bytes()) == (["张三", "李四"], b"png")


def _tampered_copy(archive, target):
    """The archive with one byte of its database part changed, manifest untouched."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "database.sqlite3":
                data = data[:-1] + bytes([data[-1] ^ 1])
            copy.addfile(member, io.BytesIO(data))
    return target


def test_tampered_archive_is_refused(tmp_path):
    db, roots = _small_site(tmp_path)
    archive, _ = create_backup(tmp_path / "backups", db, roots, {})
    tampered = _tampered_copy(archive, tmp_path / "tampered.tar.gz")
    with pytest.raises(BackupError, match="校验失败"):
        restore_backup(tampered, db, roots)


def test_archive_of_another_engine_is_refused(tmp_path):
    db, roots = _small_site(tmp_path)
    archive, _ = create_backup(tmp_path / "backups", db, roots, {})
    with pytest.raises(BackupError, match="这份备份来自 SQLite 数据库，本站现在用的是 PostgreSQL"):
        open_backup(archive, tmp_path / "staging", {**PG, "NAME": "townsquare"})


def test_manifest_names_engine_migrations_and_file_counts(tmp_path):
    db, roots = _small_site(tmp_path)
    migrations = {"units": {"count": 3, "latest": "0003_roles"}}
    _, manifest = create_backup(tmp_path / "backups", db, roots, migrations)
    summary = (manifest["engine"], manifest["migrations"], manifest["files"], sorted(manifest["parts"]))
    assert summary == (
        "sqlite",
        migrations,
        {"media": 1, "private": 1},
        ["database.sqlite3", "media.tar", "private.tar"],
    )


def test_restore_without_yes_is_refused_when_nobody_can_confirm(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip(f"the archive is a SQLite one; DATABASE_URL points at {connection.vendor}")
    db, roots = _small_site(tmp_path)
    archive, _ = create_backup(tmp_path / "backups", db, roots, {})
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(archive))


# --- PostgreSQL ---------------------------------------------------------------------------------


def _psql(*args, database="postgres"):
    command = ["psql", "-h", PG["HOST"], "-p", PG["PORT"], "-U", PG["USER"], "-d", database, "-X", "-q", "-A", "-t"]
    return subprocess.run([*command, *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def throwaway_postgres():
    """A fresh PostgreSQL database with a table of two rows; dropped afterwards."""
    up = subprocess.run([sys.executable, str(Path(settings.BASE_DIR) / "scripts" / "service_up.py"), "postgres"])
    if up.returncode != 0:
        pytest.skip("PostgreSQL does not answer on 127.0.0.1:5432")
    name = f"ts_backup_{uuid.uuid4().hex[:8]}"
    try:
        _psql("-c", f"CREATE DATABASE {name}")
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot create a PostgreSQL database as user postgres: {exc}")
    try:
        _psql("-c", "CREATE TABLE resident (name text); INSERT INTO resident VALUES ('张三'), ('李四')", database=name)
        yield {**PG, "NAME": name}
    finally:
        _psql("-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.postgres
def test_postgresql_round_trip_brings_back_rows(tmp_path, throwaway_postgres):
    db = throwaway_postgres
    roots = {"media": tmp_path / "media", "private": tmp_path / "private"}
    archive, manifest = create_backup(tmp_path / "backups", db, roots, {})
    _psql("-c", "DELETE FROM resident WHERE name = '李四'; INSERT INTO resident VALUES ('王五')", database=db["NAME"])
    restore_backup(archive, db, roots)
    rows = _psql("-c", "SELECT name FROM resident ORDER BY name", database=db["NAME"]).split()
    assert (manifest["engine"], sorted(rows)) == ("postgresql", ["张三", "李四"])


def test_manifest_is_json_inside_the_archive(tmp_path):
    db, roots = _small_site(tmp_path)
    archive, manifest = create_backup(tmp_path / "backups", db, roots, {})
    with tarfile.open(archive, "r:gz") as tar:
        assert json.load(tar.extractfile("manifest.json")) == manifest
