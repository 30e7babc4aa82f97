"""The demo's 发布前审查: the county's 错敏词 list, and one 公示 that went out with a full ID number.

The 公示 (青禾镇's 危房改造 list) shows one household's ID number in full, the mistake the scan is
for: the daily rescan finds it, 监管 shows it as a veto, and its review page offers 一键遮盖. The
number is fictional (region 110101, born 1968) with a valid check digit, so it is a real catch.
"""

from datetime import timedelta

from townsquare.publishing.models import PublicityPage, SectionPage, UnitHomePage
from townsquare.screening.models import Finding, SensitiveWord
from townsquare.screening.review import screen

from .dates import moment

PLANTED_SLUG = "qinghe-weifang-gaizao-buzhu"
PLANTED_ID = "110101196805120419"  # fictional; GB 11643 check digit 9

WORDS = [
    ("国土资源局", SensitiveWord.Kind.OUTDATED, "自然资源局", "2018年机构改革后更名为自然资源局。"),
    ("国土局", SensitiveWord.Kind.OUTDATED, "自然资源局", "2018年机构改革后更名。"),
    ("环境保护局", SensitiveWord.Kind.OUTDATED, "生态环境局", "2018年机构改革后更名为生态环境局。"),
    ("环保局", SensitiveWord.Kind.OUTDATED, "生态环境局", "2018年机构改革后更名。"),
    ("卫生和计划生育委员会", SensitiveWord.Kind.OUTDATED, "卫生健康委员会", "2018年机构改革后更名。"),
    ("卫计委", SensitiveWord.Kind.OUTDATED, "卫生健康委员会", "2018年机构改革后更名。"),
    ("安全生产监督管理局", SensitiveWord.Kind.OUTDATED, "应急管理局", "2018年机构改革后职责划入应急管理局。"),
    ("安监局", SensitiveWord.Kind.OUTDATED, "应急管理局", "2018年机构改革后职责划入应急管理局。"),
    ("工商行政管理局", SensitiveWord.Kind.OUTDATED, "市场监督管理局", "2018年机构改革后职责划入市场监管。"),
    ("新型农村合作医疗", SensitiveWord.Kind.OUTDATED, "城乡居民基本医疗保险", "城乡居民医保已整合。"),
    ("城镇居民医保", SensitiveWord.Kind.OUTDATED, "城乡居民基本医疗保险", "城乡居民医保已整合。"),
    ("营业税", SensitiveWord.Kind.OUTDATED, "增值税", "2016年全面营改增，营业税已取消。"),
    (
        "身份证复印件一式三份",
        SensitiveWord.Kind.OUTDATED,
        "身份证（现场核验，无需复印）",
        "推行证明事项告知承诺和免复印。",
    ),
    ("截止日期", SensitiveWord.Kind.ERROR, "截至日期", "“截至”表示到某时为止。"),
    ("帐户", SensitiveWord.Kind.ERROR, "账户", "规范用字为“账户”。"),
    ("既往不究", SensitiveWord.Kind.ERROR, "既往不咎", "常见错别字。"),
    ("按步就班", SensitiveWord.Kind.ERROR, "按部就班", "常见错别字。"),
    ("再接再励", SensitiveWord.Kind.ERROR, "再接再厉", "常见错别字。"),
    ("一股作气", SensitiveWord.Kind.ERROR, "一鼓作气", "常见错别字。"),
    ("走投无路的贫困户", SensitiveWord.Kind.SENSITIVE, "", "带有贬损色彩，请用平实中性的说法描述困难群众。"),
    ("老赖", SensitiveWord.Kind.SENSITIVE, "失信被执行人", "政府文件用规范说法。"),
]

PLANTED_BODY = [
    (
        "text",
        "<p>经农户申请、村民评议、镇政府审核，下面3户拟列为今年农村危房改造补助对象，现予公示。</p>"
        "<ul><li>石桥村3组 张** 家庭4人 C级危房 补助1.5万元</li>"
        f"<li>上湾村 王建华 身份证号 {PLANTED_ID} D级危房 补助3万元</li>"
        "<li>下湾村 刘** 家庭2人 C级危房 补助1.5万元</li></ul>"
        "<p>公示期内对名单有意见，请联系青禾镇村镇建设办公室。</p>",
    )
]


def ensure_words(tally):
    for word, kind, suggestion, note in WORDS:
        _, created = SensitiveWord.objects.get_or_create(
            word=word, defaults={"kind": kind, "suggestion": suggestion, "note": note}
        )
        tally.count("错敏词", created)


def ensure_planted_publicity(units, now, tally):
    home = UnitHomePage.objects.filter(unit=units["qinghe"]).first()
    section = home and SectionPage.objects.child_of(home).filter(kind="publicity").first()
    if section is None:
        return None
    page = PublicityPage.objects.filter(slug=PLANTED_SLUG).first()
    tally.count("公示（含个人信息）", page is None)
    if page is None:
        page = PublicityPage(
            title="青禾镇农村危房改造补助对象公示",
            slug=PLANTED_SLUG,
            unit=units["qinghe"],
            summary="3户拟列为农村危房改造补助对象，公示5天。",
            body=PLANTED_BODY,
            period_starts=moment(now, -1, "09:00"),
            period_ends=moment(now, 4, "17:30"),
            objection_contact="青禾镇村镇建设办公室，电话 0999-6021136",
        )
        from .loader import backdate  # the loader imports this module: imported when used

        section.add_child(instance=page)
        page.save_revision().publish()
        backdate(page, page.period_starts)  # published when the period started, written then too
    return page


def ensure_screening(units, now, tally):
    """The 错敏词 list, the planted 公示, and the rescan's finding on it (as the daily job makes it)."""
    ensure_words(tally)
    page = ensure_planted_publicity(units, now, tally)
    if page is not None:
        screen(page, live=True)
        # Found by last night's rescan, after the page went live a day ago.
        Finding.objects.filter(page=page, found_at__gt=now).update(found_at=now - timedelta(hours=6))
