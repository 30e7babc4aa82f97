"""民生实事: a resident opens the round voting now, ticks two projects, proves an e-mail address with the code it
receives and votes; the round and ballot pages pass axe (WCAG 2.2 AA, serious or critical) in both modes."""

import re

import pytest

from .test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser


def test_a_resident_verifies_and_votes(demo_site, phone, smtp_server):
    from townsquare.demo.content.livelihood import VOTING

    problems = []
    phone.goto(f"{demo_site}/{VOTING['slug']}/")
    problems += describe("标准版", "民生实事", phone.url, serious_violations(phone))
    phone.get_by_role("link", name="去投票").click()
    boxes = phone.locator(".ballot-form input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(2).check()
    phone.get_by_label("手机号码或电子邮箱").fill("voter@example.com")
    phone.get_by_role("button", name="获取验证码").click()
    code = re.search(r"验证码是：(\d{6})", smtp_server.wait_for(1)[-1].get_content()).group(1)
    assert phone.locator(".ballot-form input[type=checkbox]:checked").count() == 2  # the ticks stayed
    problems += describe("标准版", "投票", phone.url, serious_violations(phone))
    phone.get_by_label("验证码").fill(code)
    phone.get_by_role("button", name="投票", exact=True).click()

    assert "投票成功" in phone.locator("[role=status]").first.inner_text()
    phone.goto(f"{demo_site}/elder/?on=1&next=/{VOTING['slug']}/toupiao/")
    problems += describe("长辈版", "投票", phone.url, serious_violations(phone))
    assert not problems, "\n".join(problems)
