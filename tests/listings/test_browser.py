"""Listings in a real browser: filter rentals by price, download an event's .ics, post a job as an employer
and see it after a county staff member approves it in the admin. axe-core finds no serious problem."""

from pathlib import Path

import pytest

from ..browser.fixtures import SCREENSHOTS
from ..factories import PASSWORD
from . import factories as f

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
PHONE = {"width": 412, "height": 915}


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(viewport=PHONE, locale="zh-CN", accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(transactional_db, live_server):
    from ..conftest import build_county, reset_to_fresh_install

    reset_to_fresh_install()
    county = build_county()
    town = county.town_a.unit
    f.rental(title="便宜单间", price=350, area=20, layout="room", town=town)
    f.rental(title="两室一厅", price=800, area=75, town=town)
    f.rental(title="江景大三房", price=2600, area=140, layout="3", town=town)
    f.event(title="清水河龙舟赛", venue="清水河城关段")
    return live_server.url, county


def serious_violations(page):
    page.evaluate(AXE.read_text())  # by the test driver: the page's CSP allows no inline script
    result = page.evaluate("options => axe.run(document.querySelector('main') || document, options)", AXE_OPTIONS)
    problems = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return [f"{page.url} {v['id']}: {v['help']} → {[n['target'] for n in v['nodes'][:3]]}" for v in problems]


def test_rentals_event_ics_and_employer_job(site, page):
    from townsquare.listings.models import JobListing, Status

    base, county = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []

    # Rentals: filter by price.
    page.goto(base + "/shenghuo/zufang/")
    problems += serious_violations(page)
    page.fill("#id_price_max", "900")
    page.click("form.listing-filters button[type=submit]")
    page.wait_for_url("**price_max=900**")
    cards = page.locator(".listing-list .card-title").all_inner_texts()
    assert sorted(cards) == ["两室一厅", "便宜单间"]
    page.screenshot(path=str(SCREENSHOTS / "listings-rentals-filtered.png"), full_page=True)

    # Culture: open the event and download its .ics.
    page.goto(base + "/shenghuo/wenlv/")
    page.click("text=清水河龙舟赛")
    problems += serious_violations(page)
    with page.expect_download() as download_info:
        page.click("text=加入我的日历")
    content = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in content and "清水河龙舟赛" in content

    # Employer: post a job through the public form.
    page.goto(base + "/shenghuo/zhaopin/fabu/")
    page.click("button[type=submit]")  # empty: errors in Chinese, nothing lost
    assert page.locator("#error-summary").is_visible()
    page.fill("#id_title", "饭店帮厨")
    page.fill("#id_employer", "老街土菜馆")
    page.fill("#id_pay_min", "3000")
    page.fill("#id_pay_max", "3800")
    page.fill("#id_place", "青禾镇老街18号")
    page.select_option("#id_town", label=county.town_a.unit.display_name)
    page.fill("#id_requirements", "会切配，能早起。")
    page.fill("#id_closing_date", f.today(20).isoformat())
    page.fill("#id_contact_name", "刘老板")
    page.fill("#id_contact_phone", "13909990001")
    problems += serious_violations(page)
    page.check("#id_agree")
    page.click("button[type=submit]")
    page.wait_for_selector("#management-code")
    problems += serious_violations(page)
    page.screenshot(path=str(SCREENSHOTS / "listings-job-submitted.png"), full_page=True)
    assert JobListing.objects.get(title="饭店帮厨").status == Status.PENDING
    page.goto(base + "/shenghuo/zhaopin/")
    assert page.locator("text=饭店帮厨").count() == 0

    # County staff approve it in the admin.
    staff = page.context.browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    admin = staff.new_page()
    admin.goto(base + "/admin/login/")
    admin.fill("#id_username", county.county.editor.username)
    admin.fill("#id_password", PASSWORD)
    admin.click("button[type=submit]")
    admin.wait_for_url("**/admin/")
    admin.goto(base + "/admin/shenghuo/shenhe/")
    problems += serious_violations(admin)
    admin.locator("form", has=admin.locator("input[value=approve]")).locator("button").first.click()
    admin.wait_for_selector("text=已通过")
    staff.close()

    page.goto(base + "/shenghuo/zhaopin/")
    page.click("text=饭店帮厨")
    page.click("text=查看联系方式")
    page.wait_for_selector("text=13909990001")
    problems += serious_violations(page)
    assert not problems, "\n".join(problems)


def test_lists_and_details_have_no_serious_axe_problem_in_standard_or_elder_mode(site, page):
    """The whole document (header and footer included), each list with its filters and each detail page."""
    from tests.browser.test_accessibility import describe
    from tests.browser.test_accessibility import serious_violations as whole_page_violations
    from townsquare.listings.models import Event, RentalListing

    base, county = site
    f.job(title="超市收银员", town=county.town_a.unit)
    f.traffic(title="人民路封闭施工", starts_at=f.at(-1), ends_at=f.at(5))
    rental = RentalListing.objects.get(title="两室一厅")
    event = Event.objects.get(title="清水河龙舟赛")
    urls = {
        "租房列表": "/shenghuo/zufang/?price_max=900",
        "租房详情": f"/shenghuo/zufang/{rental.pk}/",
        "招聘列表": "/shenghuo/zhaopin/",
        "文旅详情": f"/shenghuo/wenlv/{event.pk}/",
        "交通列表": "/shenghuo/jiaotong/",
    }
    problems = []
    for mode, switch in (("标准版", "/elder/?on=0&next=/"), ("长辈版", "/elder/?on=1&next=/")):
        page.goto(base + switch)
        assert page.eval_on_selector("body", "el => el.classList.contains('elder')") == (mode == "长辈版")
        for label, url in urls.items():
            response = page.goto(base + url)
            assert response.status == 200, f"{url}: {response.status}"
            problems += describe(mode, label, url, whole_page_violations(page))
        page.screenshot(path=str(SCREENSHOTS / "listings-traffic-elder.png"), full_page=True)
    assert not problems, "\n".join(problems)
