"""The inspection indicators for government websites and new media (国办秘函〔2019〕19号) as rules.

Each rule is a ``Rule`` whose ``check(rule, scope, data) -> [Finding]`` reads only ``data``, a
``snapshot.Snapshot`` taken once for a moment ``now``; ``scope`` says which unit is checked (or the
whole county). Thresholds and points are settings (OVERSIGHT_* in townsquare/settings/rules.py); ``scoring`` turns
the findings into a score.

``check(unit_or_none, now)`` runs every rule for one unit (or the county); ``evaluate(now)`` runs
them for every unit and the county at once, from one snapshot.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from . import availability
from .admin_links import (
    add_to_section_url,
    availability_url,
    channel_admin_url,
    hot_topic_url,
    knowledge_entry_url,
    page_edit_url,
    request_categories_url,
    request_url,
    standard_item_url,
)
from .scoring import ADVICE, DEDUCTION, VETO, Evaluation, Finding, county_scope, run_rules, unit_scope
from .snapshot import NOTICE_KINDS, Snapshot, stale_days_for, zombie_days


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str
    title: str
    check: Callable
    points_setting: str = ""
    cap_setting: str = ""
    county_only: bool = False

    def points(self):
        return getattr(settings, self.points_setting) if self.points_setting else 0

    def cap(self):
        return getattr(settings, self.cap_setting) if self.cap_setting else 100

    def finding(self, detail, fix, url="", unit_id=None, object_label="", severity=None):
        severity = severity or self.severity
        points = self.points() if severity == DEDUCTION else 0
        return Finding(self.code, severity, points, self.title, detail, fix, url, unit_id, object_label)


RULES: list[Rule] = []


def rule(code, severity, title, points_setting="", cap_setting="", county_only=False):
    """Register ``func(rule, scope, data) -> [Finding]`` as a rule."""

    def register(func):
        RULES.append(Rule(code, severity, title, func, points_setting, cap_setting, county_only))
        return func

    return register


def _fmt_days(section, now):
    return f"{section.days_since(now)}天" if section.latest is not None else "从未"


@rule("home_stale", VETO, "首页不更新")
def home_stale(rule, scope, data):
    findings = []
    limit = timedelta(days=settings.STALE_LIST_DAYS)
    for unit_id in sorted(scope.home_unit_ids):
        sections = [s for s in data.sections if s.unit_id == unit_id]
        if not sections:
            continue
        dated = [s.latest for s in sections if s.latest is not None]
        newest = max(dated) if dated else None
        if newest is None or newest < data.now - limit:
            days = f"已{(data.now - newest).days}天" if newest else "一直"
            target = next((s for s in sections if s.kind == "news"), sections[0])
            findings.append(
                rule.finding(
                    f"{data.units[unit_id].display_name}的主页{days}没有新信息（超过{limit.days}天即否决）。",
                    f"在“{target.title}”等栏目发布新的信息，并经三审发布。",
                    add_to_section_url(target.pk),
                    unit_id,
                    target.title,
                )
            )
    return findings


@rule("news_stale", VETO, "动态类栏目不更新")
def news_stale(rule, scope, data):
    limit = settings.OVERSIGHT_NEWS_STALE_DAYS
    findings = []
    for section in data.sections:
        if section.kind != "news" or section.unit_id not in scope.home_unit_ids:
            continue
        if section.is_empty() or section.latest < data.now - timedelta(days=limit):
            findings.append(
                rule.finding(
                    f"“{section.title}”{_fmt_days(section, data.now)}没有更新（动态类栏目超过{limit}天未更新即否决）。",
                    "发布本单位近期的工作动态；确实没有动态可发的，请与县政府办商量合并或撤销栏目。",
                    add_to_section_url(section.pk),
                    section.unit_id,
                    section.title,
                )
            )
    return findings


def _count_veto(rule, scope, data, sections, threshold, what, fix):
    if len(sections) < threshold:
        return []
    names = "、".join(f"{data.units[s.unit_id].display_name}“{s.title}”" for s in sections[:8] if s.unit_id)
    more = f"等{len(sections)}个" if len(sections) > 8 else f"共{len(sections)}个"
    return [
        rule.finding(
            f"{what}{more}（达到{threshold}个即否决）：{names}。",
            fix,
            add_to_section_url(sections[0].pk),
            sections[0].unit_id,
            sections[0].title,
        )
    ]


@rule("notice_sections_stale", VETO, "通知公告、政策文件类栏目不更新")
def notice_sections_stale(rule, scope, data):
    days = settings.OVERSIGHT_NOTICE_STALE_DAYS
    cutoff = data.now - timedelta(days=days)
    sections = [
        s
        for s in data.sections
        if s.kind in NOTICE_KINDS and scope.owns(s.unit_id) and s.latest is not None and s.latest < cutoff
    ]
    return _count_veto(
        rule,
        scope,
        data,
        sections,
        settings.OVERSIGHT_STALE_NOTICE_SECTIONS_VETO,
        f"超过{days}天未更新的通知公告、政策文件类栏目",
        "逐个栏目补发应公开的通知和文件；长期没有内容的栏目请合并或撤销。",
    )


@rule("sections_stale", VETO, "应更新栏目长期未更新")
def sections_stale(rule, scope, data):
    sections = [s for s in data.sections if scope.owns(s.unit_id) and s.is_stale(data.now)]
    return _count_veto(
        rule,
        scope,
        data,
        sections,
        settings.OVERSIGHT_STALE_SECTIONS_VETO,
        "应更新但长期未更新的栏目",
        "按栏目清单逐个更新；不再需要的栏目请合并或撤销。",
    )


@rule("sections_empty", VETO, "空白栏目过多")
def sections_empty(rule, scope, data):
    sections = [s for s in data.sections if scope.owns(s.unit_id) and s.is_empty()]
    return _count_veto(
        rule,
        scope,
        data,
        sections,
        settings.OVERSIGHT_EMPTY_SECTIONS_VETO,
        "没有任何内容的栏目",
        "给空白栏目补上内容，或者撤销不用的栏目。",
    )


@rule("request_unanswered", VETO, "留言超过3个月未答复")
def request_unanswered(rule, scope, data):
    days = settings.OVERSIGHT_UNANSWERED_DAYS
    findings = []
    for row in data.unanswered:
        if not scope.owns(row["unit_id"]):
            continue
        answered = row["answered_at"] if row["answered_at"] and row["answered_at"] <= data.now else None
        waited = ((answered or data.now) - row["received_at"]).days
        state = f"收到{waited}天后才答复" if answered else f"已{waited}天未答复"
        findings.append(
            rule.finding(
                f"留言 {row['tracking_number']}“{row['title']}”{state}（一年内有效留言超过{days}天未答复即否决）。",
                "尽快办理并答复留言人；答复后此项在一年后才不再计入。" if answered else "今天就答复留言人。",
                request_url(row["pk"]),
                row["unit_id"],
                row["tracking_number"],
            )
        )
    return findings


@rule("no_request_channel", VETO, "没有可用的互动渠道", county_only=True)
def no_request_channel(rule, scope, data):
    if data.active_categories:
        return []
    return [
        rule.finding(
            "“我要留言”没有一个启用的留言分类，群众无法提交咨询和建议。",
            "在“我要留言设置 › 留言分类”里启用至少一个分类，并指定责任单位。",
            request_categories_url(),
            data.county_unit_id,
        )
    ]


@rule("no_service", VETO, "没有提供办事服务", county_only=True)
def no_service(rule, scope, data):
    if sum(data.guides_live.values()):
        return []
    return [
        rule.finding(
            "全县没有一份已发布的办事指南。",
            "在各单位的“办事指南”栏目里发布群众常办事项的指南。",
            "",
            data.county_unit_id,
        )
    ]


@rule("site_unavailable", VETO, "站点无法访问", county_only=True)
def site_unavailable(rule, scope, data):
    window = data.availability
    if not window.vetoed:
        return []
    return [
        rule.finding(
            f"{window.start.month}月{window.start.day}日到{window.end.month}月{window.end.day}日检查网站{window.checks}次，"
            f"{window.failures}次打不开（{window.percent}；达到{availability.threshold_percent()}即否决）。",
            "请运维人员按监管页“网站能不能打开”里记下的时间和原因，检查服务器、网络和数据库，尽快让网站稳定打开。",
            availability_url(),
            data.county_unit_id,
        )
    ]


@rule("personal_id_published", VETO, "公开页面泄露身份证号")
def personal_id_published(rule, scope, data):
    from townsquare.screening.admin_views import page_review_url

    return [
        rule.finding(
            f"已发布的“{issue.title}”有未遮盖的身份证号（{issue.detail}）。",
            "打开发布前审查，一键遮盖后重新发布；确实不是身份证号的，确认误报并写明理由。",
            page_review_url(issue.pk),
            issue.unit_id,
            issue.title,
        )
        for issue in data.personal_ids
        if scope.owns(issue.unit_id)
    ]


@rule("section_stale", DEDUCTION, "栏目更新不及时", "OVERSIGHT_POINTS_STALE_SECTION", "OVERSIGHT_CAP_STALE_SECTIONS")
def section_stale(rule, scope, data):
    findings = []
    for section in data.sections:
        if not scope.owns(section.unit_id) or not section.is_stale(data.now):
            continue
        if section.kind == "news" and section.unit_id in scope.home_unit_ids:
            continue  # already a veto item of this scope
        findings.append(
            rule.finding(
                f"“{section.title}”已{section.days_since(data.now)}天没有更新（此类栏目要求{stale_days_for(section.kind)}天内更新）。",
                "发布新的内容；不再需要的栏目请合并或撤销。",
                add_to_section_url(section.pk),
                section.unit_id,
                section.title,
            )
        )
    return findings


@rule("section_empty", DEDUCTION, "空白栏目", "OVERSIGHT_POINTS_EMPTY_SECTION", "OVERSIGHT_CAP_EMPTY_SECTIONS")
def section_empty(rule, scope, data):
    return [
        rule.finding(
            f"“{section.title}”还没有任何内容。",
            "补上内容，或者撤销这个栏目。",
            add_to_section_url(section.pk),
            section.unit_id,
            section.title,
        )
        for section in data.sections
        if scope.owns(section.unit_id) and section.is_empty()
    ]


@rule("slow_answer", DEDUCTION, "留言超期答复", "OVERSIGHT_POINTS_SLOW_ANSWER", "OVERSIGHT_CAP_SLOW_ANSWERS")
def slow_answer(rule, scope, data):
    findings = []
    for row in data.slow_answers:
        if not scope.owns(row["unit_id"]):
            continue
        late = (row["answered_at"] - row["answer_due"]).days
        late_words = f"{late}天" if late >= 1 else "不到1天"
        findings.append(
            rule.finding(
                f"留言 {row['tracking_number']}“{row['title']}”超过答复期限{late_words}才答复。",
                "按期答复；办不完的，在期限前申请延期并告诉留言人进展。",
                request_url(row["pk"]),
                row["unit_id"],
                row["tracking_number"],
            )
        )
    return findings


@rule(
    "zombie_account", DEDUCTION, "新媒体账号长期未更新（僵尸账号）", "OVERSIGHT_POINTS_ZOMBIE", "OVERSIGHT_CAP_ZOMBIE"
)
def zombie_account(rule, scope, data):
    severity = VETO if settings.OVERSIGHT_ZOMBIE_VETO else DEDUCTION
    findings = []
    for channel in data.zombie_channels():
        if not scope.owns(channel.unit_id):
            continue
        last = getattr(channel, "last_seen", None) or channel.last_update_on
        when = f"最近更新是 {last:%Y-%m-%d}（{(data.today - last).days}天前）" if last else "从未报送更新日期"
        findings.append(
            rule.finding(
                f"{channel.get_kind_display()}“{channel.name}”{when}，超过{zombie_days()}天未更新。",
                "有更新的，报送最近更新日期；不再运营的，发布停更公告后办理停更或注销。",
                channel_admin_url(channel.pk),
                channel.unit_id,
                channel.name,
                severity=severity,
            )
        )
    return findings


@rule(
    "disclosure_overdue",
    DEDUCTION,
    "政务公开事项超期未公开",
    "OVERSIGHT_POINTS_DISCLOSURE_OVERDUE",
    "OVERSIGHT_CAP_DISCLOSURE_OVERDUE",
)
def disclosure_overdue(rule, scope, data):
    """标准目录 items not published within DISCLOSURE_PUBLISH_WORKING_DAYS working days (条例 art. 26)."""
    return [
        rule.finding(
            f"“{item.title}”（{item.get_area_display()}）应在 {status.due_on:%Y-%m-%d} 前公开，还没有公开。",
            "把这项信息发布到本单位的政府信息公开栏目，并在标准目录事项里关联发布的页面。",
            standard_item_url(item.pk),
            row.unit.pk,
            item.title,
        )
        for row in data.disclosure
        if scope.owns(row.unit.pk)
        for item, status in row.overdue
    ]


@rule("knowledge_stale", ADVICE, "知识库条目过了复核日期")
def knowledge_stale(rule, scope, data):
    """Answers residents are given in search and in the 留言 form that nobody has checked since their review date."""
    return [
        rule.finding(
            f"“{row['question']}”应在 {row['review_by']:%Y-%m-%d} 前复核，还没有复核。",
            "核对回答是否仍然有效：有变化的改好，再把复核日期往后推；不再适用的取消公开。",
            knowledge_entry_url(row["pk"]),
            row["unit_id"],
            row["question"],
        )
        for row in data.stale_answers
        if scope.owns(row["unit_id"])
    ]


@dataclass(frozen=True)
class PageRule:
    """A rule of one shape: each page in a list of the snapshot, within the scope, is a finding."""

    code: str
    severity: str
    title: str
    pages: str  # the Snapshot attribute listing the pages (``PageIssue``s)
    detail: str  # what is wrong, a template with {title} and {detail} (the page's title and issue)
    fix: str
    points_setting: str = ""
    cap_setting: str = ""
    veto_setting: str = ""  # when this setting is true, the rule's deductions count as vetoes
    limit_setting: str = ""  # at most this many findings per unit

    def __call__(self, rule, scope, data):
        severity = VETO if self.veto_setting and getattr(settings, self.veto_setting) else None
        findings = [
            rule.finding(
                self.detail.format(title=issue.title, detail=issue.detail),
                self.fix,
                page_edit_url(issue.pk),
                issue.unit_id,
                issue.title,
                severity=severity,
            )
            for issue in getattr(data, self.pages)
            if scope.owns(issue.unit_id)
        ]
        if not self.limit_setting:
            return findings
        limit = getattr(settings, self.limit_setting)
        return findings[: limit * max(1, len(scope.unit_ids))] if scope.is_county else findings[:limit]

    def as_rule(self):
        return Rule(self.code, self.severity, self.title, self, self.points_setting, self.cap_setting)


PAGE_RULES = (
    PageRule(
        "guide_incomplete",
        VETO,
        "办事指南要素缺失",
        "incomplete_guides",
        "办事指南“{title}”缺：{detail}。",
        "补全缺少的要素；确实没有的，在“缺项说明”里写明原因。",
    ),
    PageRule(
        "broken_link",
        DEDUCTION,
        "页面有打不开的链接",
        "broken_links",
        "“{title}”里的链接打不开：{detail}。",
        "改成正确的地址，或者删掉这个链接。",
        "OVERSIGHT_POINTS_BROKEN_LINK",
        "OVERSIGHT_CAP_BROKEN_LINKS",
    ),
    PageRule(
        "image_alt",
        DEDUCTION,
        "图片缺少替代文字",
        "missing_alt",
        "“{title}”有{detail}张图片没有替代文字，读屏软件读不出来。",
        "在编辑页点开图片，用一句话写明图片内容。",
        "OVERSIGHT_POINTS_MISSING_ALT",
        "OVERSIGHT_CAP_MISSING_ALT",
    ),
    PageRule(
        "policy_summary",
        DEDUCTION,
        "政策文件缺少摘要",
        "policies_without_summary",
        "政策文件“{title}”没有摘要。",
        "用一两句大白话写清：跟谁有关、要做什么、从什么时候起。",
        "OVERSIGHT_POINTS_POLICY_SUMMARY",
        "OVERSIGHT_CAP_POLICY_SUMMARY",
    ),
    PageRule(
        "interpretation_unlinked",
        DEDUCTION,
        "政策解读未关联政策文件",
        "unlinked_interpretations",
        "政策解读“{title}”没有关联（已发布的）政策文件。",
        "在编辑页选择这篇解读对应的政策文件。",
        "OVERSIGHT_POINTS_UNLINKED_INTERPRETATION",
        "OVERSIGHT_CAP_UNLINKED_INTERPRETATION",
    ),
    PageRule(
        "forged_date",
        DEDUCTION,
        "发稿日期早于成稿（伪造发稿日期）",
        "forged_dates",
        "“{title}”：{detail}。",
        "发布时间必须是真实的发布时间；请核实后更正，并在更新说明里写明。",
        "OVERSIGHT_POINTS_FORGED_DATE",
        "OVERSIGHT_CAP_FORGED_DATE",
        veto_setting="OVERSIGHT_FORGED_DATE_VETO",
    ),
    PageRule(
        "plain_language",
        ADVICE,
        "说人话建议",
        "advice",
        "“{title}”：{detail}",
        "仅供参考，不影响发布。",
        limit_setting="OVERSIGHT_ADVICE_PER_UNIT",
    ),
)
RULES.extend(page_rule.as_rule() for page_rule in PAGE_RULES)


def check(unit=None, now=None, data=None):
    """Every rule for one unit (``None``: the county as a whole) at ``now``."""
    data = data or Snapshot(now)
    scope = county_scope(data) if unit is None else unit_scope(unit)
    return run_rules(scope, data, RULES)


def evaluate(now=None):
    """The county and every unit, from one snapshot."""
    data = Snapshot(now)
    county = run_rules(county_scope(data), data, RULES)
    units = sorted(data.units.values(), key=lambda u: (u.sort_order, u.pk))
    return Evaluation(data.now, county, [run_rules(unit_scope(unit), data, RULES) for unit in units])


@rule(
    "hot_topic_response",
    DEDUCTION,
    "热点问题未及时回应",
    "OVERSIGHT_POINTS_LATE_RESPONSE",
    "OVERSIGHT_CAP_LATE_RESPONSE",
)
def hot_topic_response(rule, scope, data):
    days = settings.HOTSPOT_RESPONSE_DAYS
    findings = []
    for topic in data.late_responses:
        if not scope.owns(topic.lead_unit_id):
            continue
        if topic.responded_at is not None and topic.responded_at <= data.now:
            state = f"达到回应门槛{topic.response_days():.0f}天后才公开回应"
        else:
            state = f"达到回应门槛已{(data.now - topic.crossed_at).days}天，还没有公开回应"
        findings.append(
            rule.finding(
                f"热点问题“{topic.title}”（{topic.request_count}条留言）{state}（应在{days}天内回应）。",
                "在本单位“政策解读”栏目发布一篇“回应关切”，并在热点问题页面关联它。",
                hot_topic_url(topic.pk),
                topic.lead_unit_id,
                topic.title,
            )
        )
    return findings
