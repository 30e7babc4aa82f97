"""The inspection indicators for government websites and new media (国办秘函〔2019〕19号) as rules.

Each rule is a plain function ``rule(scope, data) -> [Finding]``: ``scope`` says which unit is checked
(or the whole county), ``data`` is a ``Snapshot`` of everything the rules read, taken once for a
moment ``now`` in a fixed number of queries whatever the number of units, sections or pages.
Thresholds and points are settings (OVERSIGHT_* in settings.py).

Only what was published, received or answered by ``now`` counts, so a run for a past date gives
what the data says about that date (the structure of sections and guides is taken as it is now).

``check(unit_or_none, now)`` runs every rule for one unit (or the county); ``evaluate(now)`` runs
them for every unit and the county at once and returns the scores.
"""

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import CharField, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.models import Page, Revision

from townsquare.publishing.models import (
    ARTICLE_MODELS,
    HomePage,
    InterpretationPage,
    PolicyPage,
    SectionPage,
    UnitHomePage,
)
from townsquare.resident_requests.models import Category, ResidentRequest, Status
from townsquare.units.models import Unit

from . import plain_language

VETO = "veto"
DEDUCTION = "deduction"
ADVICE = "advice"
SEVERITY_LABELS = {VETO: "单项否决", DEDUCTION: "扣分", ADVICE: "建议"}
SEVERITY_ORDER = {VETO: 0, DEDUCTION: 1, ADVICE: 2}


def setting(name, default):
    return getattr(settings, name, default)


# --- Findings ---------------------------------------------------------------------------------


@dataclass
class Finding:
    code: str  # the rule's code
    severity: str  # veto, deduction or advice
    points: float  # points deducted (0 for vetoes and advice)
    title: str  # the rule's Chinese name
    detail: str  # what exactly is wrong
    fix: str  # how to fix it, in plain words
    url: str = ""  # where to fix it in the admin
    unit_id: int | None = None
    object_label: str = ""

    @property
    def severity_label(self):
        return SEVERITY_LABELS[self.severity]

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)


def sort_findings(findings):
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], -f.points, f.code))


# --- Admin links -------------------------------------------------------------------------------


