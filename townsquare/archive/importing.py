"""Importing a closed account's archive: saved WeChat pages, RSS/Atom feeds, CSV/JSON.

A source (a folder, a zip, or one file) is turned into a list of work items; each is parsed
and stored on its own, in its own transaction, so a killed import leaves only whole items and
a rerun skips what is done (``ArchiveItemKey`` is unique per unit). A bad file fails alone,
with a Chinese reason in the run's report; nothing else is lost.

Parsing uses lxml (fast, lenient HTML parser), feedparser for feeds; the body is sanitised
with nh3 (the maintained Rust ``ammonia`` binding; bleach is deprecated) to a short allow-list
matching the platform's rich-text features. Images come only from files next to the article
(the browser's ``<name>_files/`` folder): nothing is fetched from the network.
"""

import csv
import functools
import hashlib
import html
import io
import json
import logging
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path
from time import monotonic
from urllib.parse import parse_qs, unquote, urlsplit

import lxml.html
import nh3
from django.conf import settings
from django.core.files.images import ImageFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import slugify
from lxml import etree
from wagtail.images import get_image_model
from wagtail.models import Collection, Revision
from wagtail.signals import page_published

from .models import ArchiveIndexPage, ArchiveItemKey, ArchivePage, ImportRun, ImportRunItem

logger = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
TABLE_SUFFIXES = {".csv", ".json"}
ARTICLE_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | TABLE_SUFFIXES

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "hr", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
    "figure", "figcaption",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
IMAGE_SCHEME = "archive-image"
PLACEHOLDER = re.compile(r'<img src="archive-image:(\d+)" alt="([^"]*)">')
DROPPED_BLOCKS = ("script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "form")


class ItemError(Exception):
    """This item cannot be imported; the message (Chinese) says why."""


def _mb(size):
    return f"{size / 1024 / 1024:.1f} MB"


def limits():
    return {
        "file": settings.ARCHIVE_MAX_FILE_BYTES,
        "image": settings.ARCHIVE_MAX_IMAGE_BYTES,
        "pixels": settings.ARCHIVE_MAX_IMAGE_PIXELS,
        "zip": settings.ARCHIVE_MAX_ZIP_BYTES,
        "ratio": settings.ARCHIVE_MAX_ZIP_RATIO,
        "entries": settings.ARCHIVE_MAX_ZIP_ENTRIES,
    }


# --- what one item is ------------------------------------------------------------------------


@dataclass
class Parsed:
    title: str
    published_at: datetime
    body: object  # an lxml element or an HTML string, not yet sanitised
    url: str = ""
    account_name: str = ""
    summary: str = ""
    key: str = ""
    base_dir: Path | None = None  # where relative image paths are looked up


@dataclass
class WorkItem:
    name: str
    load: object = None  # callable returning Parsed, raising ItemError
    error: str = ""  # set when the item is known bad before parsing (e.g. a rejected zip entry)


@dataclass
class Outcome:
    outcome: str
    reason: str = ""
    page: ArchivePage | None = None
    key: str = ""
    title: str = ""
    images: int = 0
    missing_images: int = 0


# --- identity --------------------------------------------------------------------------------


def wechat_key(url):
    """``wx:biz:mid:idx`` from an article link, else None."""
    if not url:
        return None
    query = parse_qs(urlsplit(url).query)
    biz, mid, idx = (query.get(name, [""])[0] for name in ("__biz", "mid", "idx"))
    if biz and mid and idx:
        return f"wx:{biz}:{mid}:{idx}"
    return None


def url_key(url):
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return None
    return f"url:{parts.netloc.lower()}{parts.path}{'?' + parts.query if parts.query else ''}"[:255]


def content_key(title, text):
    digest = hashlib.sha1(f"{title.strip()}\n{' '.join(text.split())}".encode()).hexdigest()
    return f"sha1:{digest}"


def body_text(body):
    if isinstance(body, str):
        try:
            return lxml.html.fragment_fromstring(body, create_parent="div").text_content()
        except (etree.ParserError, ValueError):
            return body
    return body.text_content()


def identify(parsed, *, wx_ids=None):
    key = None
    if wx_ids and all(wx_ids):
        key = "wx:" + ":".join(wx_ids)
    key = key or wechat_key(parsed.url) or (url_key(parsed.url) if parsed.url else None)
    return key or content_key(parsed.title, body_text(parsed.body))


# --- saved WeChat pages ----------------------------------------------------------------------

_JS_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')
_JS_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)")
_JS_VALUE = r"""\s*=\s*((?:\s*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*(?:\|\|)?)+)"""
_SAVED_FROM = re.compile(r"<!-- saved from url=\(\d+\)(\S+?) -->")


