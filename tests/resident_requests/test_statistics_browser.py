"""The statistics page on a phone: charts over the table, no serious axe-core problem, works without JS."""

from pathlib import Path

import pytest

from ..browser.fixtures import PHONE, SCREENSHOTS
from .stats_urls import PUBLIC_URL
from .test_statistics import crafted_january

pytestmark = [pytest.mark.browser, pytest.mark.urls("tests.resident_requests.stats_urls")]

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def serious_violations(page):
    page.evaluate(AXE.read_text())  # by the test driver: the page's CSP allows no inline script
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert result["passes"], f"axe checked nothing on {page.url}"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes'][:5]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def new_phone(browser, javascript=True):  # noqa: F811
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=1,
        locale="zh-CN",
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


@pytest.fixture
def fresh_install(transactional_db):
    """Transactional tests leave a flushed database: start from what ``migrate`` leaves, then build the county."""
    from ..conftest import reset_to_fresh_install

    reset_to_fresh_install()


@pytest.fixture
def stats_site(fresh_install, live_server, desk):
    crafted_january(desk)
    desk.file(category=desk.schools)
    return live_server.url


def test_charts_table_and_accessibility_in_both_modes(browser, stats_site):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context, page = new_phone(browser)
    problems = []
    try:
        for mode, on in (("标准版", "0"), ("长辈版", "1")):
            page.goto(f"{stats_site}/elder/?on={on}&next={PUBLIC_URL}")
            page.wait_for_load_state()
            assert page.eval_on_selector("body", "el => el.classList.contains('elder')") == (on == "1")
            assert page.locator("h1").inner_text() == "留言办理情况"
            charts = page.locator("#stats-charts")
            assert charts.is_visible(), "uPlot should have drawn the charts"
            assert page.locator("#chart-received canvas").count() == 1
            assert page.locator("#chart-rates canvas").count() == 1
            assert page.locator("#stats-months-caption").is_visible()
            page.screenshot(
                path=str(SCREENSHOTS / f"stats-phone-{'elder' if on == '1' else 'standard'}.png"), full_page=True
            )
            # The page does not scroll sideways on a phone; only the tables' own regions do.
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            problems += [f"{mode}: {p}" for p in serious_violations(page)]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_without_javascript_the_table_is_there_and_the_charts_are_not(browser, stats_site):  # noqa: F811
    context, page = new_phone(browser, javascript=False)
    try:
        page.goto(stats_site + PUBLIC_URL)
        assert page.locator("#stats-charts").is_hidden()
        assert page.locator("table").first.is_visible()
        page.select_option("#stats-unit", label="青禾镇")
        page.get_by_role("button", name="查看").click()
        page.wait_for_load_state()
        assert "unit=qinghe" in page.url
        assert "青禾镇每月办理情况" in page.locator("caption").first.inner_text()
    finally:
        context.close()