def _reverse(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def page_edit_url(page_id):
    return _reverse("wagtailadmin_pages:edit", page_id)


def add_to_section_url(section_id):
    return _reverse("wagtailadmin_pages:add_subpage", section_id) or page_edit_url(section_id)


def request_url(request_id):
    return _reverse("resident_requests_detail", request_id) or _reverse("resident_requests_inbox")


# The channels app registers its admin; whichever of these names exists is used.
CHANNEL_EDIT_URL_NAMES = (
    "channels_admin_detail",  # the channel's page with 报送更新 / 停更 / 注销
    "channels_admin:edit",
    "channels:admin_edit",
    "channels_channel:edit",
    "wagtailsnippets_channels_channel:edit",
)
CHANNEL_INDEX_URL_NAMES = (
    "channels_admin_index",
    "channels_admin:index",
    "channels:admin_index",
    "channels_channel:index",
    "wagtailsnippets_channels_channel:list",
)


def channel_admin_url(channel_id=None):
    if channel_id is not None:
        for name in CHANNEL_EDIT_URL_NAMES:
            url = _reverse(name, channel_id)
            if url:
                return url
    for name in CHANNEL_INDEX_URL_NAMES:
        url = _reverse(name)
        if url:
            return url
    return ""


def request_categories_url():
    return _reverse("wagtailsnippets_resident_requests_category:list") or _reverse("resident_requests_inbox")


# --- What the rules read -----------------------------------------------------------------------

SHOULD_UPDATE_KINDS = ("news", "notice", "publicity", "policy", "interpretation")
NOTICE_KINDS = ("notice", "policy")


def stale_days_for(kind):
    """Days without a new item after which a section of ``kind`` counts as not updated."""
    if kind == "news":
        return setting("OVERSIGHT_NEWS_STALE_DAYS", 14)
    if kind in NOTICE_KINDS:
        return setting("OVERSIGHT_NOTICE_STALE_DAYS", 183)
    return setting("OVERSIGHT_LONG_STALE_DAYS", 365)


@dataclass
class Section:
    pk: int
    title: str
    kind: str
    unit_id: int | None
    latest: object  # datetime of the newest item published by ``now``, or None (empty)

    def days_since(self, now):
        return None if self.latest is None else (now - self.latest).days

    def is_empty(self):
        return self.latest is None

    def is_stale(self, now):
        if self.kind not in SHOULD_UPDATE_KINDS:
            return False
        return self.latest is not None and self.latest < now - timedelta(days=stale_days_for(self.kind))


@dataclass
class PageIssue:
    pk: int
    title: str
    unit_id: int | None
    detail: str = ""


IMAGE_EMBED = re.compile(r"<embed\b[^>]*embedtype=\"image\"[^>]*>", re.IGNORECASE)
ALT_ATTR = re.compile(r"\balt=\"([^\"]*)\"", re.IGNORECASE)


def images_without_alt(raw_body):
    """How many images in a StreamField's raw data have no text alternative."""
    count = 0

    def walk(value, block_type=None):
        nonlocal count
        if isinstance(value, str):
            for embed in IMAGE_EMBED.findall(value):
                alt = ALT_ATTR.search(embed)
                if alt is None or not alt.group(1).strip():
                    count += 1
        elif isinstance(value, dict):
            if "type" in value and "value" in value:
                walk(value["value"], value["type"])
                return
            if block_type == "graphic" and "image" in value and not str(value.get("alt") or "").strip():
                count += 1
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(_raw(raw_body))
    return count


def _raw(body):
    raw = getattr(body, "raw_data", body)
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return []
    return list(raw or [])


class Snapshot:
    """Everything the rules read, for the moment ``now``; each ``load_*`` is one or two queries."""

    def __init__(self, now=None):
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)
        self.units = {unit.pk: unit for unit in Unit.objects.all()}
        self.county_unit_id = next((pk for pk, u in self.units.items() if u.kind == Unit.Kind.COUNTY), None)
        self._homes()
        self.sections = self._sections()
        self.unanswered, self.slow_answers = self._requests()
        self.active_categories = set(Category.objects.filter(active=True).values_list("unit_id", flat=True))
        self.guides_live, self.incomplete_guides = self._guides()
        self.missing_alt, self.policies_without_summary, self.unlinked_interpretations = self._content()
        self.forged_dates = self._forged_dates()
        self.broken_links = self._broken_links()
        self.channels = self._channels()
        self.advice = self._advice()

    # --- where things belong ---

    def _homes(self):
        self.home_paths = {}
        for model in (HomePage, UnitHomePage):
            for path, unit_id in model.objects.values_list("path", "unit_id"):
                self.home_paths[path] = unit_id
        self.home_path_lengths = sorted({len(path) for path in self.home_paths}, reverse=True)

    def unit_for_path(self, path):
        """The unit whose home page is the closest ancestor of (or is) the page at ``path``."""
        for length in self.home_path_lengths:
            unit_id = self.home_paths.get(path[:length])
            if unit_id is not None:
                return unit_id
        return None

    # --- sections: the newest item of each, in one query ---

    def _sections(self):
        newest = (
            Page.objects.filter(
                path__startswith=OuterRef("path"),
                depth=OuterRef("depth") + 1,
                live=True,
                first_published_at__lte=self.now,
            )
            .order_by("-first_published_at")
            .values("first_published_at")[:1]
        )
        rows = (
            SectionPage.objects.live()
            .annotate(newest=Subquery(newest))
            .order_by("path")
            .values_list("pk", "title", "kind", "path", "newest")
        )
        return [Section(pk, title, kind, self.unit_for_path(path), latest) for pk, title, kind, path, latest in rows]

    # --- residents' requests ---

    def _requests(self):
        now = self.now
        lookback = now - timedelta(days=setting("OVERSIGHT_REQUEST_LOOKBACK_DAYS", 365))
        limit = timedelta(days=setting("OVERSIGHT_UNANSWERED_DAYS", 90))
        valid = ResidentRequest.objects.exclude(status__in=[Status.DECLINED, Status.MERGED]).filter(
            received_at__gte=lookback, received_at__lte=now
        )
        fields = ("pk", "unit_id", "tracking_number", "title", "received_at", "answered_at", "answer_due")
        not_yet_answered = Q(answered_at__isnull=True) | Q(answered_at__gt=now)
        # While the unit waits for the resident's information the clock stands still (待补充材料).
        waiting_now = Q(status=Status.WAITING, answered_at__isnull=True)
        unanswered = valid.filter(
            (not_yet_answered & Q(received_at__lt=now - limit) & ~waiting_now)
            | Q(answered_at__lte=now, answered_at__gt=F("received_at") + limit)
        )
        slow = valid.filter(answered_at__lte=now, answered_at__gt=F("answer_due"))
        return list(unanswered.order_by("received_at").values(*fields)), list(
            slow.order_by("answered_at").values(*fields)
        )

    # --- service guides ---

    def _guides(self):
        from townsquare.services.models import ServiceGuidePage

        guides = ServiceGuidePage.objects.live()
        live_units = defaultdict(int)
        for path, unit_id in guides.values_list("path", "unit_id"):
            live_units[unit_id or self.unit_for_path(path)] += 1
        incomplete = []
        for guide in guides.incomplete().filter(incomplete_reason__regex=r"^\s*$").with_elements().order_by("path"):
            missing = guide.missing_elements()
            if missing:
                incomplete.append(
                    PageIssue(
                        guide.pk, guide.title, guide.unit_id or self.unit_for_path(guide.path), "、".join(missing)
                    )
                )
        return live_units, incomplete

    # --- content of publications ---

    def _content(self):
        missing_alt = []
        for model in ARTICLE_MODELS:
            rows = (
                model.objects.live().filter(first_published_at__lte=self.now).values_list("pk", "title", "path", "body")
            )
            for pk, title, path, body in rows:
                count = images_without_alt(body)
                if count:
                    missing_alt.append(PageIssue(pk, title, self.unit_for_path(path), str(count)))
        live = Q(live=True, first_published_at__lte=self.now)
        no_summary = [
            PageIssue(pk, title, self.unit_for_path(path))
            for pk, title, path in PolicyPage.objects.filter(live, summary__regex=r"^\s*$").values_list(
                "pk", "title", "path"
            )
        ]
        unlinked = [
            PageIssue(pk, title, self.unit_for_path(path))
            for pk, title, path in InterpretationPage.objects.filter(live)
            .filter(Q(policy__isnull=True) | Q(policy__live=False))
            .values_list("pk", "title", "path")
        ]
        return missing_alt, no_summary, unlinked

    def _forged_dates(self):
        """Publications dated before they were written: first published earlier than their first revision."""
        tolerance = timedelta(hours=setting("OVERSIGHT_FORGED_DATE_TOLERANCE_HOURS", 24))
        first_revision = (
            Revision.page_revisions.filter(object_id=Cast(OuterRef("pk"), CharField()))
            .order_by("created_at")
            .values("created_at")[:1]
        )
        # Only the platform's own publications: archived articles (公众号归档) keep their original dates.
        pages = (
            Page.objects.live()
            .type(*ARTICLE_MODELS)
            .filter(first_published_at__lte=self.now)
            .annotate(written=Subquery(first_revision))
            .filter(first_published_at__lt=F("written") - tolerance)
            .values_list("pk", "title", "path", "first_published_at", "written")
        )
        issues = [
            PageIssue(
                pk,
                title,
                self.unit_for_path(path),
                f"发布时间 {timezone.localtime(published):%Y-%m-%d}，"
                f"最早的稿件 {timezone.localtime(written):%Y-%m-%d} 才写",
            )
            for pk, title, path, published, written in pages
        ]
        policies = (
            PolicyPage.objects.live()
            .filter(published_on__lt=F("written_on"))
            .values_list("pk", "title", "path", "published_on", "written_on")
        )
        issues += [
            PageIssue(pk, title, self.unit_for_path(path), f"发布日期 {published} 早于成文日期 {written}")
            for pk, title, path, published, written in policies
        ]
        return issues

    def _broken_links(self):
        from .models import LinkCheckResult

        issues = []
        results = LinkCheckResult.objects.filter(status__in=LinkCheckResult.BAD).prefetch_related("pages")
        for result in results:
            for page in result.pages.all():
                if page.live:
                    issues.append(
                        PageIssue(
                            page.pk,
                            page.title,
                            self.unit_for_path(page.path),
                            f"{result.url}（{result.get_status_display()}"
                            f"{'，' + result.detail if result.detail else ''}）",
                        )
                    )
        return issues

    # --- external accounts (channels app) ---

    def _channels(self):
        try:
            from townsquare.channels.models import Channel
        except ImportError:  # pragma: no cover - the channels app is part of the project
            return []
        return list(
            Channel.objects.filter(status=Channel.Status.ACTIVE, created_at__lte=self.now)
            .exclude(kind=Channel.Kind.PLATFORM)
            .order_by("unit__sort_order", "name")
        )

    def zombie_channels(self):
        return [channel for channel in self.channels if is_zombie(channel, self.today)]

    # --- plain-language advice on recent drafts and publications ---

    def _advice(self):
        since = self.now - timedelta(days=setting("OVERSIGHT_PLAIN_LANGUAGE_DAYS", 30))
        pages = list(
            Page.objects.filter(
                depth__gt=3,
                latest_revision_created_at__gte=since,
                latest_revision_created_at__lte=self.now,
                latest_revision__isnull=False,
            ).values_list("pk", "path", "content_type_id", "latest_revision_id")
        )
        article_types = {model._meta.label_lower for model in ARTICLE_MODELS}
        from django.contrib.contenttypes.models import ContentType

        types = {
            ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.get_for_models(*ARTICLE_MODELS).values()
        }
        pages = [row for row in pages if types.get(row[2]) in article_types]
        revisions = Revision.objects.in_bulk([row[3] for row in pages])
        advice = []
        for pk, path, _ct, revision_id in pages:
            revision = revisions.get(revision_id)
            if revision is None:
                continue
            content = revision.content or {}
            items = plain_language.advise_revision_content(content, has_summary=True)
            if items:
                advice.append(
                    PageIssue(
                        pk, content.get("title", ""), self.unit_for_path(path), "；".join(a.message for a in items)
                    )
                )
        return advice