def _js_unescape(value):
    def repl(match):
        code = match.group(1)
        if code[0] in "xu" and len(code) > 1:
            return chr(int(code[1:], 16))
        return {"n": "\n", "t": "\t", "r": ""}.get(code, code)

    return html.unescape(_JS_ESCAPE.sub(repl, value))


PAGE_VARS = ("ct", "nickname", "msg_title", "msg_link", "msg_desc", "biz", "mid", "idx")
_PAGE_VAR = re.compile(r"var\s+(" + "|".join(PAGE_VARS) + r")\b" + _JS_VALUE)


def js_vars(text):
    """The page's ``var name = "" || "value";`` values (last non-empty string of the first assignment)."""
    found = {}
    for match in _PAGE_VAR.finditer(text):
        name = match.group(1)
        start = match.start()
        if name in found or (start and (text[start - 1].isalnum() or text[start - 1] in "_$")):
            continue
        values = [a or b for a, b in _JS_STRING.findall(match.group(2))]
        values = [v for v in values if v]
        found[name] = _js_unescape(values[-1]).strip() if values else ""
    return found


def decode_html(data):
    if b"\x00" in data[:8192]:
        raise ItemError("不是网页文件（内容是二进制数据）")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ItemError("网页文字编码无法识别（既不是 UTF-8 也不是 GBK）")


def _first_text(tree, xpath):
    for node in tree.xpath(xpath):
        text = node if isinstance(node, str) else node.text_content()
        text = " ".join(text.split())
        if text:
            return text
    return ""


def parse_wechat(data, path=None):
    """One saved WeChat article page (bytes) → Parsed; raises ItemError with the reason."""
    text = decode_html(data)
    if not text.strip():
        raise ItemError("网页文件是空的")
    try:
        tree = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))
    except (etree.ParserError, ValueError) as error:
        raise ItemError(f"网页已损坏，无法解析（{error}）") from None
    body = tree.get_element_by_id("js_content", None)
    if body is None:
        raise ItemError("网页里找不到正文（id=js_content）：可能保存不完整，或不是公众号文章")
    page_vars = js_vars(text)
    ct = page_vars.get("ct", "")
    if not ct.isdigit():
        raise ItemError("网页里找不到发布时间（var ct）：无法确定原发布日期")
    published_at = datetime.fromtimestamp(int(ct), tz=UTC)
    title = (
        _first_text(tree, '//*[@id="activity-name"]')
        or _first_text(tree, '//meta[@property="og:title"]/@content')
        or page_vars.get("msg_title", "")
    )
    if not title:
        raise ItemError("网页里找不到文章标题")
    url = page_vars.get("msg_link", "") or _first_text(tree, '//meta[@property="og:url"]/@content')
    if not url:
        saved_from = _SAVED_FROM.search(text[:2000])
        url = saved_from.group(1) if saved_from else ""
    account = page_vars.get("nickname", "") or _first_text(tree, '//*[@id="js_name"]|//*[@id="post-user"]')
    summary = page_vars.get("msg_desc", "") or _first_text(tree, '//meta[@name="description"]/@content')
    parsed = Parsed(
        title=title[:255],
        published_at=published_at,
        body=body,
        url=url if url.startswith(("http://", "https://")) else "",
        account_name=account[:80],
        summary=summary[:300],
        base_dir=path.parent if path else None,
    )
    wx_ids = (page_vars.get("biz"), page_vars.get("mid"), page_vars.get("idx"))
    parsed.key = identify(parsed, wx_ids=wx_ids)
    if not body_text(body).strip() and not body.xpath(".//img"):
        raise ItemError("正文是空的")
    return parsed


