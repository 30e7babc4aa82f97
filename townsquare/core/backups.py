"""Backups of the database and the uploaded files: one .tar.gz with a manifest, restored the other way round.

The engines' own tools copy the database: SQLite its online backup API (consistent while the site runs,
WAL included), PostgreSQL ``pg_dump -Fc`` and ``pg_restore --clean --if-exists``. MEDIA_ROOT and
PRIVATE_MEDIA_ROOT go into the same archive as tar parts. ``manifest.json`` names the engine, the applied
migrations, the time, the file counts and the sha256 of every part; a restore checks it before it changes
anything. The archive is readable by our own user only (it holds residents' personal data).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db.migrations.recorder import MigrationRecorder

from .varfiles import private_dir, private_file

MANIFEST = "manifest.json"
FORMAT = 1
ENGINES = {
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.postgresql": "postgresql",
}
ENGINE_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DATABASE_PARTS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA_PARTS = {"media": "media.tar", "private": "private.tar"}
KNOWN_PARTS = set(DATABASE_PARTS.values()) | set(MEDIA_PARTS.values())


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (简体中文)."""


def site_media_roots():
    """The folders of uploaded files that a backup holds, by part name."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def engine_of(db):
    """``sqlite`` or ``postgresql`` for a DATABASES entry."""
    engine = ENGINES.get(db["ENGINE"])
    if engine is None:
        raise BackupError(f"不支持备份这种数据库：{db['ENGINE']}。只支持 SQLite 和 PostgreSQL。")
    return engine


def migration_summary(connection):
    """The applied migrations per app: how many and the latest name (empty before the first migrate)."""
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    summary = {}
    for app, name in sorted(recorder.applied_migrations()):
        entry = summary.setdefault(app, {"count": 0, "latest": name})
        entry["count"] += 1
        entry["latest"] = max(entry["latest"], name)
    return summary


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- Database -----------------------------------------------------------------------------------


def _pg_command(tool, db, *args):
    command = [tool, "--no-password"]
    if db.get("HOST"):
        command += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        command += ["-p", str(db["PORT"])]
    if db.get("USER"):
        command += ["-U", str(db["USER"])]
    return [*command, *args]


def _run_pg(command, db):
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:
        raise BackupError(f"找不到 {command[0]}，请先安装 PostgreSQL 客户端工具（postgresql-client）。") from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} 运行失败：{result.stderr.strip()}")


def _sqlite_path(db):
    path = Path(db["NAME"])
    if str(db["NAME"]) in ("", ":memory:") or not path.is_file():
        raise BackupError(f"找不到 SQLite 数据库文件：{db['NAME']}")
    return path


def _copy_sqlite(source_path, target_path):
    """Copy one SQLite database into another with the online backup API."""
    source = sqlite3.connect(source_path, timeout=20)
    try:
        target = sqlite3.connect(target_path, timeout=20)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def dump_database(db, target):
    """Write the database ``db`` (a DATABASES entry) to ``target`` in its engine's own format."""
    engine = engine_of(db)
    private_file(target)
    if engine == "sqlite":
        _copy_sqlite(_sqlite_path(db), target)
    else:
        _run_pg(_pg_command("pg_dump", db, "-Fc", "-f", str(target), "-d", str(db["NAME"])), db)


def load_database(db, source):
    """Replace the contents of the database ``db`` with the dump ``source``."""
    if engine_of(db) == "sqlite":
        _copy_sqlite(source, _sqlite_path(db))
    else:
        args = ("--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error")
        _run_pg(_pg_command("pg_restore", db, *args, "-d", str(db["NAME"]), str(source)), db)


# --- Uploaded files -------------------------------------------------------------------------------


def _pack(root, target):
    """Put every regular file under ``root`` into the tar ``target``; the number of files."""
    count = 0
    private_file(target)
    with tarfile.open(target, "w") as tar:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=path.relative_to(root).as_posix(), recursive=False)
                    count += 1
    return count


def _unpack(source, root, private):
    """Empty ``root`` and fill it from the tar ``source``."""
    if private:
        private_dir(root)
    else:
        root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    with tarfile.open(source, "r") as tar:
        tar.extractall(root, filter="data")


# --- Archive ------------------------------------------------------------------------------------


