"""The one registration point of search: what can be found, and how each type becomes an index entry.

Search reads the other apps; they never import search. To make a new type findable, add a
source in ``register_defaults()`` below (guarded by ``apps.is_installed`` when the app is
optional):

* a Wagtail page type: ``register(PageSource(MyPage, kind="guide", label="办事指南", body=..., keywords=...))``
  — live, not privacy-restricted pages only; publish / unpublish / edit / move / delete keep it current;
* any other model: subclass ``ModelSource`` with ``model``, ``items()`` (every public object) and
  ``document(obj)`` (an ``Entry`` or ``None`` for "must not be found") — saving and deleting keep it
  current; anything else that changes visibility (an expiry date) goes in ``Entry.expires_at``.

``manage.py rebuild_search_index`` indexes everything registered from scratch.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .indexer import Entry
from .text import plain

logger = logging.getLogger(__name__)

SOURCES = {}


def register(source):
    if source.key in SOURCES:
        raise ValueError(f"search source {source.key!r} is registered twice")
    SOURCES[source.key] = source
    return source


def all_sources():
    return list(SOURCES.values())


def kinds():
    """(kind, label) of every registered type, in registration order, each once."""
    seen = {}
    for source in SOURCES.values():
        seen.setdefault(source.kind, source.label)
    return list(seen.items())


def kind_label(kind):
    for source in SOURCES.values():
        if source.kind == kind:
            return source.label
    return ""


def source_for_model(model):
    for source in SOURCES.values():
        if source.model is model:
            return source
    return None


def strict_kinds():
    return sorted({source.kind for source in SOURCES.values() if source.strict_only})


def kind_boost(kind):
    return float(settings.SEARCH_KIND_BOOSTS.get(kind, 1.0))


class SearchSource:
    key = ""
    kind = ""
    label = ""
    model = None
    is_page = False
    # True: found only when every word of the query is in it (no partial matches, no sound-alike
    # corrections), so that a query holding a resident's name finds nothing of theirs.
    strict_only = False

    def items(self):
        raise NotImplementedError

    def document(self, obj):
        raise NotImplementedError

    def object_id(self, obj):
        return str(obj.pk)


class ModelSource(SearchSource):
    """A plain Django model: kept current by post_save / post_delete."""


class PageSource(SearchSource):
    """A Wagtail page type. ``body``, ``keywords``, ``date``, ``boost``, ``doc_number``: callables of the page."""

    is_page = True

    def __init__(self, model, kind, label, body=None, keywords=None, date=None, boost=None, doc_number=None, key=None):
        self.model = model
        self.kind = kind
        self.label = label
        self.key = key or f"{model._meta.app_label}.{model._meta.model_name}"
        self._body = body or (lambda page: plain(getattr(page, "body", "")))
        self._keywords = keywords or (lambda page: "")
        self._date = date or (lambda page: page.first_published_at or page.last_published_at)
        self._boost = boost or (lambda page: 1.0)
        self._doc_number = doc_number or (lambda page: "")

    def items(self):
        return (
            self.model.objects.live().public().select_related("unit")
            if hasattr(self.model, "unit")
            else (self.model.objects.live().public())
        )

    def visible(self, page):
        if not page.live:
            return False
        if page.expire_at and page.expire_at <= timezone.now():
            return False
        # Pages behind a password, login or group restriction are not for everyone.
        return not page.get_view_restrictions().exists()

    def document(self, page):
        if not self.visible(page):
            return None
        url = page.get_url()
        if not url:
            return None
        summary = getattr(page, "summary", "") or getattr(page, "search_description", "")
        body = " ".join(part for part in (summary, self._body(page)) if part)
        unit_id = getattr(page, "unit_id", None)
        return Entry(
            title=page.title,
            url=url,
            body=body,
            keywords=self._keywords(page),
            unit_id=unit_id,
            date=self._date(page),
            doc_number=self._doc_number(page),
            boost=kind_boost(self.kind) * self._boost(page),
            expires_at=page.expire_at,
        )


class ResidentRequestSource(ModelSource):
    """Public residents' requests with their answers, masked exactly as the public list shows them."""

    key = "resident_requests.residentrequest"
    kind = "request"
    label = "留言答复"
    strict_only = True

    def __init__(self):
        from townsquare.resident_requests.models import ResidentRequest

        self.model = ResidentRequest

    def items(self):
        from townsquare.resident_requests.public import public_requests

        return public_requests()

    def document(self, request):
        from townsquare.resident_requests.public import Shown, is_public

        if not is_public(request):
            return None
        shown = Shown(request, masked=True)
        body = shown.details
        if shown.reply:
            body = f"{body} 答复：{shown.reply}"
        return Entry(
            title=shown.title,
            url=reverse("resident_requests:public_detail", args=[request.tracking_number]),
            body=body,
            keywords=f"{request.category.name} {shown.address}",
            unit_id=request.unit_id,
            date=request.answered_at or request.received_at,
            boost=kind_boost(self.kind),
        )


