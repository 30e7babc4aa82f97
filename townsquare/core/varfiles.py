"""Files and folders under var/ (database, keys, uploads, mail) readable by our own user only.

Imported by the settings package, so it needs nothing from Django. Paths someone else owns keep their modes:
an operator who set up a shared folder decided that.
"""

import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def _ours(path):
    return path.stat().st_uid == os.getuid()


def private_dir(path):
    """Create ``path`` (and its parents) as 0700; make it 0700 if it is ours already."""
    path = Path(path)
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    if _ours(path):
        path.chmod(PRIVATE_DIR_MODE)
    return path


def private_file(path):
    """Create ``path`` empty as 0600 if it is missing; make it 0600 if it is ours already."""
    path = Path(path)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    except FileExistsError:
        if _ours(path):
            path.chmod(PRIVATE_FILE_MODE)
    return path


def private_sqlite(path):
    """The SQLite file 0600 before the first connection: SQLite gives its -wal and -shm files the same mode."""
    private_dir(Path(path).parent)
    private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            private_file(companion)
    return path
