"""In a real browser: a town's head stops an account in the admin, residents find where its service went.
axe-core finds no serious problem on the public pages, in standard and elder mode."""

from pathlib import Path

import pytest

from ..browser.fixtures import SCREENSHOTS
from ..factories import PASSWORD
from .factories import ChannelFactory

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
PHONE = {"width": 412, "height": 915}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(transactional_db, live_server):
    from townsquare.channels.models import Channel
    from townsquare.channels.platform import sync_platform_channels

    from ..conftest import build_county, reset_to_fresh_install

    reset_to_fresh_install()
    county = build_county()
    sync_platform_channels()
    ChannelFactory(unit=county.county.unit, name="示范县发布", account_id="gh_county")
    ChannelFactory(unit=county.town_b.unit, kind=Channel.Kind.DOUYIN, name="石桥印象", account_id="shiqiao")
    channel = ChannelFactory(unit=county.town_a.unit, name="青禾镇发布", account_id="gh_qinghe")
    return live_server.url, county, channel


def serious_violations(page):
    page.evaluate(AXE.read_text())  # by the test driver: the page's CSP allows no inline script
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert result["passes"], f"axe checked nothing on {page.url}"
    problems = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return [f"{page.url} {v['id']}: {v['help']} → {[n['target'] for n in v['nodes'][:3]]}" for v in problems]


def test_head_stops_an_account_and_residents_find_where_it_went(site, page):
    from townsquare.channels.models import Channel

    base, county, channel = site
    page.goto(f"{base}/admin/login/?next=/admin/zhanghao/{channel.pk}/")
    page.fill("#id_username", county.town_a.head.username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/admin/zhanghao/{channel.pk}/")
    page.get_by_label("服务转至").first.fill("示范县人民政府网站“网上的青禾镇”")
    page.get_by_role("button", name="停更并发布停更公告").click()
    page.wait_for_url(f"**/admin/zhanghao/{channel.pk}/")
    assert "停更公告已发布" in page.content()
    channel.refresh_from_db()
    assert channel.status == Channel.Status.SUSPENDED

    page.goto(f"{base}/zhanghao/")
    page.get_by_role("link", name="服务转到哪里了").click()
    page.wait_for_url(f"**/zhanghao/{channel.pk}/")
    assert "网上的青禾镇" in page.inner_text("main")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "channels-stopped-account.png"), full_page=True)
    page.get_by_role("link", name="关于“青禾镇发布”公众号停止更新的公告").click()
    assert "停止更新" in page.inner_text("h1")


def test_public_pages_have_no_serious_accessibility_problems(site, page):
    from townsquare.channels import lifecycle

    base, county, channel = site
    lifecycle.close_channel(channel, continues_at="网上的青禾镇", continues_page=county.town_a.home)
    problems = []
    for switch in ("/elder/?on=0&next=/", "/elder/?on=1&next=/"):
        page.goto(base + switch)
        for url in ("/zhanghao/", f"/zhanghao/{channel.pk}/"):
            page.goto(base + url)
            problems += serious_violations(page)
    assert not problems, "\n".join(problems)