# --- feeds and tables -------------------------------------------------------------------------


def _feed_datetime(entry):
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            return datetime(*value[:6], tzinfo=UTC)
    return None


def parse_feed(data, path):
    """RSS/Atom → list of WorkItem (each entry parsed on its own)."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.bozo:
            raise ItemError(f"无法解析的 RSS/Atom 文件（{type(feed.bozo_exception).__name__}）")
        raise ItemError("RSS/Atom 文件里没有文章")
    account = feed.feed.get("title", "")
    items = []
    for number, entry in enumerate(feed.entries, start=1):
        name = f"{path.name} 第{number}条"

        def load(entry=entry):
            title = " ".join((entry.get("title") or "").split())
            if not title:
                raise ItemError("缺少标题")
            published_at = _feed_datetime(entry)
            if published_at is None:
                raise ItemError("缺少发布时间（published/updated）")
            body = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary", "")
            link = entry.get("link", "")
            parsed = Parsed(
                title=title[:255],
                published_at=published_at,
                body=body or "",
                url=link if link.startswith(("http://", "https://")) else "",
                account_name=account[:80],
                base_dir=path.parent,
            )
            parsed.key = identify(parsed)
            return parsed

        items.append(WorkItem(name=name, load=load))
    return items


def parse_when(value):
    """A date from a CSV/JSON row: ``2023-05-01``, ``2023-05-01 09:30``, ISO 8601, or Unix seconds."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        return datetime.fromtimestamp(int(value), tz=UTC)
    value = (value or "").strip().replace("/", "-")
    if not value:
        return None
    try:
        moment = parse_datetime(value.replace("T", " ")) or parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.combine(day, time(0, 0)) if day else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


COLUMN_NAMES = {
    "title": ("title", "标题"),
    "date": ("date", "日期", "发布时间", "published"),
    "body": ("body", "正文", "content"),
    "url": ("url", "链接", "原文链接", "link"),
}


def _column(row, name):
    for alias in COLUMN_NAMES[name]:
        if alias in row and row[alias] not in (None, ""):
            return row[alias]
    return ""


def _plain_to_html(text):
    if re.search(r"<[a-zA-Z][^>]*>", text):
        return text
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def row_item(row, name, path):
    def load():
        if not isinstance(row, dict):
            raise ItemError("这一条不是“字段: 值”的对象")
        title = " ".join(str(_column(row, "title")).split())
        if not title:
            raise ItemError("缺少标题（title）")
        raw_date = _column(row, "date")
        published_at = parse_when(raw_date)
        if published_at is None:
            raise ItemError(f"日期（date）缺失或看不懂：{str(raw_date)[:40] or '空'}")
        url = str(_column(row, "url")).strip()
        parsed = Parsed(
            title=title[:255],
            published_at=published_at,
            body=_plain_to_html(str(_column(row, "body"))),
            url=url if url.startswith(("http://", "https://")) else "",
            base_dir=path.parent,
        )
        parsed.key = identify(parsed)
        return parsed

    return WorkItem(name=name, load=load)


def parse_table(data, path):
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(decode_html(data))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ItemError(f"JSON 格式错误：{error}") from None
        if isinstance(rows, dict):
            rows = rows.get("items")
        if not isinstance(rows, list):
            raise ItemError("JSON 应是文章列表（或带 items 列表的对象）")
    else:
        text = decode_html(data)
        try:
            rows = list(csv.DictReader(io.StringIO(text)))
        except csv.Error as error:
            raise ItemError(f"CSV 格式错误：{error}") from None
        if not rows:
            raise ItemError("CSV 文件里没有数据行")
    return [row_item(row, f"{path.name} 第{number}条", path) for number, row in enumerate(rows, start=1)]


