"""What the health rules read, gathered once for a moment ``now`` (a ``Snapshot``).

Each step (a ``Snapshot._*`` method) is one or two queries, so a check costs a fixed number of queries whatever
the number of units, sections or pages. Only what was published, received or answered by ``now``
counts; the structure of sections and guides is taken as it is now.
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
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

from . import availability, plain_language

SHOULD_UPDATE_KINDS = ("news", "notice", "publicity", "policy", "interpretation")
NOTICE_KINDS = ("notice", "policy")


def stale_days_for(kind):
    """Days without a new item after which a section of ``kind`` counts as not updated."""
    if kind == "news":
        return settings.OVERSIGHT_NEWS_STALE_DAYS
    if kind in NOTICE_KINDS:
        return settings.OVERSIGHT_NOTICE_STALE_DAYS
    return settings.OVERSIGHT_LONG_STALE_DAYS


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
    """Everything the rules read, for the moment ``now``; each ``_step`` is one or two queries."""

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
        self.personal_ids = self._personal_ids()
        self.channels = self._channels()
        self.advice = self._advice()
        self.availability = availability.window(self.now)
        self.disclosure = self._disclosure()
        self.stale_answers = self._stale_answers()
        self.late_responses = self._late_responses()

    def _late_responses(self):
        """Hot topics whose public response (回应关切) came, or is still missing, past its deadline; one query."""
        from townsquare.hotspots.models import HotTopic

        return list(HotTopic.objects.response_overdue(self.now).select_related("lead_unit").order_by("crossed_at"))

    def _disclosure(self):
        """Each unit's 标准目录 coverage on ``today`` (overdue items with their due dates); three queries."""
        from townsquare.disclosure.coverage import coverage

        return coverage(today=self.today)

    def _stale_answers(self):
        """知识库 entries past their review date (one query)."""
        from django.apps import apps

        if not apps.is_installed("townsquare.knowledge"):
            return []
        from townsquare.knowledge.models import Entry

        return list(
            Entry.objects.stale(self.today).order_by("review_by").values("pk", "question", "unit_id", "review_by")
        )

    def _homes(self):
        """Where things belong: the path of every home page and its unit."""
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

    def _sections(self):
        """Every live section with the date of its newest item, in one query."""
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

    def _requests(self):
        """Residents' requests answered too late or not at all, and those answered after their due date."""
        now = self.now
        lookback = now - timedelta(days=settings.OVERSIGHT_REQUEST_LOOKBACK_DAYS)
        limit = timedelta(days=settings.OVERSIGHT_UNANSWERED_DAYS)
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

    def _guides(self):
        """Live guides per unit, and the guides missing an element without a reason given."""
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

    def _content(self):
        """Publications with images lacking alt text, policies without summary, interpretations without policy."""
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
            .exclude(form=InterpretationPage.Form.RESPONSE)
            .values_list("pk", "title", "path")
        ]
        return missing_alt, no_summary, unlinked

    def _forged_dates(self):
        """Publications dated before they were written: first published earlier than their first revision."""
        tolerance = timedelta(hours=settings.OVERSIGHT_FORGED_DATE_TOLERANCE_HOURS)
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

    def _personal_ids(self):
        """Live pages showing an unmasked ID number (the screening's daily rescan)."""
        from townsquare.screening.reports import live_id_numbers

        return [
            PageIssue(pk, title, self.unit_for_path(path), f"{where}：{masked}")
            for pk, title, path, where, masked in live_id_numbers(self.now)
        ]

    def _channels(self):
        """Active external accounts of the channels app (the platform's own columns aside)."""
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

    def _advice(self):
        """Plain-language advice on the latest revision of articles edited recently."""
        since = self.now - timedelta(days=settings.OVERSIGHT_PLAIN_LANGUAGE_DAYS)
        pages = list(
            Page.objects.filter(
                depth__gt=3,
                latest_revision_created_at__gte=since,
                latest_revision_created_at__lte=self.now,
                latest_revision__isnull=False,
            ).values_list("pk", "path", "content_type_id", "latest_revision_id")
        )
        article_types = {model._meta.label_lower for model in ARTICLE_MODELS}
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
    return settings.CHANNEL_ZOMBIE_DAYS


def is_zombie(channel, today):
    """The channel app's own rule when it has one, else: no update entered for CHANNEL_ZOMBIE_DAYS."""
    if hasattr(channel, "is_zombie"):
        return bool(channel.is_zombie(today))
    last = channel.last_update_on
    return last is None or last < today - timedelta(days=zombie_days())
