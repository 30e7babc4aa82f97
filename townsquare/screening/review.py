"""Screening a page before it is published, and the reviewer's two answers: mask it, or a false alarm.

``screen(page, live=False)`` scans the page's latest revision (``live=True``: what is published now)
— title, summary, every text field, every body block, table and question — and its documents
(attachments and documents linked in the body), and keeps the ``Finding`` rows of the page in step:
new ones open; ones confirmed as false alarms stay closed (the same text on the same page is not
asked again); open ones no longer there are closed as gone.
"""

import html
import logging
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TaskState

from townsquare.core.privacy import public_contacts
from townsquare.units.models import Unit

from . import documents, scanner
from .models import Finding, SensitiveWord

logger = logging.getLogger(__name__)

DOCUMENT_LINK = re.compile(r"<a\b[^>]*\blinktype=\"document\"[^>]*\bid=\"(\d+)\"", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
BLOCK_END = re.compile(r"</(?:p|li|h\d|tr|td|th|div)>|<br\s*/?>", re.IGNORECASE)
# Page fields every page has that are not content (slugs, paths, the SEO title is content).
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "path", "locale", "content_type", "latest_revision_created_at"}
BLOCK_LABELS = {"text": "正文", "qa": "问答", "graphic": "图片", "question": "问", "answer": "答", "caption": "图注"}


@dataclass
class Context:
    """What a scan compares against, read once: the allow-list and the 错敏词."""

    keep: frozenset
    words: list

    @classmethod
    def load(cls):
        addresses = {a for a in Unit.objects.exclude(address="").values_list("address", flat=True)}
        return cls(frozenset(public_contacts()) | frozenset(addresses), SensitiveWord.listed())


def plain(value):
    """The text of rich text, a line per paragraph or cell."""
    return html.unescape(TAG.sub("", BLOCK_END.sub("\n", value)))


def _stream_pieces(label, raw, found, links):
    def walk(value, where):
        if isinstance(value, str):
            links.update(int(pk) for pk in DOCUMENT_LINK.findall(value))
            found.append((where, plain(value) if "<" in value else value))
        elif isinstance(value, dict):
            if "type" in value and "value" in value:
                walk(value["value"], f"{where} · {BLOCK_LABELS.get(value['type'], value['type'])}")
                return
            for key, item in value.items():
                walk(item, f"{where} · {BLOCK_LABELS.get(key, key)}" if key not in ("image", "alt") else where)
        elif isinstance(value, list):
            for number, item in enumerate(value, start=1):
                walk(item, f"{where} 第{number}块" if isinstance(item, dict) and "type" in item else where)

    walk(list(raw), label)


def content_fields(page):
    """The page's fields that hold text people read."""
    own = {field.name for field in Page._meta.concrete_fields}
    for field in page._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or (field.name in own and field.name not in ("title", "search_description")):
            continue
        if isinstance(field, StreamField | RichTextField) or (
            isinstance(field, models.CharField | models.TextField) and not field.choices
        ):
            yield field


def page_pieces(page):
    """``([(where, text)], document ids linked in the body)`` of ``page`` as it is (a revision's object)."""
    found, links = [], set()
    for field in content_fields(page):
        value = getattr(page, field.name)
        label = str(field.verbose_name)
        if isinstance(field, StreamField):
            _stream_pieces(label, getattr(value, "raw_data", value) or [], found, links)
        elif value:
            text = str(value)
            if isinstance(field, RichTextField):
                links.update(int(pk) for pk in DOCUMENT_LINK.findall(text))
                text = plain(text)
            found.append((label, text))
    return found, links


def page_documents(page, links):
    """Documents of ``page``: attachments (any child row with a ``document``) and documents linked in the body."""
    ids = set(links)
    for relation in page._meta.related_objects:
        model = relation.related_model
        if relation.one_to_many and any(f.name == "document" for f in model._meta.concrete_fields):
            manager = getattr(page, relation.get_accessor_name(), None)
            if manager is not None:
                ids.update(row.document_id for row in manager.all())
    return list(get_document_model().objects.filter(pk__in=ids).order_by("pk"))


def scan_document(document, context):
    """``(hits, unreadable reason or "")`` of one document."""
    name = document.filename
    if not documents.readable_kind(name):
        return [], ""
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        pieces = documents.pieces(name, data)
    except documents.Unreadable as error:
        return [], str(error)
    except OSError:
        return [], f"文件“{name}”找不到或打不开，无法检查。"
    hits = []
    for where, text in pieces:
        hits += scanner.scan_text(text, where, context.keep, context.words)
    return hits, ""


def scan(page, context=None, live=False):
    """Every hit on ``page`` (its latest revision, or the live version) as ``[(document or None, hit)]``."""
    context = context or Context.load()
    obj = page.specific if live else page.get_latest_revision_as_object()
    pieces, links = page_pieces(obj)
    found = [
        (None, hit) for where, text in pieces for hit in scanner.scan_text(text, where, context.keep, context.words)
    ]
    for document in page_documents(obj, links):
        hits, unreadable = scan_document(document, context)
        found += [(document, hit) for hit in hits]
        if unreadable:
            found.append(
                (document, scanner.Hit(Finding.Kind.UNREADABLE, document.filename, document.filename, unreadable))
            )
    return found


def _unit_id(page):
    unit = getattr(page.specific_deferred, "unit", None)
    if unit is None and hasattr(page.specific_deferred, "nearest_unit"):
        unit = page.specific_deferred.nearest_unit()
    return unit.pk if isinstance(unit, Unit) else None


