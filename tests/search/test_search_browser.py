"""/search/ in a real browser: works by keyboard without JavaScript, suggests while typing with it,
and axe-core finds no serious or critical problem in standard or elder mode."""

from pathlib import Path

import pytest

from ..browser.fixtures import PHONE, SCREENSHOTS
from ..factories import NewsPageFactory, PolicyPageFactory

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


@pytest.fixture
def site(transactional_db, live_server):
    from ..conftest import build_county, reset_to_fresh_install

    reset_to_fresh_install()
    # A transactional test before this one flushed the starting dictionary that migration 0003 adds.
    import importlib

    from django.apps import apps

    importlib.import_module("townsquare.search.migrations.0003_default_dictionary").seed(apps, None)
    county = build_county()
    NewsPageFactory(
        parent=county.county.section("news"),
        title="城乡居民社会保险缴费开始",
        summary="今年的社会保险缴费从1月开始，可以在网上办，也可以到便民服务中心办。",
    )
    PolicyPageFactory(
        parent=county.county.section("policy"), title="示范县住房公积金提取办法", document_number="示政办发〔2026〕8号"
    )
    return live_server.url


def serious(page):
    page.evaluate(AXE.read_text())  # by the test driver: the page's CSP allows no inline script
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert result["passes"], f"axe checked nothing on {page.url}"
    return [
        f"{v['id']}: {v['help']} → {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def context(browser, javascript):  # noqa: F811
    ctx = browser.new_context(
        viewport=PHONE, locale="zh-CN", is_mobile=True, has_touch=True, java_script_enabled=javascript
    )
    ctx.set_default_timeout(10_000)
    return ctx


def test_search_by_keyboard_without_javascript_and_accessible(site, browser):  # noqa: F811
    ctx = context(browser, javascript=False)
    page = ctx.new_page()
    page.goto(site + "/")
    page.get_by_role("link", name="搜索").first.click()
    page.get_by_label("搜索词").fill("shebao")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=shebao**")
    assert page.locator(".search-hit").count() == 1
    assert "城乡居民社会保险缴费开始" in page.locator(".search-hit h2").inner_text()
    page.get_by_label("搜索词").fill("示政办发[2026]8号")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=%E7%A4%BA**")
    assert "示范县住房公积金提取办法" in page.locator(".search-hit h2").first.inner_text()
    ctx.close()


def test_no_serious_accessibility_problem_in_standard_or_elder_mode(site, browser):  # noqa: F811
    ctx = context(browser, javascript=True)
    page = ctx.new_page()
    page.goto(site + "/search/?q=%E7%A4%BE%E4%BF%9D")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search-results-phone.png"), full_page=True)
    problems = serious(page)
    page.goto(site + "/elder/?on=1&next=/search/%3Fq%3Dzzqqxx")
    assert "elder" in page.eval_on_selector("body", "el => el.className")
    problems += serious(page)
    page.goto(site + "/search/")
    problems += serious(page)
    ctx.close()
    assert not problems, "\n".join(problems)


def test_suggestions_while_typing(site, browser):  # noqa: F811
    ctx = context(browser, javascript=True)
    page = ctx.new_page()
    page.goto(site + "/search/")
    assert page.evaluate("typeof fetch") == "function"
    with page.expect_response(lambda r: "/api/search/suggest/" in r.url, timeout=20_000) as answer:
        page.get_by_label("搜索词").press_sequentially("gongji", delay=30)
    assert answer.value.ok, answer.value.status
    page.locator("#search-suggestions option").first.wait_for(state="attached")
    values = page.eval_on_selector_all("#search-suggestions option", "els => els.map(e => e.value)")
    assert "公积金" in values
    ctx.close()
