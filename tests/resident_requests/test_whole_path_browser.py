"""我要留言 end to end in a real browser: submit → staff accept → reply → resident rates → statistics move.

A resident on a phone fills the form with the keyboard only and submits it; a staff member of
the responsible town logs into the admin, finds the request under 待受理, accepts it and answers
with a reply template; the resident looks the request up with number and password, reads the
reply and the timeline and rates it 满意; the public list shows it with the resident's name and
phone masked; the public statistics and the admin statistics show the unit's figures for the
month moving from nothing to 1 received, 1 answered, 满意率 100%.

The statistics are computed on every request (``stats_views.public_stats`` → ``statistics.
year_statistics``, no cache in between), so the page is simply loaded again after each step.
"""

from pathlib import Path

import pytest
from django.utils import timezone

from townsquare.core.templatetags.townsquare_tags import plain

from ..browser.fixtures import PHONE, SCREENSHOTS
from ..factories import PASSWORD

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "browser" / "vendor" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}
DESKTOP = {"width": 1280, "height": 900}

RESIDENT = "王建国"
MOBILE = "13912345678"
TITLE = "东街口路灯一直不亮"
DETAILS = f"我是{RESIDENT}，电话{MOBILE}。东街口的路灯坏了一个多星期，晚上很黑，老人走路容易摔倒，请尽快修一修。"
TEMPLATE_BODY = "您反映的东街口路灯已经修好，感谢您对我们工作的监督。"
COMMENT = "修得很快，谢谢！"


@pytest.fixture
def fresh_install(transactional_db):
    """Transactional tests leave a flushed database: start from what ``migrate`` leaves, then build the county."""
    from ..conftest import reset_to_fresh_install

    reset_to_fresh_install()


@pytest.fixture
def site(fresh_install, live_server, desk):
    from townsquare.resident_requests.models import ReplyTemplate

    ReplyTemplate.objects.create(unit=desk.roads.unit, title="路灯已修", body=TEMPLATE_BODY)
    return live_server.url


def new_context(browser, phone=True):  # noqa: F811
    if phone:
        context = browser.new_context(
            viewport=PHONE, device_scale_factor=1, locale="zh-CN", is_mobile=True, has_touch=True
        )
    else:
        context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.set_default_timeout(10_000)
    return context, context.new_page()


