"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

One browser for the whole session; the demo county is loaded into the live server's
database for each test (transactional tests start from a clean database). On SQLite the first load
is kept as a copy in memory (the backup API) and copied back for the next tests: a load takes about
a minute, a copy a fraction of a second.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 412, "height": 915}
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
    # test itself (loading the demo, finding pages) are still synchronous and safe here.
    # Set only while the browser runs, so that no other test (or subprocess) inherits it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


_loaded_demo = {}  # "sqlite": an in-memory SQLite database holding the test database as the demo left it


@pytest.fixture
def demo_site(live_server):
    """The demo county, served by the live server; returns its base URL."""
    import sqlite3

    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection

    from ..conftest import reset_to_fresh_install

    kept = _loaded_demo.get(connection.vendor)
    if kept is not None:
        connection.ensure_connection()
        kept.backup(connection.connection)
        for cache in caches.all():
            cache.clear()
        return live_server.url
    reset_to_fresh_install()
    call_command("load_demo", verbosity=0)
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _loaded_demo["sqlite"] = copy
    return live_server.url


@pytest.fixture
def phone(browser):
    """A fresh phone-sized browser context (no cookies) and its page."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, locale="zh-CN", is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
