"""The code's shape rules from DEVELOPERS.md, checked so they hold after every change."""

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from code_shape import MODULE_LINE_LIMIT, module_lengths, source_files  # noqa: E402

LOWER_APPS = ("core", "units")
UPPER_APPS = (
    "publishing",
    "resident_requests",
    "disclosure",
    "disclosure_requests",
    "screening",
    "services",
    "appointments",
    "listings",
    "weather",
    "search",
    "knowledge",
    "channels",
    "relays",
    "archive",
    "oversight",
    "subscriptions",
    "syndication",
    "demo",
    "api",
    "feedback",
    "visits",
)
UPPER_IMPORT = re.compile(r"^\s*(from|import)\s+townsquare\.(" + "|".join(UPPER_APPS) + r")\b", re.MULTILINE)


def test_no_module_is_longer_than_the_limit():
    too_long = [f"{path} ({length})" for length, path in module_lengths() if length > MODULE_LINE_LIMIT]
    assert too_long == []


@pytest.mark.parametrize("app", LOWER_APPS)
def test_lower_apps_import_no_app_above_them(app):
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "townsquare" / app).rglob("*.py")
        if "migrations" not in path.parts and UPPER_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_app_imports_oversight():
    pattern = re.compile(r"^\s*(from|import)\s+townsquare\.oversight\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in source_files()
        if path.relative_to(ROOT / "townsquare").parts[0] != "oversight" and pattern.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_settings_are_read_from_django_conf_directly():
    helper = re.compile(r"^\s*def (_setting|setting)\(", re.MULTILINE)
    offenders = [str(path.relative_to(ROOT)) for path in source_files() if helper.search(path.read_text("utf-8"))]
    assert offenders == []
