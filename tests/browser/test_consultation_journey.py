"""A resident comments on one paragraph of an open draft: from the 征求意见 list to the thanks page, with
axe-core on the draft and on the form (one test: each browser test loads the demo county afresh)."""

import pytest

from .test_accessibility import serious_violations

pytestmark = pytest.mark.browser


def test_a_resident_comments_on_a_paragraph(demo_site, phone, screenshots):
    from townsquare.consultations.models import Comment
    from townsquare.demo.content.consultations import OPEN

    page = phone
    page.goto(demo_site + "/zhengqiu/?show=open")
    page.get_by_role("link", name=OPEN["title"]).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == OPEN["title"]
    assert not serious_violations(page)
    page.screenshot(path=str(screenshots / "consultation-phone.png"), full_page=True)

    page.get_by_role("link", name="对第3段提意见").click()
    page.wait_for_load_state()
    assert "第3段" in page.locator("blockquote").inner_text()
    assert not serious_violations(page)
    page.get_by_label("您的意见").fill("希望每次上门的时间能提前一天打电话说好。")
    page.get_by_label("您的姓名").fill("赵阿姨")
    page.get_by_label("手机或电话").fill("13900005555")
    page.get_by_label("同意公开我的意见").check()
    page.get_by_role("button", name="提交意见").click()
    page.wait_for_load_state()

    assert "谢谢您的意见" in page.locator("main").inner_text()
    comment = Comment.objects.get(name="赵阿姨")
    assert (comment.paragraph_number, comment.wants_public, comment.status) == (3, True, Comment.Status.PENDING)