def serious_violations(page, label):
    page.evaluate(AXE.read_text())  # by the test driver: the page's CSP allows no inline script
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert result["passes"], f"axe checked nothing on {page.url}"
    return [
        f"{label}: {v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes'][:5]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def focused(page):
    return page.evaluate("() => { const e = document.activeElement; return e ? (e.id || e.name || e.tagName) : ''; }")


def tab_to(page, element_id, limit=80):
    """Press Tab until the element with ``element_id`` has the focus (fails if Tab never reaches it)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if now == element_id:
            return
        seen.append(now)
    raise AssertionError(f"Tab never reached #{element_id}; focus went through {seen}")


def fill_form_with_keyboard(page, category_label):
    """The whole form from the keyboard: Tab between fields, Space and arrows for choices, Enter to send."""
    tab_to(page, "id_request_type_0")
    page.keyboard.press("Space")  # 咨询
    assert page.is_checked("#id_request_type_0")
    tab_to(page, "id_category")
    wanted = page.eval_on_selector(
        "#id_category", "(s, label) => [...s.options].find(o => o.text.startsWith(label)).value", category_label
    )
    for _ in range(10):
        if page.input_value("#id_category") == wanted:
            break
        page.keyboard.press("ArrowDown")
    assert page.input_value("#id_category") == wanted, "the category cannot be chosen with the arrow keys"
    tab_to(page, "id_title")
    page.keyboard.type(TITLE)
    tab_to(page, "id_details")
    page.keyboard.type(DETAILS)
    tab_to(page, "id_contact_name")
    page.keyboard.type(RESIDENT)
    tab_to(page, "id_contact_phone")
    page.keyboard.type(MOBILE)
    tab_to(page, "id_is_public_0")
    page.keyboard.press("Space")
    public_value = page.eval_on_selector("input[name=is_public]:checked", "e => e.labels[0].innerText")
    assert "同意" in public_value and "不" not in public_value, public_value
    tab_to(page, "submit-button")
    page.keyboard.press("Enter")


def figures_cell(page, column, row_label):
    """The text of ``column`` (a header of the month table) in the row whose header is ``row_label``."""
    return page.evaluate(
        """([column, rowLabel]) => {
            const table = document.querySelector('#stats-months-caption').closest('table');
            const headers = [...table.querySelectorAll('thead th')].map(th => th.innerText.trim());
            const rows = [...table.querySelectorAll('tr')];
            const row = rows.find(tr => tr.querySelector('th')?.innerText.trim() === rowLabel);
            return row ? row.children[headers.indexOf(column)].innerText.trim() : null;
        }""",
        [column, row_label],
    )


def test_submit_accept_answer_rate_and_the_figures_move(site, desk, browser):  # noqa: F811
    from townsquare.resident_requests.models import ResidentRequest, Status
    from townsquare.resident_requests.statistics import STATS_TIMEZONE

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    unit = desk.roads.unit
    year = timezone.localtime(timezone.now(), STATS_TIMEZONE).year
    stats_url = f"{site}/liuyan/stats/?year={year}&unit={unit.slug}"
    problems = []
    resident_context, resident = new_context(browser)
    office_context, office = new_context(browser, phone=False)
    try:
        # Before: the town has nothing this year.
        resident.goto(stats_url)
        assert resident.locator("#stats-unit").input_value() == unit.slug
        assert f"{year}年{unit.display_name}还没有收到留言" in resident.locator(".stats-summary-block").inner_text()

        # 1. The resident fills the form on a phone, keyboard only, and sends it.
        resident.goto(site + "/liuyan/")
        assert resident.locator("h1").inner_text() == "我要留言"
        problems += serious_violations(resident, "留言表单")
        resident.screenshot(path=str(SCREENSHOTS / "liuyan-path-1-form.png"), full_page=True)
        fill_form_with_keyboard(resident, desk.roads.name)
        resident.wait_for_url("**/liuyan/done/**")

        stored = ResidentRequest.objects.get()
        assert (stored.title, stored.details, stored.contact_name, stored.contact_phone) == (
            TITLE,
            DETAILS,
            RESIDENT,
            MOBILE,
        )
        assert (stored.request_type, stored.category_id, stored.unit_id, stored.is_public) == (
            "consult",
            desk.roads.pk,
            unit.pk,
            True,
        )
        numbers = resident.locator(".ticket-numbers")
        number = numbers.locator("dt:has-text('受理编号') + dd").inner_text().strip()
        password = numbers.locator("dt:has-text('查询密码') + dd").inner_text().strip()
        assert number == stored.tracking_number
        assert stored.check_query_password(password), "the page shows a password that does not open the request"
        answer_row = resident.locator("tr", has=resident.locator("th", has_text="预计答复"))
        assert plain(stored.answer_due) in answer_row.inner_text()
        assert stored.answer_due > stored.received_at
        problems += serious_violations(resident, "提交成功")
        resident.screenshot(path=str(SCREENSHOTS / "liuyan-path-2-done.png"), full_page=True)

        # Received, not yet public (a unit has not taken it up), and the figures count it already.
        resident.goto(site + "/liuyan/public/")
        assert resident.locator(f"text={TITLE}").count() == 0
        resident.goto(stats_url)
        assert (
            figures_cell(resident, "收到", f"{timezone.localtime(stored.received_at, STATS_TIMEZONE).month}月") == "1"
        )

        # 2. A staff member of the town logs in, finds it under 待受理 and accepts it.
        office.goto(site + "/admin/login/")
        office.fill("#id_username", unit.memberships.get(role="editor").user.username)
        office.fill("#id_password", PASSWORD)
        office.click("button[type=submit]")
        office.wait_for_url("**/admin/")
        office.goto(site + "/admin/liuyan/")
        office.get_by_role("link", name="待受理").click()
        office.wait_for_url("**tab=new**")
        row = office.locator("tbody tr", has_text=number)
        assert row.count() == 1
        assert "待受理" in row.inner_text()
        office.screenshot(path=str(SCREENSHOTS / "liuyan-path-3-inbox.png"), full_page=True)
        row.get_by_role("link", name=TITLE).click()
        office.wait_for_url(f"**/admin/liuyan/{stored.pk}/")
        office.get_by_role("button", name="受理这条留言").click()
        office.wait_for_selector("text=已受理。请在答复期限前答复留言人。")
        stored.refresh_from_db()
        assert stored.status == Status.ACCEPTED and stored.accepted_at is not None

        # 3. It answers with the town's reply template.
        office.locator("summary", has_text="答复").click()
        office.select_option("#id_answer-template", label="路灯已修")
        assert office.input_value("#id_answer-reply") == TEMPLATE_BODY
        office.click("text=发布答复")
        office.wait_for_selector("text=答复已发布")
        stored.refresh_from_db()
        assert stored.status == Status.ANSWERED and stored.reply == TEMPLATE_BODY

        # 4. The resident, in a new browser session, looks it up with number and password.
        resident_context.clear_cookies()
        resident.goto(site + "/liuyan/query/")
        resident.fill("#id_tracking_number", number)
        resident.fill("#id_password", password)
        resident.get_by_role("button", name="查询").click()
        resident.wait_for_url(f"**/liuyan/query/{number}/")
        assert TEMPLATE_BODY in resident.locator(".reply").inner_text()
        steps = resident.locator(".timeline .timeline-step").all_inner_texts()
        assert steps == [f"居民提交留言，交{unit.name}办理", f"{unit.name}受理", f"{unit.name}作出答复"], steps
        problems += serious_violations(resident, "办理进度")
        resident.screenshot(path=str(SCREENSHOTS / "liuyan-path-4-reply.png"), full_page=True)

        # … and rates it 满意 with a comment.
        resident.locator("#rate label", has_text="满意").filter(has_not_text="基本").filter(has_not_text="不").click()
        resident.fill("#id_comment", COMMENT)
        resident.get_by_role("button", name="提交评价").click()
        resident.wait_for_selector("text=谢谢您的评价！")
        assert f"满意：{COMMENT}" in resident.locator("tr", has_text="您的评价").inner_text()
        assert resident.locator("#rate").count() == 0
        steps = resident.locator(".timeline .timeline-step").all_inner_texts()
        assert steps[-1] == "居民评价：满意", steps
        assert COMMENT in resident.locator(".timeline li").last.inner_text()
        stored.refresh_from_db()
        assert (stored.rating, stored.rating_comment) == ("satisfied", COMMENT)
        resident.screenshot(path=str(SCREENSHOTS / "liuyan-path-5-rated.png"), full_page=True)

        # 5. The public list shows the answered request, the resident's name and phone masked.
        resident.goto(site + "/liuyan/public/?status=answered")
        card = resident.locator("main").get_by_text(TITLE).first
        assert card.count() == 1
        page_text = resident.locator("main").inner_text()
        assert "王**" in page_text and "139****5678" in page_text, page_text
        assert RESIDENT not in page_text and MOBILE not in page_text
        resident.screenshot(path=str(SCREENSHOTS / "liuyan-path-6-public-list.png"), full_page=True)
        resident.goto(f"{site}/liuyan/public/{number}/")
        public_text = resident.locator("main").inner_text()
        assert TEMPLATE_BODY in public_text and "139****5678" in public_text
        assert RESIDENT not in public_text and MOBILE not in public_text
        problems += serious_violations(resident, "公开留言")

        # 6. The statistics moved: this month 1 received, 1 answered, 满意率 100% (1/1).
        month = f"{timezone.localtime(stored.received_at, STATS_TIMEZONE).month}月"
        resident.goto(stats_url)
        summary = resident.locator(".stats-summary-block").inner_text()
        assert "已答复1件" in summary, summary
        assert figures_cell(resident, "收到", month) == "1"
        assert figures_cell(resident, "满意率", month).split() == ["100%", "1/1"]
        assert figures_cell(resident, "按期办结率", month).split() == ["100%", "1/1"]
        problems += serious_violations(resident, "办理情况统计")
        resident.screenshot(path=str(SCREENSHOTS / "liuyan-path-7-stats.png"), full_page=True)

        # The same figures in the admin, for the town's own staff.
        office.goto(site + "/admin/liuyan-stats/")
        assert figures_cell(office, "收到", month) == "1"
        assert figures_cell(office, "满意率", month).split() == ["100%", "1/1"]
        office.screenshot(path=str(SCREENSHOTS / "liuyan-path-8-admin-stats.png"), full_page=True)
    finally:
        resident_context.close()
        office_context.close()
    assert not problems, "\n".join(problems)