# --- collecting work from a folder, a zip or a file ------------------------------------------------


def _read_limited(path):
    size = path.stat().st_size
    if size > settings.ARCHIVE_MAX_FILE_BYTES:
        raise ItemError(f"文件过大（{_mb(size)}，上限 {_mb(settings.ARCHIVE_MAX_FILE_BYTES)}）")
    return path.read_bytes()


def _html_item(path, root):
    def load():
        return parse_wechat(_read_limited(path), path)

    return WorkItem(name=str(path.relative_to(root)) if root else path.name, load=load)


def _expanding_item(path, root, parser):
    """A feed or table file: its entries are items; if the file itself is bad, it is one failed item."""
    name = str(path.relative_to(root)) if root else path.name
    try:
        return parser(_read_limited(path), path)
    except ItemError as error:
        return [WorkItem(name=name, error=str(error))]


def is_article_file(relative):
    parts = relative.parts
    if any(part.endswith("_files") or part == "__MACOSX" or part.startswith(".") for part in parts[:-1]):
        return False
    return relative.suffix.lower() in ARTICLE_SUFFIXES and not parts[-1].startswith(".")


def items_in_folder(root):
    items = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root)
        if not is_article_file(relative):
            continue
        suffix = path.suffix.lower()
        if suffix in HTML_SUFFIXES:
            items.append(_html_item(path, root))
        elif suffix in FEED_SUFFIXES:
            items.extend(_expanding_item(path, root, parse_feed))
        else:
            items.extend(_expanding_item(path, root, parse_table))
    return items


def _zip_name(info):
    name = info.filename
    if not info.flag_bits & 0x800:  # not marked UTF-8: Chinese Windows zips use GBK
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")  # zips made on Windows may separate folders with backslashes


def _unsafe(name):
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return True
    return any(part == ".." for part in re.split(r"[\\/]", name))


def extract_zip(zip_path, dest):
    """Extract what is safe into ``dest``; returns WorkItems for the rejected entries (with reasons)."""
    limit = limits()
    rejected = []
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as error:
        return [WorkItem(name=Path(zip_path).name, error=f"压缩包已损坏，无法打开（{error}）")]
    with archive:
        infos = archive.infolist()
        if len(infos) > limit["entries"]:
            return [
                WorkItem(
                    name=Path(zip_path).name, error=f"压缩包里文件太多（{len(infos)} 个，上限 {limit['entries']} 个）"
                )
            ]
        total = 0
        for info in infos:
            name = _zip_name(info)
            if info.is_dir():
                continue
            if _unsafe(name):
                rejected.append(WorkItem(name=name, error="压缩包里的路径指向目录之外（绝对路径或含 ..），已拒绝"))
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                rejected.append(WorkItem(name=name, error="压缩包里的符号链接，已拒绝"))
                continue
            if info.file_size > limit["file"]:
                rejected.append(
                    WorkItem(name=name, error=f"文件过大（{_mb(info.file_size)}，上限 {_mb(limit['file'])}）")
                )
                continue
            if (
                info.compress_size
                and info.file_size / info.compress_size > limit["ratio"]
                and info.file_size > 1024 * 1024
            ):
                ratio = info.file_size // info.compress_size
                rejected.append(
                    WorkItem(
                        name=name, error=f"压缩比异常（{ratio} 倍，上限 {limit['ratio']} 倍），疑似压缩炸弹，已拒绝"
                    )
                )
                continue
            if total + info.file_size > limit["zip"]:
                rejected.append(
                    WorkItem(name=name, error=f"压缩包解压后总量超过上限（{_mb(limit['zip'])}），其余文件未解压")
                )
                continue
            target = dest / name
            try:
                target.resolve().relative_to(dest.resolve())
            except ValueError:
                rejected.append(WorkItem(name=name, error="压缩包里的路径指向目录之外，已拒绝"))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            written, too_big = 0, False
            try:
                with archive.open(info) as source, open(target, "wb") as out:
                    while chunk := source.read(1024 * 1024):
                        written += len(chunk)
                        # The sizes in the zip's directory can lie: count what really comes out.
                        if written > info.file_size or written > limit["file"] or total + written > limit["zip"]:
                            too_big = True
                            break
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
                target.unlink(missing_ok=True)
                rejected.append(WorkItem(name=name, error=f"压缩包里的这个文件已损坏（{error}）"))
                continue
            if too_big:
                target.unlink(missing_ok=True)
                rejected.append(WorkItem(name=name, error="解压后的大小超过声明或上限，疑似压缩炸弹，已拒绝"))
                continue
            total += written
    # Only the rejected entries that would have been articles are worth a line in the report;
    # a rejected image simply goes missing from its article (which says so).
    return [
        item
        for item in rejected
        if Path(item.name).suffix.lower() in ARTICLE_SUFFIXES or "目录之外" in item.error or "压缩炸弹" in item.error
    ]


