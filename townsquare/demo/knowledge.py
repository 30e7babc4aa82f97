"""Demo county: the 知识库 — entries from the guides' 常见问题 and the interpretations, the units' own answers to
what residents ask most, one written from an answered 咨询, one past its review date (监管 flags it), and a
month of the suggestion figures.

Called from ``loader.py`` as ``ensure_knowledge(units, now, tally)``, after requests and guides, before search
rebuilds its index. Idempotent: an entry is looked up by its question; the figures are added only when none
are there.
"""

from datetime import timedelta

from django.utils import timezone

from townsquare.knowledge.building import NotAnswerable, from_request, import_published
from townsquare.knowledge.models import AnswerTally, Entry

# (unit slug, question, other wordings, answer, days until review — negative: overdue)
ENTRIES = [
    (
        "renshe",
        "社保卡丢了怎么补办？",
        "社保卡补办\n社保卡坏了怎么办\n社会保障卡补领",
        "先挂失：打12333或在“示范县人社”公众号上挂失，挂失后卡里的钱不会丢。\n"
        "再补卡：带身份证到县政务服务中心人社窗口或任意一家合作银行网点，立等可取，第一次补卡不收费。",
        150,
    ),
    (
        "yibao",
        "新生儿怎么参加医保？",
        "孩子刚出生怎么上医保\n新生儿医保怎么办",
        "凭出生医学证明就能参保，不用等上户口。出生90天内参保缴费的，出生以来的住院费用可以按规定报销。"
        "可以在“示范县医保”公众号上办，也可以到县政务服务中心医保窗口办。",
        160,
    ),
    (
        "jiaotong",
        "60岁以上老人坐公交要钱吗？",
        "老年人坐公交免费吗\n老年卡怎么办\n老人免费乘车",
        "不要钱。60岁以上老人坐县内城乡公交免费，外地老人也一样。刷老年卡或出示身份证就能上车。"
        "老年卡带身份证到各镇便民服务中心办，当场可取。",
        120,
    ),
    (
        "minzheng",
        "低保申请要什么条件？",
        "怎么申请低保\n低保去哪里申请",
        "家里每人每月收入低于示范县低保标准、家庭财产也符合规定的，可以申请。"
        "到户口所在地的镇便民服务中心申请，带身份证、户口簿和收入情况说明；工作人员会入户核实，30个工作日内给结果。",
        140,
    ),
    (
        "qinghe",
        "青禾镇停水停电在哪里看通知？",
        "青禾镇停水\n青禾镇停电通知",
        "在“网上的青禾镇”首页的通知公告里看，计划停水停电至少提前一天公布。"
        "也可以在本站“订阅”里选青禾镇的停水停电，通知一发布就发到您的邮箱。",
        100,
    ),
    (
        "chengguan",
        "城关镇的大件垃圾怎么扔？",
        "旧家具怎么扔\n大件垃圾清运",
        "旧沙发、床垫等大件垃圾不要放在垃圾桶边。每周六上午把它放到小区指定的大件垃圾点，"
        "城关镇环卫所统一拉走；小区没有指定点的，打城关镇便民服务中心电话预约上门收运，不收费。",
        -12,  # overdue: the 监管 page flags it
    ),
]

FIGURES = {  # per day over the last 30 days: suggestions shown, opened, sent after opening, continued
    AnswerTally.Event.SUGGESTED: 9,
    AnswerTally.Event.OPENED: 5,
    AnswerTally.Event.SENT_AFTER_OPEN: 2,
    AnswerTally.Event.CONTINUED: 1,
}


def ensure_knowledge(units, now, tally):
    today = timezone.localdate(now)
    for slug, question, others, answer, review_in in ENTRIES:
        unit = units.get(slug)
        if unit is None:
            continue
        _, created = Entry.objects.get_or_create(
            question=question,
            defaults={
                "other_questions": others,
                "answer": answer,
                "unit": unit,
                "source": Entry.Source.OWN,
                "review_by": today + timedelta(days=review_in),
            },
        )
        tally.count("知识库条目", created)
    made = import_published()
    for _ in range(sum(made.values())):
        tally.count("知识库条目", True)
    _from_answered_consult(tally)
    _figures(today, tally)


def _from_answered_consult(tally):
    from townsquare.resident_requests.models import RequestType, ResidentRequest, Status

    if Entry.objects.filter(source=Entry.Source.REQUEST).exists():
        tally.count("知识库条目", False)
        return
    answered = ResidentRequest.objects.filter(
        request_type=RequestType.CONSULT, status=Status.ANSWERED, is_public=True
    ).order_by("answered_at")
    for resident_request in answered:
        try:
            entry = from_request(resident_request)
        except NotAnswerable:
            continue
        entry.published = True
        entry.save()
        tally.count("知识库条目", True)
        return


def _figures(today, tally):
    if AnswerTally.objects.exists():
        tally.count("推荐回答统计", False)
        return
    rows = []
    for back in range(30):
        day = today - timedelta(days=back)
        for event, per_day in FIGURES.items():
            # A little less on weekends, a little more on Mondays: the shape of real weeks.
            count = per_day - 2 * (day.weekday() >= 5) + (day.weekday() == 0)
            rows.append(AnswerTally(day=day, event=event, count=max(count, 0)))
    AnswerTally.objects.bulk_create(rows)
    tally.count("推荐回答统计", True)