class KnowledgeSource(ModelSource):
    """知识库 entries (published ones): a question, its other wordings and the answer."""

    key = "knowledge.entry"
    kind = "answer"
    label = "常见问答"

    def __init__(self):
        from townsquare.knowledge.models import Entry as KnowledgeEntry

        self.model = KnowledgeEntry

    def items(self):
        return self.model.objects.live().select_related("unit")

    def document(self, entry):
        if not entry.published:
            return None
        return Entry(
            title=entry.question,
            url=entry.get_absolute_url(),
            body=entry.answer,
            keywords=entry.other_questions,
            unit_id=entry.unit_id,
            date=entry.updated_at,
            boost=kind_boost(self.kind),
        )


class ListingSource(ModelSource):
    """One concrete kind of life listing (招聘、租房 …): live ones only (approved, not expired).

    The listing's expiry goes into the index too, so that it leaves the results the moment it
    expires even before anything saves it again. Free text is masked like residents' text.
    """

    kind = "listing"
    label = "生活信息"

    def __init__(self, model):
        self.model = model
        self.key = f"{model._meta.app_label}.{model._meta.model_name}"

    def items(self):
        return self.model.objects.live().select_related("unit")

    def document(self, listing):
        from townsquare.core.privacy import mask_text

        if not listing.is_live():
            return None
        names = [listing.contact_name] if listing.contact_name else []
        label = getattr(listing, "kind_label", "") or self.model._meta.verbose_name
        body = " ".join(part for part in (listing.description, *self._own_text(listing)) if part)
        return Entry(
            title=mask_text(listing.title, names=names),
            url=listing.get_absolute_url(),
            body=mask_text(body, names=names),
            keywords=str(label),
            unit_id=listing.unit_id,
            date=listing.published_at or listing.created_at,
            boost=kind_boost(self.kind),
            expires_at=listing.expires_at,
        )

    def _own_text(self, listing):
        """The text fields of this kind of listing (招聘单位, 工作地点, 小区 …), never the contact fields."""
        from django.db import models

        base = _LISTING_BASE_FIELDS
        parts = []
        for field_ in self.model._meta.concrete_fields:
            if field_.name in base or not isinstance(field_, models.CharField | models.TextField):
                continue
            if (
                "contact" in field_.name
                or "phone" in field_.name
                or isinstance(field_, models.EmailField | models.URLField)
            ):
                continue
            if field_.choices:
                parts.append(str(getattr(listing, f"get_{field_.name}_display")()))
            else:
                parts.append(str(getattr(listing, field_.name) or ""))
        return [p for p in parts if p]


_LISTING_BASE_FIELDS = {
    "title",
    "description",
    "source",
    "status",
    "contact_name",
    "contact_phone",
    "contact_email",
    "verification_code_hash",
    "management_code_hash",
    "submission_key",
    "moderation_reason",
}


def _listing_models():
    """Every concrete model built on listings' abstract ``Listing`` (jobs, rentals, events …)."""
    module = __import__("townsquare.listings.models", fromlist=["Listing"])
    base = getattr(module, "Listing", None)
    if base is None:
        return []
    return [
        model
        for model in apps.get_app_config("listings").get_models()
        if issubclass(model, base) and hasattr(model, "is_live") and hasattr(model.objects, "live")
    ]


