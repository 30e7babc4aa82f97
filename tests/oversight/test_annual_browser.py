"""The demo county's annual report in a real browser: the table, a figure's items, both downloads, axe-core."""

import io
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def serious_violations(page):
    page.evaluate(AXE.read_text())  # by the test driver: the page's CSP allows no inline script
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert result["passes"]
    problems = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return [f"{page.url} {v['id']}: {v['help']} → {[n['target'] for n in v['nodes'][:3]]}" for v in problems]


@pytest.fixture
def desk_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def test_demo_year_report_renders_links_to_items_and_downloads(demo_site, desk_page, screenshots):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from townsquare.demo.content.staff import ADMIN, PASSWORD

    page = desk_page
    page.goto(demo_site + "/admin/login/")
    page.fill("#id_username", ADMIN["username"])
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(demo_site + "/admin/annual-report/")
    caption = page.locator("table.annual-table caption").inner_text()
    assert "年度政府网站与政务新媒体工作年度报表" in caption
    news = page.locator("td[data-key=info_news] a")
    figure = int(news.inner_text())
    assert figure > 0, "the demo year has 政务动态"
    problems = serious_violations(page)
    page.screenshot(path=str(screenshots / "admin-annual-report.png"), full_page=True)

    news.click()
    page.wait_for_url("**/items/info_news/**")
    assert page.locator("table.listing tbody tr").count() == figure
    problems += serious_violations(page)

    page.go_back()
    with page.expect_download() as xlsx:
        page.click("text=下载 Excel（XLSX）")
    sheet = load_workbook(io.BytesIO(Path(xlsx.value.path()).read_bytes())).active
    assert figure in [sheet.cell(row, 4).value for row in range(4, sheet.max_row + 1)]
    with page.expect_download() as pdf:
        page.click("text=下载 PDF")
    reader = PdfReader(io.BytesIO(Path(pdf.value.path()).read_bytes()))
    assert len(reader.pages) >= 1
    assert "政务动态信息更新量" in "".join(p.extract_text() for p in reader.pages)

    assert not problems, "\n".join(problems)
