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
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE")}
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
