"""A resident answers 青禾镇's open survey on a phone (the branching script hides a conditional question until its
choice is made), is thanked, and sees the county's finished survey's results; axe finds nothing serious."""

import pytest

from .test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser


def test_a_resident_answers_a_survey_and_reads_results(demo_site, phone):
    problems = []
    phone.goto(demo_site + "/diaocha/")
    problems += describe("标准版", "调查征集", "/diaocha/", serious_violations(phone))
    phone.get_by_role("link", name="青禾农贸市场改造，您最关心什么？").click()
    problems += describe("标准版", "调查", phone.url, serious_violations(phone))

    phone.get_by_label("几乎每天").check()
    phone.get_by_label("地面防滑、排水").check()
    phone.get_by_label("建干净的公共厕所").check()
    phone.get_by_label("还有别的想法吗？（选填）").fill("早上的菜农摊位请留着。")
    phone.get_by_role("button", name="提交答卷").click()
    phone.get_by_role("heading", name="谢谢您！答卷已收到").wait_for()

    phone.goto(phone.url.replace("xiexie/", ""))
    assert "您已经参加过这次调查了" in phone.content()

    phone.goto(demo_site + "/elder/?on=1&next=/jiaotong/diaocha/gongjiao-xianlu-diaocha/jieguo/")
    phone.get_by_role("heading", name="城区公交线路调整，听听您的意见：调查结果").wait_for()
    problems += describe("长辈版", "调查结果", phone.url, serious_violations(phone))
    assert not problems, "\n".join(problems)
