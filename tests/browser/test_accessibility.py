"""axe-core finds no serious or critical WCAG 2.2 AA problem on the main page types, in both modes."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def pages_to_check():
    """One page of each kind from the demo: home, news, publicity, policy, interpretation."""
    from townsquare.publishing.models import HomePage, InterpretationPage, NewsPage, PolicyPage, PublicityPage

    pages = {"首页": HomePage.objects.live().get()}
    for label, model in (
        ("新闻", NewsPage),
        ("公示", PublicityPage),
        ("政策文件", PolicyPage),
        ("政策解读", InterpretationPage),
    ):
        pages[label] = model.objects.live().order_by("-first_published_at").first()
        assert pages[label] is not None, f"the demo has no {label}"
    return {label: page.url for label, page in pages.items()}


def serious_violations(page):
    page.evaluate(AXE.read_text())  # run by the test driver, so the page's CSP (no inline scripts) allows it
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert result["passes"], f"axe checked nothing on {page.url}"
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def describe(mode, label, url, violations):
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(
            f"{mode} · {label} {url}: [{violation['impact']}] {violation['id']} — {violation['help']} → {targets}"
        )
    return lines


def test_no_serious_accessibility_problems_in_standard_or_elder_mode(demo_site, phone):
    """Both modes in one test: each browser test loads the demo county afresh (~10 s)."""
    urls = pages_to_check()
    problems = []
    for mode, switch in (("标准版", "/elder/?on=0&next=/"), ("长辈版", "/elder/?on=1&next=/")):
        phone.goto(demo_site + switch)
        assert phone.eval_on_selector("body", "el => el.classList.contains('elder')") == (mode == "长辈版")
        for label, url in urls.items():
            phone.goto(demo_site + url)
            problems += describe(mode, label, url, serious_violations(phone))

    assert not problems, "\n".join(problems)
