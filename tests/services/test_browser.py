"""A resident finds a guide from a life event, opens its 材料清单 and ticks an item that stays ticked."""

import pytest

from tests.browser.test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser


def test_find_by_life_event_then_tick_the_checklist(demo_site, phone, screenshots):
    problems = []
    phone.goto(demo_site + "/")
    phone.get_by_role("link", name="办事").first.click()
    phone.wait_for_url("**/banshi/")
    problems += describe("标准版", "办事", phone.url, serious_violations(phone))

    phone.get_by_role("link", name="婚育").click()
    phone.wait_for_url("**shijian=hunyu")
    phone.get_by_role("link", name="结婚登记", exact=True).click()
    phone.wait_for_url("**/jiehun-dengji/")
    assert phone.get_by_role("heading", level=1).inner_text() == "结婚登记"
    problems += describe("标准版", "指南", phone.url, serious_violations(phone))

    phone.get_by_role("link", name="材料清单（可勾选）").click()
    phone.wait_for_url("**/qingdan/")
    first = phone.get_by_role("checkbox").first
    assert not first.is_checked()
    first.check()
    assert "已备好 1 样" in phone.locator(".checklist-progress").inner_text()
    phone.reload()
    assert phone.get_by_role("checkbox").first.is_checked(), "the tick must survive a reload"
    assert not phone.get_by_role("checkbox").nth(1).is_checked()
    problems += describe("标准版", "材料清单", phone.url, serious_violations(phone))
    phone.screenshot(path=str(screenshots / "services-checklist.png"), full_page=True)

    checklist = phone.url
    phone.goto(demo_site + "/elder/?on=1&next=/banshi/")
    problems += describe("长辈版", "办事", phone.url, serious_violations(phone))
    for url in (checklist, checklist.replace("qingdan/", ""), checklist.replace("qingdan/", "dayin/")):
        phone.goto(url)
        problems += describe("长辈版", "指南", url, serious_violations(phone))
    phone.screenshot(path=str(screenshots / "services-print-elder.png"), full_page=True)
    assert not problems, "\n".join(problems)
