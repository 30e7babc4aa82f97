"""A resident follows an interview: finds it from the life grid, asks the guest, and on the live page sees a line
staff post appear without reloading; axe (WCAG 2.2 AA, serious or critical) on the pages on the way."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser


def test_a_resident_asks_and_follows_the_live_session(demo_site, phone, settings):
    from django.contrib.auth import get_user_model

    from townsquare.demo.content.interviews import UPCOMING
    from townsquare.interviews import handling
    from townsquare.interviews.models import InterviewPage

    settings.INTERVIEW_POLL_SECONDS = 2
    page, problems = phone, []
    page.goto(demo_site + "/")
    page.get_by_role("link", name="互动交流").first.click()
    page.get_by_role("link", name="在线访谈").first.click()
    page.get_by_role("link", name=UPCOMING["title"]).click()
    problems += describe("标准版", "访谈预告", page.url, serious_violations(page))

    # Ask the guest: the form, then the receipt.
    page.get_by_role("link", name="我要提问").click()
    page.get_by_label("您想问什么").fill("家门口的零工岗位在哪里能看到？")
    page.get_by_label("您的称呼").fill("钱女士")
    problems += describe("标准版", "访谈提问", page.url, serious_violations(page))
    page.get_by_role("button", name="提交问题").click()
    assert "问题收到了" in page.locator("h1").inner_text()

    # The interview goes live; staff post a line from the console (here through its verb).
    interview = InterviewPage.objects.get(slug=UPCOMING["slug"])
    now = timezone.now()
    InterviewPage.objects.filter(pk=interview.pk).update(starts_at=now - timedelta(minutes=5))
    interview.refresh_from_db()
    page.goto(demo_site + interview.url)
    page.evaluate("window.notReloaded = true")
    staff = get_user_model().objects.filter(is_superuser=True).first()
    handling.post_line(interview, "guest", "零工岗位每周一更新，在县人社局网站和村里公告栏都能看到。", staff)

    line = page.locator("#interview-lines").get_by_text("零工岗位每周一更新")
    line.wait_for(timeout=15_000)
    assert page.evaluate("window.notReloaded === true")
    problems += describe("标准版", "访谈直播", page.url, serious_violations(page))

    # 长辈版: the same live page, larger, still without serious problems.
    page.goto(demo_site + "/elder/?on=1&next=" + interview.url)
    assert page.locator("#interview-lines").get_by_text("零工岗位每周一更新").is_visible()
    problems += describe("长辈版", "访谈直播", page.url, serious_violations(page))
    assert not problems, "\n".join(problems)
