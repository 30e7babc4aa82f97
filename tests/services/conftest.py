"""The browser fixtures (Chromium, the demo on the live server, a phone-sized page) for test_browser.py."""

from tests.browser.conftest import browser, demo_site, phone, screenshots  # noqa: F401 (fixtures)
