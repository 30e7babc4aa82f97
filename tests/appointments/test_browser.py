"""A resident on a phone finds 社保卡补换 from the life event 社保医保, opens its checklist, books a slot,
sees the code, cancels it; axe-core finds no serious problem on the booking pages in either mode."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
GUIDE = "社会保障卡补领、换领"


def serious_violations(page):
    page.evaluate(AXE.read_text())  # by the test driver: the page's CSP allows no inline script
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert result["passes"], f"axe checked nothing on {page.url}"
    return [
        f"{page.url}: [{v['impact']}] {v['id']} — {v['help']} → {[', '.join(n['target']) for n in v['nodes'][:5]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_book_and_cancel_from_a_life_event(demo_site, phone, screenshots):
    from townsquare.appointments.models import Booking

    page = phone
    problems = []
    page.goto(demo_site + "/banshi/")
    page.get_by_role("link", name=re.compile("社保医保")).first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name=GUIDE).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == GUIDE
    guide_url = page.url

    page.get_by_role("link", name=re.compile("材料清单")).click()
    page.wait_for_load_state()
    assert "材料清单" in page.title()
    page.goto(guide_url)

    page.get_by_role("link", name="预约办理").click()
    page.wait_for_load_state()
    assert GUIDE in page.locator("h1").inner_text()
    problems += serious_violations(page)

    # Step 1: a day; step 2: a slot; step 3: who.
    page.locator(".yy-days a").first.click()
    page.wait_for_load_state()
    page.locator(".yy-slots label.choice").first.click()
    page.get_by_label("姓名").fill("测试居民")
    page.get_by_label("手机号").fill("139 0000 1234")
    page.get_by_role("button", name="确认预约").click()
    page.wait_for_load_state()
    # The form shows a field error first when a field is wrong; here everything is right.
    assert page.locator("h1").inner_text().strip() == "预约成功"
    code = page.locator("#booking-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", code)
    body = page.locator("main").inner_text()
    assert "139****1234" in body and "13900001234" not in body
    page.screenshot(path=str(screenshots / "appointment-booked-phone.png"), full_page=True)
    problems += serious_violations(page)
    booking = Booking.objects.get(code=code.replace("-", ""))
    assert booking.status == Booking.Status.BOOKED and booking.slot.booked >= 1

    page.locator("#cancel-link").click()
    page.wait_for_load_state()
    problems += serious_violations(page)
    page.get_by_role("button", name="确定取消").click()
    page.wait_for_load_state()
    assert "预约已取消" in page.locator("main").inner_text()
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED

    # 长辈版 and the look-up page, also checked by axe.
    page.goto(demo_site + "/elder/?on=1&next=/yuyue/chaxun/")
    assert page.eval_on_selector("body", "el => el.classList.contains('elder')")
    problems += serious_violations(page)
    page.goto(guide_url)
    page.get_by_role("link", name="预约办理").click()
    page.locator(".yy-days a").first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="确认预约").click()  # nothing filled: errors, in Chinese, axe-clean
    page.wait_for_load_state()
    assert "还有" in page.locator("#error-summary").inner_text()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    font = page.eval_on_selector("main p", "el => parseFloat(getComputedStyle(el).fontSize)")
    assert font >= 20
    page.screenshot(path=str(screenshots / "appointment-errors-phone-elder.png"), full_page=True)
    problems += serious_violations(page)
    assert not problems, "\n".join(problems)
