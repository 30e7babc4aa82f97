"""A resident on a phone: home page, a notice, 长辈版 on, another page, 长辈版 off, then a town.

One test walks the whole way: each browser test loads the demo county afresh (~10 s).
"""

import pytest

pytestmark = pytest.mark.browser


def font_size_px(page, selector):
    return page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)")


def body_classes(page):
    return page.eval_on_selector("body", "el => Array.from(el.classList)")


def test_home_notice_elder_mode_and_town_switcher(demo_site, phone, screenshots):
    page = phone
    page.goto(demo_site + "/")

    # The home page: its title and the life-service grid first.
    assert "示范县" in page.locator("h1").first.inner_text()
    grid = page.locator('nav[aria-label="生活服务"]')
    assert grid.is_visible()
    assert grid.get_by_role("link").count() >= 6
    assert page.locator('nav[aria-label="切换镇街"]').count() == 1
    assert "elder" not in body_classes(page)
    page.screenshot(path=str(screenshots / "home-phone.png"), full_page=True)

    # Into a notice from the 通知公告 list.
    notices = page.get_by_role("region", name="通知公告")
    link = notices.get_by_role("listitem").first.get_by_role("link").first
    title = link.inner_text().strip()
    link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == title
    assert "摘要" in page.locator("main").inner_text()
    notice_url = page.url

    # 长辈版 on: larger text, and the same page again.
    page.get_by_role("link", name="长辈版").first.click()
    page.wait_for_load_state()
    assert page.url == notice_url
    assert "elder" in body_classes(page)
    assert font_size_px(page, "body") >= 20
    assert font_size_px(page, "main p") >= 20
    page.screenshot(path=str(screenshots / "notice-phone-elder.png"), full_page=True)

    # It stays on while the resident moves on.
    page.goto(demo_site + "/")
    assert "elder" in body_classes(page)
    assert font_size_px(page, "body") >= 20
    page.screenshot(path=str(screenshots / "home-phone-elder.png"), full_page=True)
    page.get_by_role("link", name="返回标准版").first.click()
    page.wait_for_load_state()

    # And off again.
    assert "elder" not in body_classes(page)
    assert page.get_by_role("link", name="长辈版").first.is_visible()
    assert font_size_px(page, "body") < 20

    # The town switcher leads to 网上的青禾镇.
    switcher = page.locator('nav[aria-label="切换镇街"]')
    switcher.locator("summary").click()
    switcher.get_by_role("link", name="青禾镇").click()
    page.wait_for_load_state()

    assert "青禾镇" in page.locator("h1").inner_text()
    page.screenshot(path=str(screenshots / "qinghe-phone.png"), full_page=True)