@transaction.atomic
def screen(page, context=None, live=False):
    """Scan ``page`` and keep its findings in step; return its open findings."""
    now = timezone.now()
    existing = {(f.document_id, f.kind, f.key): f for f in Finding.objects.select_for_update().filter(page=page)}
    unit_id = _unit_id(page)
    seen = set()
    for document, hit in scan(page, context, live):
        key = (document.pk if document else None, hit.kind, hit.key[:200])
        if key in seen:
            continue
        seen.add(key)
        finding = existing.get(key)
        if finding is None:
            existing[key] = Finding.objects.create(
                page=page, document=document, unit_id=unit_id, kind=hit.kind, key=key[2], text=hit.text[:300],
                masked=hit.masked[:300], suggestion=hit.suggestion[:60], word_kind=hit.note[:12],
                where=hit.where[:300], live=live, found_at=now, seen_at=now,
            )  # fmt: skip
            continue
        if finding.status in (Finding.Status.GONE, Finding.Status.MASKED):
            finding.status = Finding.Status.OPEN  # it came back
        finding.where, finding.text, finding.seen_at, finding.unit_id = hit.where[:300], hit.text[:300], now, unit_id
        finding.masked = hit.masked[:300]
        finding.live = finding.live or live
        finding.save()
    for key, finding in existing.items():
        if key in seen:
            continue
        if live:
            finding.live = False
        if finding.status == Finding.Status.OPEN and (live or not finding.live):
            finding.status = Finding.Status.GONE
        finding.save(update_fields=["live", "status"])
    return [f for key, f in existing.items() if key in seen and f.status == Finding.Status.OPEN]


class NotMasked(Exception):
    """The finding could not be masked in one click; the message says what to do, in Chinese."""


def _mask_value(value, hit):
    if isinstance(value, str):
        return scanner.mask_in(value, hit)
    if isinstance(value, dict):
        return {key: _mask_value(item, hit) for key, item in value.items()}
    if isinstance(value, list):
        return [_mask_value(item, hit) for item in value]
    return value


def _mask_page(finding, user):
    page = finding.page.get_latest_revision_as_object()
    hit = finding.as_hit()
    changed = False
    for field in content_fields(page):
        value = getattr(page, field.name)
        if isinstance(field, StreamField):
            raw = list(getattr(value, "raw_data", value) or [])
            new = _mask_value(raw, hit)
            if new != raw:
                setattr(page, field.name, new)
                changed = True
        elif isinstance(value, str) and value:
            new = scanner.mask_in(value, hit)
            if new != value:
                setattr(page, field.name, new)
                changed = True
    if not changed:
        raise NotMasked("页面最新版本中没有找到这段内容（可能被分成了几段或带有格式），请在编辑页手动修改后再审核。")
    revision = page.save_revision(user=user, log_action=True)
    _keep_approvals(finding.page, revision)


def _keep_approvals(page, revision):
    """The masked revision keeps the 三审 approvals given so far: only masked characters changed.

    With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT a new revision would otherwise send the page back
    to 初审; the step in progress (终审) moves to the masked revision, so approving publishes it.
    """
    state = page.current_workflow_state if page.workflow_in_progress else None
    if state is None:
        return
    state.copy_approved_task_states_to_revision(revision)
    TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_IN_PROGRESS).update(revision=revision)


def _mask_document(finding):
    document = finding.document
    name = document.filename
    if documents.extension(name) not in documents.MASKABLE:
        raise NotMasked(
            f"“{name}”是 PDF 等无法在线遮盖的文件：请用原始文件遮盖后重新生成，"
            "在“文档”里编辑这个文件并替换为遮盖后的版本，然后重新检查。"
        )
    with document.file.open("rb") as handle:
        data = handle.read()
    hit = finding.as_hit()
    new = documents.masked_copy(name, data, lambda text: scanner.mask_in(text, hit))
    if new is None:
        raise NotMasked(f"在“{name}”中没有找到这段内容，请打开文件手动修改后替换。")
    old_name = document.file.name
    storage = document.file.storage
    document.file.save(name, ContentFile(new), save=False)
    document.file_size = len(new)
    document.file_hash = ""
    document._set_document_file_metadata()
    document.save()
    # The unmasked original must not stay reachable in storage.
    transaction.on_commit(lambda: storage.delete(old_name) if old_name != document.file.name else None)


@transaction.atomic
def mask(finding, user):
    """Mask what ``finding`` found where it was: a new revision of the page, or a masked copy of the document."""
    if finding.kind == Finding.Kind.UNREADABLE:
        raise NotMasked("无法读取的文件不能遮盖：请替换为可以打开的文件后重新检查。")
    if finding.kind == Finding.Kind.WORD and not finding.suggestion:
        raise NotMasked("这个词没有建议的替换用语：请在编辑页修改，或确认为误报并写明理由。")
    if finding.document_id:
        _mask_document(finding)
    else:
        _mask_page(finding, user)
    finding.decide(Finding.Status.MASKED, user)


def dismiss(finding, user, reason):
    """A false alarm, with the reviewer's reason: not asked again for the same text on this page."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("请写明为什么这不是个人信息或错敏词。")
    finding.decide(Finding.Status.DISMISSED, user, reason[:300])


def rescan_live():
    """Screen every live page as published (and its documents); ``(pages scanned, open findings)``."""
    context = Context.load()
    pages = Page.objects.live().filter(depth__gt=1).specific().order_by("path")
    scanned = 0
    for page in pages.iterator(chunk_size=200):
        try:
            screen(page, context, live=True)
        except Exception:  # one broken page must not stop the county's rescan
            logger.exception("screening of page %s failed", page.pk)
            continue
        scanned += 1
    Finding.objects.filter(live=True, page__live=False).update(live=False)
    return scanned, Finding.objects.filter(status=Finding.Status.OPEN).count()
