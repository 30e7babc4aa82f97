"""Where an imported article goes: the account's archive page, its image collection, a page (live or a draft)."""

import functools
import hashlib
import io

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection, Revision
from wagtail.signals import page_published

from ..models import ArchiveIndexPage, ArchivePage
from .rejections import ItemError, Rejection


def archive_collection(account_name):
    root = Collection.get_first_root_node()
    name = f"公众号归档·{account_name}"[:255]
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


class ImageStore:
    """Stores image files in Wagtail's library, once per file content (SHA-1, Wagtail's own file_hash)."""

    FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}

    def __init__(self, collection_for, title_for):
        self.collection_for = collection_for
        self.title_for = title_for
        self.by_path = {}

    def __call__(self, path):
        if path in self.by_path:
            return self.by_path[path]
        image_id = self._store(path)
        self.by_path[path] = image_id
        return image_id

    def _store(self, path):
        if path.stat().st_size > settings.ARCHIVE_MAX_IMAGE_BYTES:
            return None
        data = path.read_bytes()
        digest = hashlib.sha1(data).hexdigest()
        model = get_image_model()
        existing = model.objects.filter(file_hash=digest).values_list("pk", flat=True).first()
        if existing:
            return existing
        probe = self._probe(data)
        if probe is None:
            return None
        kind, width, height = probe
        image = model(title=self.title_for()[:255], collection=self.collection_for(), file_hash=digest)
        image.file = ImageFile(io.BytesIO(data), name=f"archive-{digest[:16]}.{self.FORMATS[kind]}")
        image.width, image.height, image.file_size = width, height, len(data)
        image.save()
        return image.pk

    def _probe(self, data):
        """(format, width, height) of a readable image of a kept format and size, else None."""
        from PIL import Image as PILImage

        try:
            with PILImage.open(io.BytesIO(data)) as probe:
                kind = probe.format
                width, height = probe.size
                probe.verify()
        except Exception:  # noqa: BLE001 - any unreadable image is simply left out
            return None
        if kind not in self.FORMATS or width * height > settings.ARCHIVE_MAX_IMAGE_PIXELS:
            return None
        return kind, width, height


def archive_slug(account_name):
    from pypinyin import lazy_pinyin

    return (slugify("".join(lazy_pinyin(account_name))) or "gongzhonghao")[:40]


def ensure_index(unit, account_name, home=None):
    """The unit's archive page for this account: a child of the unit's home page (created once)."""
    from townsquare.publishing.models import HomePage, UnitHomePage

    index = ArchiveIndexPage.objects.filter(unit=unit, account_name=account_name).first()
    if index is not None:
        return index
    home = home or UnitHomePage.objects.filter(unit=unit).first() or HomePage.objects.filter(unit=unit).first()
    if home is None:
        raise ItemError(Rejection.NO_HOME, unit=unit.name)
    slug = f"guidang-{archive_slug(account_name)}"
    if (
        ArchiveIndexPage.objects.child_of(home).filter(slug=slug).exists()
        or home.get_children().filter(slug=slug).exists()
    ):
        slug = f"{slug}-{unit.pk}-{hashlib.sha1(account_name.encode()).hexdigest()[:6]}"
    index = ArchiveIndexPage(
        title=f"“{account_name}”公众号归档",
        slug=slug,
        unit=unit,
        account_name=account_name,
        intro=f"“{account_name}”微信公众号已停止更新，原来发布的文章收在这里，按原发布时间排列。"
        f"{unit.display_name}的新消息请看本站“{unit.display_name}”主页。",
    )
    home.add_child(instance=index)
    index.save_revision(log_action=False).publish(log_action=False)
    return index


def link_channel(channel, index_page, by=None, now=None):
    """The closed channel's record points at its archive (through the channels app's lifecycle if present).

    Returns "lifecycle" when ``record_merge`` did it, "direct" when the field was set here, and
    "already" when the record pointed there before (so a rerun logs no second merge).
    """
    now = now or timezone.now()
    channel.refresh_from_db(fields=["archive_page"])
    if channel.archive_page_id == index_page.pk:
        return "already"
    try:
        from townsquare.channels.lifecycle import record_merge
    except ImportError:
        record_merge = None
    if record_merge is not None:
        record_merge(channel, index_page, by, now)
        return "lifecycle"
    channel.archive_page = index_page
    channel.save(update_fields=["archive_page"])
    return "direct"


def _add_without_validation(index, page):
    # The importer has already made every field valid (lengths cut, a unique slug under ``index``),
    # so the model validation Wagtail runs on each save (a dozen queries) is skipped: it was most of
    # the time per item. treebeard's add_child calls ``save()`` without arguments, hence the partial.
    page.locale_id = index.locale_id
    page._cached_parent_obj = index  # treebeard's get_parent() cache: no query for url_path
    page._is_site_root = False  # an archive article is never a site's root
    page.save = functools.partial(page.save, clean=False)
    try:
        index.add_child(instance=page)
    finally:
        del page.save


def _save_first_revision(page, by, publish):
    # One revision, written with a queryset update: save_revision() would save the page a second
    # time and queue its search and reference-index updates twice (the add above queued them).
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=by,
        content=page.serializable_data(),
        object_str=str(page),
    )
    changes = {
        "latest_revision": revision,
        "latest_revision_created_at": revision.created_at,
        "draft_title": page.title,
        "has_unpublished_changes": not publish,
    }
    if publish:
        changes["live_revision"] = revision
    ArchivePage.objects.filter(pk=page.pk).update(**changes)
    for name, value in changes.items():
        setattr(page, name, value)
    if publish:
        # What publish() would do: the log names who published (None: the system, for the server
        # command), and whoever follows publishing (the site search) hears that the page went live.
        log(instance=page, action="wagtail.publish", user=by, revision=revision, content_changed=True)
        page_published.send(sender=ArchivePage, instance=page, revision=revision)


def create_page(index, parsed, body, account, by=None, publish=True):
    """An ArchivePage under ``index`` dated with the ORIGINAL publish time, with one revision: live when
    ``publish`` (the server command, logged as ``by``), else a draft waiting for its batch's approval.
    ``first_published_at`` is the original date either way, so approving keeps it."""
    slug = f"{parsed.published_at:%Y%m%d}-{hashlib.sha1(parsed.key.encode()).hexdigest()[:10]}"
    page = ArchivePage(
        title=parsed.title,
        slug=slug,
        unit=index.unit,
        account_name=account[:80],
        original_published_at=parsed.published_at,
        original_url=parsed.url[:1000],
        summary=parsed.summary,
        body=body,
        first_published_at=parsed.published_at,
        last_published_at=parsed.published_at if publish else None,
        live=publish,
        has_unpublished_changes=not publish,
        owner=by,
    )
    _add_without_validation(index, page)
    _save_first_revision(page, by, publish)
    return page