def collect(path, workdir):
    """Every work item in ``path`` (a folder, a .zip, or one file); zips are extracted into ``workdir``."""
    path = Path(path)
    if path.is_dir():
        return items_in_folder(path), path
    suffix = path.suffix.lower()
    if suffix == ".zip":
        dest = Path(workdir) / "unzipped"
        dest.mkdir(parents=True, exist_ok=True)
        rejected = extract_zip(path, dest)
        return rejected + items_in_folder(dest), dest
    if suffix in HTML_SUFFIXES:
        return [_html_item(path, None)], path.parent
    if suffix in FEED_SUFFIXES:
        return _expanding_item(path, None, parse_feed), path.parent
    if suffix in TABLE_SUFFIXES:
        return _expanding_item(path, None, parse_table), path.parent
    return [
        WorkItem(
            name=path.name, error="不支持的文件类型：请上传文件夹打包的 .zip、.html、RSS/Atom（.xml）、.csv 或 .json"
        )
    ], path.parent


def sniff_account_name(path):
    """The account name (var nickname) of the first saved article found, for when none is given."""
    with tempfile.TemporaryDirectory(prefix="archive-sniff-") as workdir:
        items, _ = collect(path, workdir)
        for item in items[:20]:
            if item.load is None:
                continue
            try:
                parsed = item.load()
            except ItemError:
                continue
            if parsed.account_name:
                return parsed.account_name
    return ""


# --- the body: images, then sanitising ------------------------------------------------------------


def _local_image(img, base_dir, root):
    """The file an <img> points to, if it is a local file inside the import folder."""
    if base_dir is None:
        return None
    for attribute in ("src", "data-src"):
        src = (img.get(attribute) or "").strip()
        if not src or src.startswith(("data:", "http://", "https://", "//")) or ":" in src.split("/")[0]:
            continue
        candidate = (base_dir / unquote(src.split("?")[0].split("#")[0])).resolve()
        try:
            candidate.relative_to(root)
        except ValueError:
            continue
        if candidate.is_file():
            return candidate
    return None


def prepare_body(body, base_dir, root, store_image):
    """Sanitised rich-text HTML; local images stored (``store_image(path) -> id or None``).

    Returns (html, stored image count, images that could not be kept).
    """
    if isinstance(body, str):
        try:
            container = lxml.html.fragment_fromstring(body or "<p></p>", create_parent="div")
        except (etree.ParserError, ValueError):
            return nh3.clean(body), 0, 0
    else:
        container = body
    for node in list(container.iter(*DROPPED_BLOCKS)):
        node.drop_tree()
    stored = missing = 0
    for img in list(container.iter("img")):
        path = _local_image(img, base_dir, root)
        image_id = store_image(path) if path is not None else None
        if image_id is None:
            missing += 1
            img.drop_tree()
            continue
        stored += 1
        alt = (img.get("alt") or "").strip()
        for name in list(img.attrib):
            del img.attrib[name]
        img.set("src", f"{IMAGE_SCHEME}:{image_id}")
        img.set("alt", alt)
    raw = "".join(
        ([html.escape(container.text)] if container.text else [])
        + [lxml.html.tostring(child, encoding="unicode") for child in container]
    )
    cleaned = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", IMAGE_SCHEME},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    cleaned = PLACEHOLDER.sub(
        lambda m: f'<embed embedtype="image" id="{m.group(1)}" format="fullwidth" alt="{m.group(2)}"/>', cleaned
    )
    cleaned = re.sub(r"<p>(\s|&nbsp;|\u00a0|<br>)*</p>", "", cleaned)
    return cleaned.strip(), stored, missing


