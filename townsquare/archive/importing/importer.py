"""The importer: one run over a source, items stored in small batches, each item whole or not at all."""

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from time import monotonic

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Collection

from ..models import ArchiveIndexPage, ArchiveItemKey, ImportRun, ImportRunItem
from .cleaning import prepare_body
from .items import Outcome
from .rejections import ItemError, Rejection
from .sources import collect
from .storing import ImageStore, archive_collection, create_page, ensure_index, link_channel

logger = logging.getLogger(__name__)

IMPORTED, SKIPPED, FAILED = ImportRunItem.Outcome.IMPORTED, ImportRunItem.Outcome.SKIPPED, ImportRunItem.Outcome.FAILED
MISSING_IMAGES_NOTE = "有 {count} 张图片未随网页保存，已略去"


@dataclass
class Importer:
    """Imports a source into one unit's archive of one account, item by item."""

    unit: object
    account_name: str = ""
    channel: object = None
    by: object = None
    progress: object = None  # called with the run after each item
    # Drafts unless asked: an admin upload makes a batch that someone who may publish approves
    # (ImportRun.approve); only the server command (and the demo) publish at once, logged as ``by``.
    publish: bool = False
    _index: ArchiveIndexPage | None = field(default=None, init=False)
    _collection: Collection | None = field(default=None, init=False)

    def start(self, source, run=None):
        if not self.account_name and self.channel is not None:
            self.account_name = self.channel.name
        if run is None:
            run = ImportRun.objects.create(
                unit=self.unit,
                channel=self.channel,
                account_name=self.account_name or "",
                source=str(source)[:500],
                created_by=self.by,
            )
        run.state = ImportRun.State.RUNNING
        run.started_at = run.progressed_at = timezone.now()
        run.needs_review = not self.publish
        run.save(update_fields=["state", "started_at", "progressed_at", "needs_review"])
        return run

    def run(self, source, run=None):
        """Import everything in ``source``; returns the finished ImportRun."""
        run = self.start(source, run)
        try:
            self.import_all(run, source)
            self.link_archive(run)
            run.state = ImportRun.State.DONE
        except BaseException as error:
            run.state = ImportRun.State.FAILED
            run.error = f"导入中断：{type(error).__name__} {error}"[:500]
            self.forget_rolled_back()
            run.index_page = self._index
            raise
        finally:
            self.finish(run)
        return run

    def import_all(self, run, source):
        with tempfile.TemporaryDirectory(prefix="archive-import-") as workdir:
            items, root = collect(source, workdir)
            run.total = len(items)
            run.save(update_fields=["total"])
            if self.progress:
                self.progress(run)
            self.process_all(run, items, Path(root).resolve())

    def link_archive(self, run):
        """The run (and the closed channel) point at the archive, also when nothing new was imported."""
        if self._index is None and self.account_name:
            self._index = ArchiveIndexPage.objects.filter(unit=self.unit, account_name=self.account_name).first()
            run.index_page = self._index
        if self._index is not None and self.channel is not None:
            link_channel(self.channel, self._index, self.by)

    def finish(self, run):
        run.finished_at = timezone.now()
        counts = ImportRun.objects.filter(pk=run.pk).values("processed", "imported", "skipped", "failed").first()
        for name, value in (counts or {}).items():
            setattr(run, name, value)
        run.save(update_fields=["state", "error", "finished_at", "index_page"])

    def process_all(self, run, items, root):
        """Each item in its own savepoint, committed in small batches (ARCHIVE_BATCH_ITEMS, at most
        ARCHIVE_BATCH_SECONDS): a kill loses at most the open batch, and only whole items are ever
        stored. One commit per item would cost a disk flush per item on PostgreSQL."""
        position, count = 0, len(items)
        while position < count:
            deadline = monotonic() + settings.ARCHIVE_BATCH_SECONDS
            with transaction.atomic():
                for _ in range(max(1, settings.ARCHIVE_BATCH_ITEMS)):
                    position += 1
                    self.process(run, position, items[position - 1], root)
                    if self.progress:
                        self.progress(run)
                    if position >= count or monotonic() > deadline:
                        break

    def process(self, run, position, item, root):
        """Parse, store and record one item in a savepoint; a refused item is recorded on its own."""
        parsed, outcome = self.load(item)
        if outcome is None:
            try:
                with transaction.atomic():
                    self.record(run, position, item, self.store(parsed, root))
                return
            except IntegrityError:
                outcome = self.rolled_back(parsed, ItemError(Rejection.DUPLICATE_CONCURRENT), SKIPPED)
            except ItemError as error:
                outcome = self.rolled_back(parsed, error)
            except Exception as error:  # noqa: BLE001 - one bad item must not stop the others
                logger.exception("archive import: %s", item.name)
                outcome = self.rolled_back(parsed, ItemError(Rejection.SAVE_CRASHED, error=type(error).__name__))
        with transaction.atomic():
            self.record(run, position, item, outcome)

    def load(self, item):
        """(Parsed, None), or (None, the Outcome of an item refused before storing)."""
        if item.error is not None:
            return None, Outcome.refused(item.error)
        try:
            return item.load(), None
        except ItemError as error:
            return None, Outcome.refused(error)
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the others
            logger.exception("archive import: %s", item.name)
            return None, Outcome.refused(ItemError(Rejection.PARSE_CRASHED, error=type(error).__name__))

    def rolled_back(self, parsed, error, outcome=FAILED):
        self.forget_rolled_back()
        return Outcome.refused(error, parsed, outcome)

    def forget_rolled_back(self):
        """The archive page or image collection made inside a rolled-back item (or batch) is gone too."""
        if self._index is not None and not ArchiveIndexPage.objects.filter(pk=self._index.pk).exists():
            self._index = None
        if self._collection is not None and not Collection.objects.filter(pk=self._collection.pk).exists():
            self._collection = None

    def record(self, run, position, item, outcome):
        reason = outcome.reason
        if outcome.outcome == IMPORTED and outcome.missing_images:
            reason = MISSING_IMAGES_NOTE.format(count=outcome.missing_images)
        ImportRunItem.objects.create(
            run=run,
            position=position,
            name=item.name[:500],
            title=outcome.title[:255],
            key=outcome.key[:255],
            outcome=outcome.outcome,
            reason=reason[:500],
            page=outcome.page,
        )
        counter = {IMPORTED: "imported", SKIPPED: "skipped", FAILED: "failed"}[outcome.outcome]
        ImportRun.objects.filter(pk=run.pk).update(
            processed=F("processed") + 1, progressed_at=timezone.now(), **{counter: F(counter) + 1}
        )
        run.processed += 1
        setattr(run, counter, getattr(run, counter) + 1)
        if self._index is not None and run.index_page_id != self._index.pk:
            run.index_page = self._index
            ImportRun.objects.filter(pk=run.pk).update(index_page=self._index)

    def index(self, parsed):
        if self._index is None:
            name = self.account_name or (self.channel.name if self.channel else "") or parsed.account_name
            if not name:
                raise ItemError(Rejection.NO_ACCOUNT)
            self.account_name = name
            self._index = ensure_index(self.unit, name)
        return self._index

    def store(self, parsed, root):
        existing = ArchiveItemKey.objects.filter(unit=self.unit, key=parsed.key).select_related("page").first()
        if existing is not None:
            return self.already_imported(parsed, existing)
        index = self.index(parsed)
        account = parsed.account_name or self.account_name
        store_image = ImageStore(
            collection_for=lambda: self.collection(),
            title_for=lambda: f"{account}·{parsed.title}",
        )
        body, stored, missing = prepare_body(parsed.body, parsed.base_dir, root, store_image)
        page = create_page(index, parsed, body, account, self.by, publish=self.publish)
        ArchiveItemKey.objects.create(unit=self.unit, key=parsed.key, page=page)
        return Outcome(IMPORTED, key=parsed.key, title=parsed.title, page=page, images=stored, missing_images=missing)

    def already_imported(self, parsed, existing):
        first = existing.created_at.astimezone(timezone.get_current_timezone())
        error = ItemError(Rejection.DUPLICATE, first=f"{first:%Y-%m-%d %H:%M}", title=existing.page.title[:30])
        return Outcome.refused(error, parsed, SKIPPED)

    def collection(self):
        if self._collection is None:
            self._collection = archive_collection(self.account_name)
        return self._collection


def report_lines(run):
    """The final report, in Chinese: counts, then every item that was skipped or failed, with its reason."""
    counts = f"导入 {run.imported} 条，跳过 {run.skipped} 条，失败 {run.failed} 条"
    lines = [f"导入{run.get_state_display()}：共 {run.total} 条，{counts}。"]
    if run.error:
        lines.append(run.error)
    for item in run.items.exclude(outcome=ImportRunItem.Outcome.IMPORTED).order_by("position"):
        lines.append(f"{item.get_outcome_display()}  {item.name}：{item.reason}")
    for item in run.items.filter(outcome=ImportRunItem.Outcome.IMPORTED).exclude(reason="").order_by("position"):
        lines.append(f"提示  {item.name}：{item.reason}")
    return lines
