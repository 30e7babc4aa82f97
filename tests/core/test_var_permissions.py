"""What we create under var/ (secret key, database, private uploads, mail) is readable by our own user only."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from townsquare.resident_requests.storage import private_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def fresh_var(tmp_path_factory):
    """A var/ folder made from nothing by loading the settings, as on a first start."""
    var = tmp_path_factory.mktemp("fresh") / "var"
    # The defaults a first start has: no SECRET_KEY, no DATABASE_URL (the suite may run on PostgreSQL).
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env["TOWNSQUARE_VAR_DIR"] = str(var)
    env["DJANGO_SETTINGS_MODULE"] = "townsquare.settings"
    subprocess.run([sys.executable, "-c", "import townsquare.settings"], cwd=BASE_DIR, env=env, check=True)
    return var


def test_the_var_folder_is_private(fresh_var):
    assert mode(fresh_var) == 0o700


def test_the_secret_key_file_is_private(fresh_var):
    assert mode(fresh_var / "secret_key") == 0o600


def test_the_mail_folder_is_private(fresh_var):
    assert mode(fresh_var / "mail") == 0o700


def test_a_residents_photo_is_stored_private(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    name = private_storage().save("requests/2026/photo.jpg", ContentFile(b"jpeg"))
    assert mode(Path(private_storage().path(name))) == 0o600


def test_the_sqlite_database_is_private(fresh_var):
    assert mode(fresh_var / "townsquare.sqlite3") == 0o600


def test_a_database_file_made_readable_before_is_made_private_again(tmp_path):
    from townsquare.core.varfiles import private_sqlite

    database = tmp_path / "townsquare.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    (tmp_path / "townsquare.sqlite3-wal").write_bytes(b"")

    private_sqlite(database)

    assert (mode(database), mode(tmp_path / "townsquare.sqlite3-wal")) == (0o600, 0o600)


def test_a_mail_kept_as_a_file_is_private(settings, tmp_path):
    from django.core.mail import get_connection, send_mail

    send_mail(
        "预约码",
        "您的预约码 ABCD2345",
        None,
        ["resident@example.com"],
        connection=get_connection("townsquare.core.mail.PrivateFileEmailBackend", file_path=str(tmp_path)),
    )

    assert [mode(path) for path in tmp_path.iterdir()] == [0o600]


def test_an_uploaded_archive_is_kept_private(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from townsquare.archive.admin_views import save_upload

    settings.ARCHIVE_UPLOAD_DIR = tmp_path / "archive-uploads"
    target = save_upload(SimpleUploadedFile("归档.zip", b"PK"))

    assert (mode(settings.ARCHIVE_UPLOAD_DIR), mode(target.parent)) == (0o700, 0o700)
