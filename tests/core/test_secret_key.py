"""The generated SECRET_KEY: made once, and never read half-written by processes starting together."""

import stat
from concurrent.futures import ThreadPoolExecutor

from townsquare.core import environment


def test_the_key_file_appears_only_once_the_key_is_written(tmp_path, monkeypatch):
    """Another process starting meanwhile (a second web instance, the worker) must find no file or a whole key."""
    seen_while_writing = []

    def new_key(length):
        seen_while_writing.append((tmp_path / "secret_key").exists())
        return "k" * 86

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(environment.secrets, "token_urlsafe", new_key)
    environment.secret_key(tmp_path)
    assert seen_while_writing == [False]


def test_processes_starting_together_read_one_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with ThreadPoolExecutor(16) as pool:
        keys = set(pool.map(lambda _: environment.secret_key(tmp_path), range(64)))
    assert len(keys) == 1


def test_the_key_file_is_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    environment.secret_key(tmp_path)
    assert stat.S_IMODE((tmp_path / "secret_key").stat().st_mode) == 0o600


def test_no_partial_file_is_left_behind(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    environment.secret_key(tmp_path)
    environment.secret_key(tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"]
