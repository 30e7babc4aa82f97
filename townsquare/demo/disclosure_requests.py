"""The demo county's 依申请公开: twelve applications to several units in every state — just received, waiting for
the applicant's 补正, 补正 answered (clock restarted), a third party consulted, extended by the unit's head,
answered in each main outcome of the national format, and one overdue — with their 告知书.

Made only through ``disclosure_requests.handling`` with back-dated moments (counted in working days before
``now``), so due dates, timelines, statistics and the annual table come from the same rules as real use.
Idempotent: each application is found by its submission key ``demo-gk-<n>``.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from townsquare.core.idnumbers import credit_code_check_char, resident_id_check_char
from townsquare.core.workdays import is_working_day
from townsquare.disclosure_requests import handling
from townsquare.disclosure_requests.models import Application

from .dates import SHANGHAI

KEY_PREFIX = "demo-gk-"
LABEL = "依申请公开申请"

PEOPLE = [
    ("王秀兰", "19580312"),
    ("陈国强", "19710824"),
    ("刘美华", "19850106"),
    ("张建军", "19640918"),
    ("李桂芳", "19521130"),
    ("杨志明", "19790415"),
    ("赵丽娟", "19900722"),
]
ORGANISATIONS = {
    "business": ("示范县宏达建筑工程有限公司", "陈大海", "李会计"),
    "legal": ("清水河律师事务所", "周明远", "吴律师"),
    "welfare": ("示范县夕阳红志愿服务协会", "孙秀英", "孙秀英"),
    "research": ("清水河流域生态研究所", "郑华", "何研究员"),
}

# (unit slug, applicant: person index or organisation kind, channel, what is asked, steps)
# A step is (working days before now, action, arguments).
PLAN = [
    ("shifan", 0, "online", "2026年县城区老旧小区改造计划及涉及的小区名单。", []),
    (
        "qinghe",
        1,
        "online",
        "我们村前年修路占地的补偿标准文件。",
        [(3, "correction", "请写明是哪个村、哪一年修的哪条路，以及您想要的是补偿标准文件还是具体补偿名单。")],
    ),
    (
        "shiqiao",
        2,
        "letter",
        "石桥镇农村饮水安全工程的验收资料。",
        [
            (12, "correction", "请写明工程所在的村或工程名称，便于查找。"),
            (5, "correction_received", "是石桥镇南岭村2024年的自来水管网延伸工程。"),
        ],
    ),
    (
        "zhujian",
        "business",
        "online",
        "县保障性住房二期项目的招标文件和中标结果。",
        [(4, "consult", "示范县安居建设有限公司")],
    ),
    (
        "minzheng",
        "welfare",
        "online",
        "2021年至2025年全县养老服务补贴资金的分配和使用情况。",
        [(2, "extend", 15, "涉及五个年度、多个乡镇的资金档案，需要逐年调取核对。")],
    ),
    (
        "shifan",
        3,
        "online",
        "县政府关于2025年度为民办实事项目的文件。",
        [
            (
                30,
                "decide",
                "1",
                "您申请的《示范县2025年为民办实事项目安排》已在本告知书附件中提供，也可在县政府网站“政府信息公开—规划计划”栏目查看。",
                "《中华人民共和国政府信息公开条例》第三十六条第二项",
            )
        ],
    ),
    (
        "qinghe",
        "legal",
        "online",
        "青禾镇2025年土地征收补偿安置方案及听证材料。",
        [
            (30, "consult", "青禾镇东村村民委员会"),
            (25, "opinion", "同意公开方案，个人补偿明细请隐去姓名和身份证号。"),
            (
                20,
                "decide",
                "2",
                "补偿安置方案和听证笔录予以提供；其中个人补偿明细涉及个人隐私，已隐去姓名、身份证号后提供。",
                "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
            ),
        ],
    ),
    (
        "zhujian",
        "research",
        "online",
        "某建筑企业投标报价的成本构成明细。",
        [
            (
                38,
                "decide",
                "3.4",
                "您申请的信息属于投标企业的商业秘密，经征求意见，该企业不同意公开，公开会对其合法权益造成损害。",
                "《中华人民共和国政府信息公开条例》第十五条",
            )
        ],
    ),
    (
        "jiaoyu",
        4,
        "letter",
        "1985年县第二中学的教师名单。",
        [
            (
                10,
                "decide",
                "4.1",
                "经检索本机关档案，没有找到您所说的信息；该信息可能由县档案馆保存，可向县档案馆咨询（电话0999-6019100）。",
                "《中华人民共和国政府信息公开条例》第三十六条第四项",
            )
        ],
    ),
    (
        "renshe",
        5,
        "in_person",
        "2024年县公益性岗位招聘的文件（与本人去年申请的内容相同）。",
        [
            (
                30,
                "decide",
                "5.2",
                "您本次申请的内容与2025年3月已答复的申请相同，本机关不再重复处理。",
                "《中华人民共和国政府信息公开条例》第三十六条第六项",
            )
        ],
    ),
    (
        "liutang",
        6,
        "online",
        "柳塘镇的一些项目资料。",
        [
            (55, "correction", "请写明是哪一类项目、哪一年的，以及需要的是哪些资料。"),
            (
                30,
                "decide",
                "6.1",
                "本机关已于补正告知书中一次性告知需要补正的内容，您在规定期限内没有补正，本机关不再处理您的申请。",
                "《中华人民共和国政府信息公开条例》第三十条",
            ),
        ],
    ),
    ("weijian", 0, "online", "县人民医院2025年医疗服务价格调整的依据文件。", []),
]
RECEIVED_BEFORE = [2, 6, 15, 10, 19, 40, 35, 50, 33, 45, 60, 25]  # working days before now, per application


def working_days_before(day, count):
    while count:
        day -= timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def moment(now, working_days, hour=10):
    day = working_days_before(timezone.localtime(now).date(), working_days)
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


def resident_id(number, born):
    first17 = f"990102{born}{100 + number:03d}"
    return first17 + resident_id_check_char(first17)


def credit_code(number):
    first17 = f"5299010{number:02d}MA0TK{number:03d}"[:17]
    return first17 + credit_code_check_char(first17)


def applicant_fields(number, applicant):
    if isinstance(applicant, int):
        name, born = PEOPLE[applicant]
        return {
            "applicant_type": "person",
            "name": name,
            "id_type": "resident_id",
            "id_number": resident_id(number, born),
            "phone": f"13900{3000 + number:06d}",
            "email": f"applicant{number}@example.com" if number % 3 == 0 else "",
        }
    name, representative, contact = ORGANISATIONS[applicant]
    return {
        "applicant_type": "organisation",
        "organisation_kind": applicant,
        "name": name,
        "id_type": "credit_code",
        "id_number": credit_code(number),
        "representative": representative,
        "contact_person": contact,
        "phone": f"0999-62{number:02d}8{number:03d}",
        "email": f"office{number}@example.com",
    }


def ensure_disclosure_requests(units, now, tally):
    existing = set(
        Application.objects.filter(submission_key__startswith=KEY_PREFIX).values_list("submission_key", flat=True)
    )
    users = {
        user.username: user for user in get_user_model().objects.filter(username__in=[f"{slug}_head" for slug in units])
    }
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    for number, (slug, applicant, channel, description, steps) in enumerate(PLAN, 1):
        key = f"{KEY_PREFIX}{number}"
        if key in existing:
            tally.count(LABEL, False)
            continue
        received = moment(now, RECEIVED_BEFORE[number - 1], hour=9)
        fields = {
            **applicant_fields(number, applicant),
            "unit": units[slug],
            "address": f"示范县{units[slug].short_name or units[slug].name}人民路{number * 7}号",
            "description": description,
            "provision_form": "paper" if channel != "online" else "electronic",
            "delivery": "post" if channel == "letter" else "online",
            "received_at": received,
        }
        application, _ = handling.submit(fields, submission_key=key, channel=channel, now=received, actor=admin)
        head = users.get(f"{slug}_head") or admin
        for before, action, *arguments in steps:
            at = moment(now, before, hour=15)
            if action == "correction":
                handling.ask_correction(application, arguments[0], actor=admin, now=at)
            elif action == "correction_received":
                handling.receive_correction(application, arguments[0], actor=admin, now=at)
            elif action == "consult":
                handling.consult(application, arguments[0], actor=admin, now=at)
            elif action == "opinion":
                handling.record_opinion(application.consultations.get(answered_at__isnull=True), arguments[0], now=at)
            elif action == "extend":
                handling.extend(application, arguments[0], arguments[1], head, now=at)
            elif action == "decide":
                handling.decide(application, arguments[0], arguments[1], arguments[2], actor=admin, now=at)
        tally.count(LABEL, True)
