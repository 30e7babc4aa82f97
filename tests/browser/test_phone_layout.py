"""Phones and desktops: no public page is wider than the screen, form controls are big enough to
use, and 长辈版's header buttons keep each label on one line.

Each test loads the demo county once (~10 s) and walks its pages in one browser context; each
page is loaded once and measured at every width by resizing the viewport.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

WIDTHS = (360, 390, 1366)
PHONE_WIDTHS = (360, 390)
HEIGHT = 800
ELDER_PAGES = ("首页", "搜索结果", "我要留言", "预约", "租房发布", "政务新媒体账号")

# Text-like form controls (check boxes, radio buttons and file pickers are sized otherwise).
CONTROLS = (
    'input:not([type="checkbox"]):not([type="radio"]):not([type="hidden"]):not([type="file"])'
    ':not([type="submit"]):not([type="button"]):not([type="reset"]), select, textarea'
)
MEASURE_CONTROLS = """selector => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  return [...document.querySelectorAll(selector)]
    .filter(el => !el.closest('.hp-field') && el.getClientRects().length)
    .map(el => ({
      name: el.name || el.id, height: el.getBoundingClientRect().height,
      font: parseFloat(getComputedStyle(el).fontSize),
    }));
}"""
# Lines a header button's label takes: distinct tops of the boxes of its text (not of its icon).
LABEL_LINES = """() => [...document.querySelectorAll('.header-actions a')].map(a => {
  const range = document.createRange();
  const tops = new Set();
  for (const node of a.childNodes) {
    if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
  }
  return {label: a.textContent.trim(), lines: tops.size};
})"""


def first(queryset, what):
    item = queryset.first()
    assert item is not None, f"the demo has no {what}"
    return item


def public_pages():
    """One public page of each kind in the demo county: label -> path."""
    from townsquare.appointments.public import bookable_services, open_days
    from townsquare.listings.public import KIND_PAGES
    from townsquare.publishing.models import (
        HomePage,
        InterpretationPage,
        NewsPage,
        NoticePage,
        PolicyPage,
        PublicityPage,
        SectionPage,
        TopicPage,
        UnitHomePage,
    )
    from townsquare.resident_requests.public import public_requests
    from townsquare.services.models import ServiceGuidePage, ServiceIndexPage

    pages = {"首页": HomePage.objects.live().get().url, "单位首页": first(UnitHomePage.objects.live(), "unit").url}
    for section in SectionPage.objects.live().filter(depth=3).order_by("path"):
        pages.setdefault(f"栏目 {section.title}", section.url)
    for label, model in (
        ("新闻", NewsPage),
        ("通知", NoticePage),
        ("公示", PublicityPage),
        ("政策文件", PolicyPage),
        ("政策解读", InterpretationPage),
        ("专题", TopicPage),
    ):
        pages[label] = first(model.objects.live().order_by("-first_published_at"), label).url
    guide = first(ServiceGuidePage.objects.live(), "service guide")
    service = first(bookable_services(), "bookable service")
    day = open_days(service)[0].day  # the form's fields show once a day is chosen
    pages.update(
        {
            "办事指南": reverse("services:index"),
            "办事指南栏目": first(ServiceIndexPage.objects.live(), "service index").url,
            "办事指南详情": guide.url,
            "办事指南打印版": guide.url + "dayin/",
            "我要留言": reverse("resident_requests:submit"),
            "公开留言": reverse("resident_requests:public_list"),
            "公开留言详情": reverse(
                "resident_requests:public_detail", args=[first(public_requests(), "public request").tracking_number]
            ),
            "查询留言": reverse("resident_requests:query"),
            "留言统计": reverse("resident_requests:stats"),
            "搜索结果": reverse("sitesearch:search") + "?q=社保",
            "预约": reverse("appointments:index"),
            "预约办理": reverse("appointments:book", args=[service.pk]) + f"?day={day.isoformat()}",
            "查询预约": reverse("appointments:lookup"),
            "我的预约": reverse("appointments:mine"),
            "生活服务": reverse("listings:index"),
            "天气": reverse("weather:page"),
            "政务新媒体账号": reverse("channels:index"),
            "个人信息处理规则": reverse("privacy:notice"),
            "找不到页面": "/meiyou-zhege-yemian/",
        }
    )
    for kind, kind_page in KIND_PAGES.items():
        pages[f"{kind_page.label}列表"] = reverse(f"listings:{kind}_list")
        row = kind_page.rows().first()
        if row is not None:
            pages[f"{kind_page.label}详情"] = reverse(f"listings:{kind}_detail", args=[row.pk])
        if kind_page.submit_label:
            pages[f"{kind_page.label}发布"] = reverse(f"listings:{kind}_submit")
    return pages


@pytest.fixture
def screen(browser):
    context = browser.new_context(
        viewport={"width": WIDTHS[0], "height": HEIGHT}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def set_mode(page, base, elder):
    page.goto(f"{base}/elder/?on={int(elder)}&next=/")


def page_width(page, width):
    page.set_viewport_size({"width": width, "height": HEIGHT})
    return page.evaluate("() => document.documentElement.scrollWidth")


def test_no_public_page_is_wider_than_the_screen(demo_site, screen):
    pages = public_pages()
    too_wide = []
    for elder in (False, True):
        set_mode(screen, demo_site, elder)
        for label, path in pages.items():
            if elder and label not in ELDER_PAGES:
                continue
            screen.set_viewport_size({"width": WIDTHS[0], "height": HEIGHT})
            screen.goto(demo_site + path)
            for width in WIDTHS:
                scrolled = page_width(screen, width)
                if scrolled > width:
                    too_wide.append(f"{'长辈版 ' if elder else ''}{label} {path} at {width}px: {scrolled}px wide")
    assert not too_wide, "\n".join(too_wide)


def test_form_controls_have_readable_text_and_tap_height(demo_site, screen):
    pages = public_pages()
    forms = ("搜索结果", "我要留言", "查询留言", "公开留言", "预约办理", "查询预约", "办事指南", "租房发布", "招聘列表")
    too_small = []
    for elder, tap in ((False, 44), (True, 60)):
        set_mode(screen, demo_site, elder)
        for label in forms:
            screen.goto(demo_site + pages[label])
            controls = screen.evaluate(MEASURE_CONTROLS, CONTROLS)
            assert controls, f"no form control on {label}"
            for control in controls:
                if control["font"] < 16 or control["height"] < tap - 0.5:
                    too_small.append(
                        f"{'长辈版 ' if elder else ''}{label} {control['name']}: "
                        f"{control['font']}px text, {control['height']:.0f}px tall (want ≥ 16, ≥ {tap})"
                    )
    assert not too_small, "\n".join(too_small)


def test_elder_header_buttons_keep_each_label_on_one_line(demo_site, screen):
    set_mode(screen, demo_site, True)
    broken = []
    for width in PHONE_WIDTHS:
        screen.set_viewport_size({"width": width, "height": HEIGHT})
        screen.goto(demo_site + "/")
        labels = screen.evaluate(LABEL_LINES)
        assert len(labels) == 3, labels
        broken += [f"{item['label']} at {width}px: {item['lines']} lines" for item in labels if item["lines"] != 1]
    assert not broken, "\n".join(broken)


def test_account_names_on_a_phone_are_not_squeezed(demo_site, screen):
    screen.goto(demo_site + reverse("channels:index"))
    widths = screen.eval_on_selector_all(".channel-name", "els => els.map(el => el.getBoundingClientRect().width)")
    qr_codes = screen.eval_on_selector_all("img.channel-qr", "els => els.filter(el => el.naturalWidth > 0).length")
    assert widths and qr_codes == len(widths) and min(widths) >= 150, (widths, qr_codes)
