"""A resident answers 这个页面对您有帮助吗？ with 没有 and what was missing, keyboard only, and axe finds no serious
problem with the question, the 缺少什么 box or the thank-you."""

import pytest

from .test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser


def test_a_resident_says_a_guide_did_not_help_and_what_was_missing(demo_site, phone):
    from townsquare.feedback.models import PageAnswer

    page = phone
    page.goto(demo_site + "/banshi/")
    box = page.locator("#page-feedback")
    problems = describe("标准版", "页面反馈", "/banshi/", serious_violations(page))

    # Keyboard only: from 有, Tab to 没有 and press Enter.
    box.get_by_role("button", name="有", exact=True).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "没有"
    page.keyboard.press("Enter")

    # The 缺少什么 box appears in place, with the focus in it.
    text = box.get_by_label("缺少什么？（选填）")
    text.wait_for()
    assert page.evaluate("document.activeElement.id") == "page-feedback-missing"
    problems += describe("标准版", "缺少什么", "/banshi/", serious_violations(page))
    page.keyboard.type("没写节假日能不能办")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    box.get_by_text("谢谢您的回答").wait_for()
    problems += describe("标准版", "谢谢", "/banshi/", serious_violations(page))
    assert PageAnswer.objects.filter(path="/banshi/", helpful=False, missing="没写节假日能不能办").exists()
    assert not problems, "\n".join(problems)
