"""The 政府信息公开 section of a town passes axe (WCAG 2.2 AA, serious or critical) in both modes."""

import pytest

from .test_accessibility import describe, serious_violations

pytestmark = pytest.mark.browser


def test_the_town_disclosure_section_has_no_serious_accessibility_problems(demo_site, phone):
    problems = []
    for mode, switch in (("标准版", "/elder/?on=0&next=/"), ("长辈版", "/elder/?on=1&next=/")):
        phone.goto(demo_site + switch)
        for url in ("/qinghe/gongkai/", "/gongkai/"):
            phone.goto(demo_site + url)
            problems += describe(mode, "政府信息公开", url, serious_violations(phone))
    assert not problems, "\n".join(problems)