def zombie_days():
    return setting("CHANNEL_ZOMBIE_DAYS", 14)


def is_zombie(channel, today):
    """The channel app's own rule when it has one, else: no update entered for CHANNEL_ZOMBIE_DAYS."""
    if hasattr(channel, "is_zombie"):
        return bool(channel.is_zombie(today))
    last = channel.last_update_on
    return last is None or last < today - timedelta(days=zombie_days())


# --- Scopes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Who is checked: one unit, or the county (every unit; its own home and news for the home rules)."""

    unit: Unit | None
    unit_ids: frozenset
    home_unit_ids: frozenset

    @property
    def is_county(self):
        return self.unit is None

    @property
    def label(self):
        return "全县" if self.unit is None else self.unit.display_name

    def owns(self, unit_id):
        return unit_id in self.unit_ids


def unit_scope(unit):
    return Scope(unit, frozenset([unit.pk]), frozenset([unit.pk]))


def county_scope(data):
    home = frozenset([data.county_unit_id]) if data.county_unit_id else frozenset()
    return Scope(None, frozenset(data.units), home)


# --- The rules -----------------------------------------------------------------------------------


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
        return setting(self.points_setting, 0) if self.points_setting else 0

    def cap(self):
        return setting(self.cap_setting, 100) if self.cap_setting else 100

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
    limit = timedelta(days=setting("OVERSIGHT_HOME_STALE_DAYS", 14))
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
    limit = setting("OVERSIGHT_NEWS_STALE_DAYS", 14)
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
    days = setting("OVERSIGHT_NOTICE_STALE_DAYS", 183)
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
        setting("OVERSIGHT_STALE_NOTICE_SECTIONS_VETO", 5),
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
        setting("OVERSIGHT_STALE_SECTIONS_VETO", 10),
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
        setting("OVERSIGHT_EMPTY_SECTIONS_VETO", 5),
        "没有任何内容的栏目",
        "给空白栏目补上内容，或者撤销不用的栏目。",
    )


