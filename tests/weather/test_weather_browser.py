"""The demo's weather page and home banner in a phone browser: axe finds no serious problem, in both modes."""

import pytest

from tests.browser.test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser


def test_weather_page_and_home_banner_are_accessible(demo_site, phone, screenshots):  # noqa: F811
    problems = []
    for mode, switch in (("标准版", "/elder/?on=0&next=/"), ("长辈版", "/elder/?on=1&next=/")):
        phone.goto(demo_site + switch)
        assert phone.locator(".weather-banner").get_by_text("黄色预警").first.is_visible()
        problems += describe(mode, "首页", "/", serious_violations(phone))
        for url in ("/tianqi/", "/tianqi/shiqiao/"):
            phone.goto(demo_site + url)
            assert phone.get_by_role("heading", name="气象预警").is_visible()
            problems += describe(mode, "天气", url, serious_violations(phone))
        phone.screenshot(
            path=str(screenshots / f"weather-{'elder' if mode == '长辈版' else 'standard'}.png"), full_page=True
        )

    assert not problems, "\n".join(problems)