# --- what Townsquare registers ----------------------------------------------------------------------


def _policy_boost(page):
    return float(settings.SEARCH_VALIDITY_BOOSTS.get(page.validity, 1.0))


def _policy_keywords(page):
    return f"{page.issuing_authority} {page.get_topic_display()} {page.get_validity_display()}"


def _policy_date(page):
    from datetime import datetime, time

    if page.published_on:
        return timezone.make_aware(datetime.combine(page.published_on, time(12)))
    return page.first_published_at


def _guide_body(page):
    parts = [page.applicants, page.conditions, page.place, page.window]
    for relation in ("materials", "steps", "faqs"):
        manager = getattr(page, relation, None)
        if manager is not None:
            parts.extend(str(item) for item in manager.all())
    return " ".join(p for p in parts if p)


def _consultation_body(page):
    """The background, the draft's text and the questions asked."""
    paragraphs = [str(block.value) for block in page.draft]
    return " ".join(part for part in (plain(page.body), *paragraphs, page.questions) if part)


def register_defaults():
    if SOURCES:
        return
    from townsquare.publishing import models as publishing

    register(PageSource(publishing.NewsPage, "news", "政务动态"))
    register(PageSource(publishing.NoticePage, "notice", "通知公告", keywords=lambda p: p.applies_to))
    register(PageSource(publishing.PublicityPage, "publicity", "公示"))
    register(
        PageSource(
            publishing.PolicyPage,
            "policy",
            "政策文件",
            keywords=_policy_keywords,
            date=_policy_date,
            boost=_policy_boost,
            doc_number=lambda p: p.document_number,
        )
    )
    register(
        PageSource(
            publishing.InterpretationPage,
            "interpretation",
            "政策解读",
            keywords=lambda p: p.policy.title if p.policy_id else "",
        )
    )
    register(PageSource(publishing.TopicPage, "topic", "专题"))

    if apps.is_installed("townsquare.services"):
        from townsquare.services.models import ServiceGuidePage

        register(
            PageSource(
                ServiceGuidePage,
                "guide",
                "办事指南",
                body=_guide_body,
                keywords=lambda p: p.keywords,
                date=lambda p: p.last_published_at or p.first_published_at,
            )
        )
    if apps.is_installed("townsquare.resident_requests"):
        register(ResidentRequestSource())
    if apps.is_installed("townsquare.knowledge"):
        register(KnowledgeSource())
    if apps.is_installed("townsquare.listings"):
        for model in _listing_models():
            register(ListingSource(model))
    if apps.is_installed("townsquare.archive"):
        from townsquare.archive.models import ArchivePage

        register(PageSource(ArchivePage, "archive", "公众号归档", date=lambda p: p.original_published_at))
    if apps.is_installed("townsquare.consultations"):
        from townsquare.consultations.models import ConsultationPage

        register(PageSource(ConsultationPage, "consultation", "征求意见", body=_consultation_body))
    if apps.is_installed("townsquare.surveys"):
        from townsquare.surveys.models import SurveyPage

        register(
            PageSource(
                SurveyPage,
                "survey",
                "调查征集",
                body=lambda p: f"{p.intro}\n{p.results_summary if p.results_published else ''}",
                date=lambda p: p.opens_at,
            )
        )
    if apps.is_installed("townsquare.livelihood"):
        from townsquare.livelihood.models import RoundPage

        register(
            PageSource(RoundPage, "livelihood", "民生实事", body=lambda p: p.intro, date=lambda p: p.voting_opens_at)
        )
    if apps.is_installed("townsquare.interviews"):
        from townsquare.interviews.models import InterviewPage

        register(
            PageSource(
                InterviewPage,
                "interview",
                "在线访谈",
                body=lambda p: p.summary,
                keywords=lambda p: f"{p.guest_name} {p.guest_title}",
                date=lambda p: p.starts_at,
            )
        )
