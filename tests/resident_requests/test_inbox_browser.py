"""The inbox in a real browser: a town editor finds a request, picks a reply template (JavaScript fills the box),
answers it; the admin screens have no serious or critical axe-core problems."""

from pathlib import Path

import pytest

from ..browser.fixtures import SCREENSHOTS
from ..factories import PASSWORD

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def office(browser):  # noqa: F811
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def fresh_install(transactional_db):
    """Transactional tests leave a flushed database: start from what ``migrate`` leaves, then build the county."""
    from ..conftest import reset_to_fresh_install

    reset_to_fresh_install()


@pytest.fixture
def site(fresh_install, live_server, desk):
    return live_server.url


def serious_violations(page):
    page.evaluate(AXE.read_text())  # by the test driver: the page's CSP allows no inline script
    result = page.evaluate("options => axe.run(document.querySelector('main') || document, options)", AXE_OPTIONS)
    problems = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return [f"{v['id']}: {v['help']} → {[n['target'] for n in v['nodes'][:3]]}" for v in problems]


def test_town_editor_answers_with_a_template(site, desk, office):
    from townsquare.resident_requests.models import ReplyTemplate, ResidentRequest, Status

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    request, _ = desk.file()
    ReplyTemplate.objects.create(unit=desk.roads.unit, title="路灯已修", body="您反映的路灯已修复，感谢您的监督。")
    demo_site = site

    office.goto(demo_site + "/admin/login/")
    office.fill("#id_username", "qinghe_editor")
    office.fill("#id_password", PASSWORD)
    office.click("button[type=submit]")
    office.wait_for_url("**/admin/")
    assert office.locator("#resident-requests-reminders-section").count() == 1

    office.goto(demo_site + "/admin/liuyan/?tab=all")
    assert office.locator("a", has_text="东街路灯不亮").count() >= 1
    problems = serious_violations(office)
    office.screenshot(path=str(SCREENSHOTS / "admin-inbox.png"), full_page=True)

    office.goto(demo_site + f"/admin/liuyan/{request.pk}/")
    problems += serious_violations(office)
    office.locator("summary", has_text="答复").click()
    assert office.locator("[data-rr-insert]").is_hidden()  # JavaScript does the inserting
    office.select_option("#id_answer-template", label="路灯已修")
    assert office.input_value("#id_answer-reply") == "您反映的路灯已修复，感谢您的监督。"
    office.screenshot(path=str(SCREENSHOTS / "admin-request.png"))
    office.locator("#rr-actions-section").screenshot(path=str(SCREENSHOTS / "admin-request-actions.png"))
    office.click("text=发布答复")
    office.wait_for_selector("text=答复已发布")

    assert ResidentRequest.objects.get(pk=request.pk).status == Status.ANSWERED
    assert not problems, "\n".join(problems)