# --- storing -----------------------------------------------------------------------------------------


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
        from PIL import Image as PILImage

        if path.stat().st_size > settings.ARCHIVE_MAX_IMAGE_BYTES:
            return None
        data = path.read_bytes()
        digest = hashlib.sha1(data).hexdigest()
        model = get_image_model()
        existing = model.objects.filter(file_hash=digest).values_list("pk", flat=True).first()
        if existing:
            return existing
        try:
            with PILImage.open(io.BytesIO(data)) as probe:
                kind = probe.format
                width, height = probe.size
                probe.verify()
        except Exception:  # noqa: BLE001 - any unreadable image is simply left out
            return None
        if kind not in self.FORMATS or width * height > settings.ARCHIVE_MAX_IMAGE_PIXELS:
            return None
        image = model(title=self.title_for()[:255], collection=self.collection_for(), file_hash=digest)
        image.file = ImageFile(io.BytesIO(data), name=f"archive-{digest[:16]}.{self.FORMATS[kind]}")
        image.width, image.height, image.file_size = width, height, len(data)
        image.save()
        return image.pk


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
        raise ItemError(f"“{unit.name}”还没有单位主页，无法建立归档栏目")
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


# --- the importer ------------------------------------------------------------------------------------


@dataclass
class Importer:
    """Imports a source into one unit's archive of one account, item by item."""

    unit: object
    account_name: str = ""
    channel: object = None
    by: object = None
    progress: object = None  # called with the run after each item
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
        run.started_at = timezone.now()
        run.save(update_fields=["state", "started_at"])
        return run

    def run(self, source, run=None):
        """Import everything in ``source``; returns the finished ImportRun."""
        run = self.start(source, run)
        try:
            with tempfile.TemporaryDirectory(prefix="archive-import-") as workdir:
                items, root = collect(source, workdir)
                run.total = len(items)
                run.save(update_fields=["total"])
                if self.progress:
                    self.progress(run)
                root = Path(root).resolve()
                self.process_all(run, items, root)
            if self._index is None and self.account_name:  # nothing new: the archive may exist from before
                self._index = ArchiveIndexPage.objects.filter(unit=self.unit, account_name=self.account_name).first()
                run.index_page = self._index
            if self._index is not None and self.channel is not None:
                link_channel(self.channel, self._index, self.by)
            run.state = ImportRun.State.DONE
        except BaseException as error:
            run.state = ImportRun.State.FAILED
            run.error = f"导入中断：{type(error).__name__} {error}"[:500]
            self.forget_rolled_back()
            run.index_page = self._index
            raise
        finally:
            run.finished_at = timezone.now()
            counts = ImportRun.objects.filter(pk=run.pk).values("processed", "imported", "skipped", "failed").first()
            for name, value in (counts or {}).items():
                setattr(run, name, value)
            run.save(update_fields=["state", "error", "finished_at", "index_page"])
        return run

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
        parsed = None
        if item.error:
            outcome = Outcome("failed", item.error)
        else:
            try:
                parsed = item.load()
                outcome = None
            except ItemError as error:
                outcome = Outcome("failed", str(error))
            except Exception as error:  # noqa: BLE001 - one bad file must not stop the others
                logger.exception("archive import: %s", item.name)
                outcome = Outcome("failed", f"处理时出错（{type(error).__name__}）")
        if outcome is None:
            try:
                with transaction.atomic():
                    outcome = self.store(parsed, root)
                    self.record(run, position, item, outcome)
                return
            except IntegrityError:
                self.forget_rolled_back()
                outcome = Outcome("skipped", "已导入过（另一次导入刚刚存入）", key=parsed.key, title=parsed.title)
            except ItemError as error:
                self.forget_rolled_back()
                outcome = Outcome("failed", str(error), key=parsed.key, title=parsed.title)
            except Exception as error:  # noqa: BLE001
                logger.exception("archive import: %s", item.name)
                self.forget_rolled_back()
                outcome = Outcome("failed", f"保存时出错（{type(error).__name__}）", key=parsed.key, title=parsed.title)
        with transaction.atomic():
            self.record(run, position, item, outcome)

    def forget_rolled_back(self):
        """The archive page or image collection made inside a rolled-back item (or batch) is gone too."""
        if self._index is not None and not ArchiveIndexPage.objects.filter(pk=self._index.pk).exists():
            self._index = None
        if self._collection is not None and not Collection.objects.filter(pk=self._collection.pk).exists():
            self._collection = None

    def record(self, run, position, item, outcome):
        reason = outcome.reason
        if outcome.outcome == "imported" and outcome.missing_images:
            reason = f"有 {outcome.missing_images} 张图片未随网页保存，已略去"
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
        counter = {"imported": "imported", "skipped": "skipped", "failed": "failed"}[outcome.outcome]
        ImportRun.objects.filter(pk=run.pk).update(processed=F("processed") + 1, **{counter: F(counter) + 1})
        run.processed += 1
        setattr(run, counter, getattr(run, counter) + 1)
        if self._index is not None and run.index_page_id != self._index.pk:
            run.index_page = self._index
            ImportRun.objects.filter(pk=run.pk).update(index_page=self._index)

    def index(self, parsed):
        if self._index is None:
            name = self.account_name or (self.channel.name if self.channel else "") or parsed.account_name
            if not name:
                raise ItemError("不知道原公众号的名称：请指定原账号")
            self.account_name = name
            self._index = ensure_index(self.unit, name)
        return self._index

    def store(self, parsed, root):
        existing = ArchiveItemKey.objects.filter(unit=self.unit, key=parsed.key).select_related("page").first()
        if existing is not None:
            first = existing.created_at.astimezone(timezone.get_current_timezone())
            return Outcome(
                "skipped",
                f"已导入过（{first:%Y-%m-%d %H:%M} 存为《{existing.page.title[:30]}》），不重复添加",
                key=parsed.key,
                title=parsed.title,
            )
        index = self.index(parsed)
        account = parsed.account_name or self.account_name
        store_image = ImageStore(
            collection_for=lambda: self.collection(),
            title_for=lambda: f"{account}·{parsed.title}",
        )
        body, stored, missing = prepare_body(parsed.body, parsed.base_dir, root, store_image)
        page = create_page(index, parsed, body, account, self.by)
        ArchiveItemKey.objects.create(unit=self.unit, key=parsed.key, page=page)
        return Outcome("imported", key=parsed.key, title=parsed.title, page=page, images=stored, missing_images=missing)

    def collection(self):
        if self._collection is None:
            self._collection = archive_collection(self.account_name)
        return self._collection


def create_page(index, parsed, body, account, by=None):
    """A live ArchivePage under ``index`` dated with the ORIGINAL publish time, with one revision."""
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
        last_published_at=parsed.published_at,
        live=True,
        has_unpublished_changes=False,
        owner=by,
    )
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
    # One revision, made live, written with a queryset update: save_revision() would save the page a
    # second time and queue its search and reference-index updates twice (the add above queued them).
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=by,
        content=page.serializable_data(),
        object_str=str(page),
    )
    changes = {
        "latest_revision": revision,
        "live_revision": revision,
        "latest_revision_created_at": revision.created_at,
        "draft_title": page.title,
        "has_unpublished_changes": False,
    }
    ArchivePage.objects.filter(pk=page.pk).update(**changes)
    for name, value in changes.items():
        setattr(page, name, value)
    # Tell whoever follows publishing (the site search) that this page went live, as publish() would.
    page_published.send(sender=ArchivePage, instance=page, revision=revision)
    return page


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
