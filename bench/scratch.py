"""A throw-away Django for benches: a temporary folder as TOWNSQUARE_VAR_DIR with a fresh SQLite file."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_in_scratch(prefix, run, args):
    """Set Django up on a new SQLite file in a temporary folder (DEBUG off), call ``run(args)``, remove it all."""
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        os.environ["TOWNSQUARE_VAR_DIR"] = folder
        os.makedirs(f"{folder}/static")  # STATIC_ROOT, never collected here
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        os.environ["DEBUG"] = "0"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")
        import django

        django.setup()
        return run(args)
