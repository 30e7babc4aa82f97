"""The demo county's 公开年报 for last year: the county's (all units) and 青禾镇's, published.

Last year's 依申请公开 applications (a few, handled through ``disclosure_requests.handling`` on last year's
dates) give section 三 its figures; the catalogue and policies give the computed figures of sections 一 and 二;
the rest is what staff would type. Idempotent: applications by submission key, reports by unit and year.
"""

from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.utils import timezone

from townsquare.disclosure.annual.publishing import publish
from townsquare.disclosure.models import AnnualReport
from townsquare.disclosure_requests import handling
from townsquare.disclosure_requests.models import Application

from .dates import SHANGHAI
from .disclosure_requests import applicant_fields

KEY_PREFIX = "demo-gk-lastyear-"
# (unit slug, applicant, what is asked, received (month, day), decided (month, day) or None, outcome, answer)
LAST_YEAR = [
    ("qinghe", 0, "青禾镇幸福路拓宽工程的立项批复。", (3, 10), (3, 28), "1", "立项批复已随本告知书提供。"),
    (
        "qinghe",
        2,
        "本镇去年低保对象的评审会议记录。",
        (5, 6),
        (5, 27),
        "2",
        "评审结果予以提供；会议记录中的个人信息已隐去。",
    ),
    ("qinghe", "business", "青禾镇农贸市场改造项目的招标文件。", (7, 14), (8, 1), "1", "招标文件已随本告知书提供。"),
    ("qinghe", 4, "镇政府食堂的采购账目明细。", (9, 2), (9, 19), "3.5", "食堂采购账目属于内部事务信息，不予公开。"),
    ("shiqiao", 5, "石桥镇2024年防汛物资的采购清单。", (6, 3), (6, 20), "1", "采购清单已随本告知书提供。"),
    ("minzheng", 6, "全县敬老院的床位数和入住条件。", (4, 8), (4, 25), "1", "相关信息已随本告知书提供。"),
    ("zhujian", "legal", "某小区物业公司的内部财务报表。", (10, 13), (10, 30), "4.1", "本机关不掌握该信息。"),
    ("shifan", 1, "县里明年的道路建设计划全文。", (12, 22), None, "", ""),
]
OUTCOME_BASIS = "《中华人民共和国政府信息公开条例》第三十六条"

REPORTS = {
    "shifan": {
        "overview": (
            "{year}年，示范县坚持以公开为常态、不公开为例外，按照基层政务公开标准目录，"
            "在县政府网站集中公开各单位的政策文件、通知公告、公示和办事指南。"
            "各镇、各部门的政府信息公开栏目全部开通，依申请公开实行网上申请、网上查询。"
        ),
        "problems": (
            "一是个别镇的标准目录事项公开不够及时；二是政策解读形式比较单一。"
            "下一步，县政府办公室每月检查各单位的公开情况，并多用图解、问答等群众看得懂的形式解读政策。"
        ),
        "other": "本年度没有收取政府信息公开信息处理费。",
        "figures": {"licensing": 1860, "penalty": 214, "coercion": 9, "fees": "32.6", "review_upheld": 1},
    },
    "qinghe": {
        "overview": (
            "{year}年，青禾镇按照标准目录公开低保、救助、涉农补贴等群众关心的信息，"
            "在镇便民服务中心设置查阅点，方便不会上网的老人查阅。"
        ),
        "problems": "公开的信息有时没有按期更新。下一步明确专人负责，每周检查一次栏目。",
        "other": "本年度没有收取信息处理费。",
        "figures": {"licensing": 46, "penalty": 5, "coercion": 0, "fees": "0"},
    },
}


def _at(year, month_day, hour):
    return datetime.combine(datetime(year, *month_day).date(), time(hour), tzinfo=SHANGHAI)


def ensure_last_year_applications(units, year, tally):
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    for number, (slug, applicant, description, received, decided, outcome, answer) in enumerate(LAST_YEAR, 1):
        key = f"{KEY_PREFIX}{year}-{number}"
        exists = Application.objects.filter(submission_key=key).exists()
        tally.count("去年的依申请公开申请", not exists)
        if exists:
            continue
        received_at = _at(year, received, 9)
        fields = {
            **applicant_fields(40 + number, applicant),
            "unit": units[slug],
            "address": f"示范县{units[slug].short_name or units[slug].name}建设路{number * 3}号",
            "description": description,
            "provision_form": "electronic",
            "delivery": "online",
            "received_at": received_at,
        }
        application, _ = handling.submit(fields, submission_key=key, now=received_at, actor=admin)
        if decided:
            handling.decide(application, outcome, answer, OUTCOME_BASIS, actor=admin, now=_at(year, decided, 15))


def ensure_annual_reports(units, year, tally):
    for slug, spec in REPORTS.items():
        report, created = AnnualReport.objects.get_or_create(
            unit=units[slug],
            year=year,
            defaults={
                "overview": spec["overview"].format(year=year),
                "problems": spec["problems"],
                "other_matters": spec["other"],
                **spec["figures"],
            },
        )
        tally.count("公开年报", created)
        if created or report.page_id is None:
            publish(report, directly=True)


def ensure_disclosure_annual(units, now, tally):
    year = timezone.localdate(now).year - 1
    ensure_last_year_applications(units, year, tally)
    ensure_annual_reports(units, year, tally)
