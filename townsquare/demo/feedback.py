"""Demo county: answers to 这个页面对您有帮助吗？ on several pages over the last weeks — two pages most people
found unhelpful (监管 lists them, with what was missing), the others mostly helpful.

Called from ``loader.py`` as ``ensure_feedback(units, now, tally)``, after the pages and guides exist.
Idempotent: answers are added only when there are none.
"""

from datetime import timedelta

from wagtail.models import Page

from townsquare.feedback.models import PageAnswer
from townsquare.visits.places import unit_for_path, unit_prefixes

# (page slug or a path outside the page tree, helpful answers, unhelpful answers with what was missing —
# "" for none)
ANSWERS = [
    (
        "chusheng-yixue-zhengming-bufa",
        1,
        [
            "没写周六能不能办。",
            "材料里写“相关证明”，到底是什么证明？",
            "咨询电话打了三次都没人接。",
            "",
            "在外地能不能网上申请？没说。",
            "",
        ],
    ),
    (
        "laoren-gongjiao-mianfei-banfa",
        2,
        ["看不懂，能不能说说我们老人要做什么。", "没写从哪天开始执行。", ""],
    ),
    ("dongguanlu-tingshui", 9, ["没说几点来水。"]),
    ("jiehun-dengji", 7, [""]),
    ("/liuyan/", 6, ["留言以后多久能有回复？"]),
    ("/banshi/", 5, []),
    ("qinghe", 4, ["镇便民服务中心在哪条路上没找到。", ""]),
]


def ensure_feedback(units, now, tally):
    if PageAnswer.objects.exists():
        tally.count("页面反馈", False)
        return
    prefixes = unit_prefixes()
    rows = []
    for index, (where, helpful, unhelpful) in enumerate(ANSWERS):
        page, path = _place(where)
        if path is None:
            continue
        unit_id = unit_for_path(path, prefixes)
        answers = [(True, "")] * helpful + [(False, text) for text in unhelpful]
        for n, (is_helpful, missing) in enumerate(answers):
            when = now - timedelta(days=(n * 3 + index) % 28 + 1, hours=(n * 5) % 11)
            rows.append(
                PageAnswer(path=path, page=page, unit_id=unit_id, helpful=is_helpful, missing=missing, created_at=when)
            )
    PageAnswer.objects.bulk_create(rows)
    tally.count("页面反馈", True)


def _place(where):
    """The live page of a slug and its public path, or no page and the path itself."""
    if where.startswith("/"):
        return None, where
    page = Page.objects.live().filter(slug=where).first()
    if page is None:
        return None, None
    parts = page.get_url_parts()
    return (page, parts[2]) if parts else (None, None)
