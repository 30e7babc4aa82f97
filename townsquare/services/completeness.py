"""What a complete 办事指南 contains, and whether a guide is stale.

Each element is one rule with two faces: a check on a guide (possibly unsaved, with its
inline rows in memory) and the same check as a SQL condition, so an oversight list of
incomplete guides costs one query. Tests hold the two faces to the same answers.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

BLANK = r"^\s*$"
CHILD_RELATIONS = ("materials", "steps", "faqs", "legal_basis")


def _blank(value):
    return not (value or "").strip()


def _blank_q(field):
    return Q(**{f"{field}__regex": BLANK})


@dataclass(frozen=True)
class Element:
    name: str
    is_missing: Callable  # (guide, children) -> bool
    missing_q: Callable  # () -> Q


def _text(name, field):
    return Element(name, lambda guide, children: _blank(getattr(guide, field)), lambda: _blank_q(field))


def _value(name, field):
    return Element(name, lambda guide, children: getattr(guide, field) is None, lambda: Q(**{f"{field}__isnull": True}))


def _rows(name, relation):
    def missing_q():
        from . import models

        model = {
            "materials": models.GuideMaterial,
            "steps": models.GuideStep,
            "faqs": models.GuideQuestion,
            "legal_basis": models.GuideLegalBasis,
        }[relation]
        return ~Exists(model.objects.filter(page=OuterRef("pk")))

    return Element(name, lambda guide, children: not children[relation], missing_q)


def _materials_where(name, row_missing, row_q):
    def missing_q():
        from .models import GuideMaterial

        return Exists(GuideMaterial.objects.filter(row_q(), page=OuterRef("pk")))

    return Element(name, lambda guide, children: any(row_missing(m) for m in children["materials"]), missing_q)


def _audience_missing(guide, children):
    return _blank(guide.applicants) or not (guide.for_person or guide.for_organisation)


def _fee_missing(guide, children):
    return not guide.fee or (guide.fee == "charged" and _blank(guide.fee_standard))


ELEMENTS = [
    _text("事项名称", "title"),
    _value("实施主体", "unit_id"),
    Element(
        "服务对象", _audience_missing, lambda: _blank_q("applicants") | Q(for_person=False, for_organisation=False)
    ),
    _text("办理条件", "conditions"),
    _rows("申请材料", "materials"),
    _materials_where("申请材料的份数", lambda m: not m.originals and not m.copies, lambda: Q(originals=0, copies=0)),
    _materials_where("申请材料的获取途径", lambda m: _blank(m.source), lambda: _blank_q("source")),
    _rows("办理流程", "steps"),
    _value("法定时限", "legal_days"),
    _value("承诺时限", "promised_days"),
    Element("收费标准", _fee_missing, lambda: Q(fee="") | (Q(fee="charged") & _blank_q("fee_standard"))),
    _text("办理地点", "place"),
    _text("办理窗口", "window"),
    _text("办公时间", "office_hours"),
    _text("交通指引", "transport"),
    _text("咨询电话", "consult_phone"),
    _text("监督投诉电话", "complaint_phone"),
    _value("跑动次数", "visits"),
    Element(
        "在线办理链接（零跑动事项必填）",
        lambda guide, children: guide.visits == 0 and _blank(guide.online_url),
        lambda: Q(visits=0) & _blank_q("online_url"),
    ),
    _rows("常见问题", "faqs"),
    _rows("法律依据", "legal_basis"),
]
ELEMENT_NAMES = [element.name for element in ELEMENTS]


def children_of(guide):
    """The guide's inline rows; uses what ``with_elements()`` prefetched, or what a form holds in memory."""
    return {relation: list(getattr(guide, relation).all()) for relation in CHILD_RELATIONS}


def missing_elements(guide, children=None):
    children = children if children is not None else children_of(guide)
    return [element.name for element in ELEMENTS if element.is_missing(guide, children)]


def incomplete_q():
    condition = Q()
    for element in ELEMENTS:
        condition |= element.missing_q()
    return condition


def publish_refusal(guide, children=None):
    missing = missing_elements(guide, children)
    if missing and _blank(guide.incomplete_reason):
        return f"这份办事指南还缺：{'、'.join(missing)}。请补全后再发布；确实没有的，请在“缺项说明”里写明原因。"
    return ""


def _cutoff(on, days):
    return on - datetime.timedelta(days=days)


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def last_checked(guide):
    """The later of the 核对日期 and the last publication (a republished guide was looked at)."""
    dates = [guide.reviewed_on]
    if guide.last_published_at:
        dates.append(timezone.localtime(guide.last_published_at).date())
    return max(d for d in dates if d is not None) if any(dates) else None


def is_stale(guide, on, days):
    checked = last_checked(guide)
    return checked is None or checked < _cutoff(on, days)


def stale_q(on, days):
    cutoff = _cutoff(on, days)
    return (Q(reviewed_on__isnull=True) | Q(reviewed_on__lt=cutoff)) & (
        Q(last_published_at__isnull=True) | Q(last_published_at__lt=_start_of(cutoff))
    )