def create_backup(destination, db, media_roots, migrations, now=None):
    """Write one archive into the folder ``destination``; its path and manifest.

    ``db`` is a DATABASES entry, ``media_roots`` maps part names ("media", "private") to folders,
    ``migrations`` is ``migration_summary()`` of that database.
    """
    engine = engine_of(db)
    created = now or datetime.now(UTC)
    destination = private_dir(destination)
    archive = destination / f"townsquare-backup-{created:%Y%m%d-%H%M%S}.tar.gz"
    if archive.exists():
        raise BackupError(f"备份文件已存在：{archive}，请稍后再试。")
    manifest = {
        "format": FORMAT,
        "engine": engine,
        "created_at": created.isoformat(timespec="seconds"),
        "migrations": migrations,
        "files": {},
        "parts": {},
    }
    with tempfile.TemporaryDirectory(dir=destination, prefix=".backup-") as staging:
        staging = Path(staging)
        parts = [DATABASE_PARTS[engine]]
        dump_database(db, staging / DATABASE_PARTS[engine])
        for name, root in media_roots.items():
            manifest["files"][name] = _pack(Path(root), staging / MEDIA_PARTS[name])
            parts.append(MEDIA_PARTS[name])
        for part in parts:
            manifest["parts"][part] = {"sha256": _sha256(staging / part), "bytes": (staging / part).stat().st_size}
        private_file(staging / MANIFEST)
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        private_file(archive)
        try:
            with open(archive, "wb") as f, tarfile.open(fileobj=f, mode="w:gz") as tar:
                for name in [MANIFEST, *parts]:
                    tar.add(staging / name, arcname=name, recursive=False)
        except BaseException:
            archive.unlink(missing_ok=True)
            raise
    return archive, manifest


def open_backup(archive, staging, db):
    """Unpack ``archive`` into ``staging`` and check it against ``db``; its manifest.

    Refuses (BackupError) an archive that is not ours, whose parts do not match the manifest's sha256,
    or that comes from another database engine. Nothing outside ``staging`` is changed.
    """
    archive, staging = Path(archive), Path(staging)
    if not archive.is_file():
        raise BackupError(f"找不到备份文件：{archive}")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = [m for m in tar.getmembers() if m.name in KNOWN_PARTS | {MANIFEST} and m.isfile()]
            tar.extractall(staging, members=members, filter="data")
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
        parts = manifest["parts"]
        engine = manifest["engine"]
    except (OSError, tarfile.TarError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"无法读取备份文件 {archive.name}：它不是完整的 Townsquare 备份。") from exc
    if DATABASE_PARTS.get(engine) not in parts or not set(parts) <= KNOWN_PARTS:
        raise BackupError(f"备份文件 {archive.name} 的清单不完整，不能恢复。")
    for part, expected in parts.items():
        path = staging / part
        if not path.is_file() or _sha256(path) != expected.get("sha256"):
            raise BackupError(f"备份文件校验失败：{part} 与清单不符，文件可能已损坏或被改动。未做任何恢复。")
    current = engine_of(db)
    if engine != current:
        raise BackupError(
            f"这份备份来自 {ENGINE_LABELS.get(engine, engine)} 数据库，本站现在用的是 "
            f"{ENGINE_LABELS[current]}，不能恢复到这里。"
        )
    return manifest


def apply_backup(staging, manifest, db, media_roots):
    """Replace the database and the uploaded files with the checked parts in ``staging``."""
    staging = Path(staging)
    load_database(db, staging / DATABASE_PARTS[manifest["engine"]])
    for name, root in media_roots.items():
        part = staging / MEDIA_PARTS[name]
        if MEDIA_PARTS[name] in manifest["parts"]:
            _unpack(part, Path(root), private=name == "private")


def restore_backup(archive, db, media_roots, confirm=None):
    """Check ``archive`` and restore it over ``db`` and ``media_roots``; its manifest.

    ``confirm(manifest)``, when given, runs after the checks and before anything changes; it stops the
    restore by raising.
    """
    with tempfile.TemporaryDirectory(prefix="townsquare-restore-") as staging:
        manifest = open_backup(archive, staging, db)
        if confirm is not None:
            confirm(manifest)
        apply_backup(staging, manifest, db, media_roots)
    return manifest