@rule("request_unanswered", VETO, "留言超过3个月未答复")
def request_unanswered(rule, scope, data):
    days = setting("OVERSIGHT_UNANSWERED_DAYS", 90)
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


@rule("guide_incomplete", VETO, "办事指南要素缺失")
def guide_incomplete(rule, scope, data):
    return [
        rule.finding(
            f"办事指南“{guide.title}”缺：{guide.detail}。",
            "补全缺少的要素；确实没有的，在“缺项说明”里写明原因。",
            page_edit_url(guide.pk),
            guide.unit_id,
            guide.title,
        )
        for guide in data.incomplete_guides
        if scope.owns(guide.unit_id)
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


@rule("broken_link", DEDUCTION, "页面有打不开的链接", "OVERSIGHT_POINTS_BROKEN_LINK", "OVERSIGHT_CAP_BROKEN_LINKS")
def broken_link(rule, scope, data):
    return [
        rule.finding(
            f"“{issue.title}”里的链接打不开：{issue.detail}。",
            "改成正确的地址，或者删掉这个链接。",
            page_edit_url(issue.pk),
            issue.unit_id,
            issue.title,
        )
        for issue in data.broken_links
        if scope.owns(issue.unit_id)
    ]


@rule("image_alt", DEDUCTION, "图片缺少替代文字", "OVERSIGHT_POINTS_MISSING_ALT", "OVERSIGHT_CAP_MISSING_ALT")
def image_alt(rule, scope, data):
    return [
        rule.finding(
            f"“{issue.title}”有{issue.detail}张图片没有替代文字，读屏软件读不出来。",
            "在编辑页点开图片，用一句话写明图片内容。",
            page_edit_url(issue.pk),
            issue.unit_id,
            issue.title,
        )
        for issue in data.missing_alt
        if scope.owns(issue.unit_id)
    ]


@rule(
    "policy_summary", DEDUCTION, "政策文件缺少摘要", "OVERSIGHT_POINTS_POLICY_SUMMARY", "OVERSIGHT_CAP_POLICY_SUMMARY"
)
def policy_summary(rule, scope, data):
    return [
        rule.finding(
            f"政策文件“{issue.title}”没有摘要。",
            "用一两句大白话写清：跟谁有关、要做什么、从什么时候起。",
            page_edit_url(issue.pk),
            issue.unit_id,
            issue.title,
        )
        for issue in data.policies_without_summary
        if scope.owns(issue.unit_id)
    ]


@rule(
    "interpretation_unlinked",
    DEDUCTION,
    "政策解读未关联政策文件",
    "OVERSIGHT_POINTS_UNLINKED_INTERPRETATION",
    "OVERSIGHT_CAP_UNLINKED_INTERPRETATION",
)
def interpretation_unlinked(rule, scope, data):
    return [
        rule.finding(
            f"政策解读“{issue.title}”没有关联（已发布的）政策文件。",
            "在编辑页选择这篇解读对应的政策文件。",
            page_edit_url(issue.pk),
            issue.unit_id,
            issue.title,
        )
        for issue in data.unlinked_interpretations
        if scope.owns(issue.unit_id)
    ]


@rule(
    "forged_date",
    DEDUCTION,
    "发稿日期早于成稿（伪造发稿日期）",
    "OVERSIGHT_POINTS_FORGED_DATE",
    "OVERSIGHT_CAP_FORGED_DATE",
)
def forged_date(rule, scope, data):
    severity = VETO if setting("OVERSIGHT_FORGED_DATE_VETO", False) else DEDUCTION
    return [
        rule.finding(
            f"“{issue.title}”：{issue.detail}。",
            "发布时间必须是真实的发布时间；请核实后更正，并在更新说明里写明。",
            page_edit_url(issue.pk),
            issue.unit_id,
            issue.title,
            severity=severity,
        )
        for issue in data.forged_dates
        if scope.owns(issue.unit_id)
    ]


@rule(
    "zombie_account", DEDUCTION, "新媒体账号长期未更新（僵尸账号）", "OVERSIGHT_POINTS_ZOMBIE", "OVERSIGHT_CAP_ZOMBIE"
)
def zombie_account(rule, scope, data):
    severity = VETO if setting("OVERSIGHT_ZOMBIE_VETO", False) else DEDUCTION
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


@rule("plain_language", ADVICE, "说人话建议")
def plain_language_advice(rule, scope, data):
    limit = setting("OVERSIGHT_ADVICE_PER_UNIT", 20)
    findings = [
        rule.finding(
            f"“{issue.title}”：{issue.detail}",
            "仅供参考，不影响发布。",
            page_edit_url(issue.pk),
            issue.unit_id,
            issue.title,
        )
        for issue in data.advice
        if scope.owns(issue.unit_id)
    ]
    return findings[: limit * max(1, len(scope.unit_ids))] if scope.is_county else findings[:limit]


# --- Scoring -------------------------------------------------------------------------------------


@dataclass
class Result:
    scope: Scope
    findings: list = field(default_factory=list)
    score: Decimal = Decimal("100")

    @property
    def vetoes(self):
        return [f for f in self.findings if f.severity == VETO]

    @property
    def deductions(self):
        return [f for f in self.findings if f.severity == DEDUCTION]

    @property
    def advice(self):
        return [f for f in self.findings if f.severity == ADVICE]

    @property
    def passed(self):
        return not self.vetoes and self.score >= setting("OVERSIGHT_PASS_SCORE", 60)


def run_rules(scope, data, rules=None):
    findings, lost = [], Decimal("0")
    for item in rules or RULES:
        if item.county_only and not scope.is_county:
            continue
        found = item.check(item, scope, data)
        rule_points = sum(Decimal(str(f.points)) for f in found if f.severity == DEDUCTION)
        lost += min(rule_points, Decimal(str(item.cap())))
        findings.extend(found)
    return Result(scope, sort_findings(findings), max(Decimal("0"), Decimal("100") - lost))


def check(unit=None, now=None, data=None):
    """Every rule for one unit (``None``: the county as a whole) at ``now``."""
    data = data or Snapshot(now)
    scope = county_scope(data) if unit is None else unit_scope(unit)
    return run_rules(scope, data)


@dataclass
class Evaluation:
    now: object
    county: Result
    units: list  # [Result], in the units' order

    def zombies(self, data=None):
        return [f for result in self.units for f in result.findings if f.code == "zombie_account"]


def evaluate(now=None):
    """The county and every unit, from one snapshot."""
    data = Snapshot(now)
    county = run_rules(county_scope(data), data)
    units = sorted(data.units.values(), key=lambda u: (u.sort_order, u.pk))
    return Evaluation(data.now, county, [run_rules(unit_scope(unit), data) for unit in units])
