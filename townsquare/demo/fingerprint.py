"""A fingerprint of the demo's code and content, so a changed demo is loaded again on the next start."""

import hashlib
from functools import cache
from pathlib import Path

DEMO_PACKAGE = Path(__file__).resolve().parent


@cache
def demo_fingerprint():
    digest = hashlib.sha256()
    for path in sorted(DEMO_PACKAGE.rglob("*.py")):
        if "migrations" in path.parts or "management" in path.parts:
            continue
        digest.update(str(path.relative_to(DEMO_PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
