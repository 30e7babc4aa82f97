"""Where items come from: a folder, a .zip (extracted safely: no zip-slip, no zip bomb), or one file."""

import re
import stat
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings

from .feeds import parse_feed
from .items import WorkItem
from .rejections import ZIP_ATTACKS, ItemError, Rejection
from .tables import parse_table
from .wechat import parse_wechat

HTML_SUFFIXES = {".html", ".htm"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
TABLE_SUFFIXES = {".csv", ".json"}
ARTICLE_SUFFIXES = HTML_SUFFIXES | FEED_SUFFIXES | TABLE_SUFFIXES
_ZIP_ENTRY_ERRORS = (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError)


def _mb(size):
    return f"{size / 1024 / 1024:.1f} MB"


def _too_big(size):
    return ItemError(Rejection.FILE_TOO_BIG, size=_mb(size), limit=_mb(settings.ARCHIVE_MAX_FILE_BYTES))


# Files and folders


def _read_limited(path):
    size = path.stat().st_size
    if size > settings.ARCHIVE_MAX_FILE_BYTES:
        raise _too_big(size)
    return path.read_bytes()


def _name(path, root):
    return str(path.relative_to(root)) if root else path.name


def _html_item(path, root):
    def load():
        return parse_wechat(_read_limited(path), path)

    return WorkItem(name=_name(path, root), load=load)


def _expanding_item(path, root, parser):
    """A feed or table file: its entries are items; if the file itself is bad, it is one failed item."""
    try:
        return parser(_read_limited(path), path)
    except ItemError as error:
        return [WorkItem(name=_name(path, root), error=error)]


def is_article_file(relative):
    parts = relative.parts
    if any(part.endswith("_files") or part == "__MACOSX" or part.startswith(".") for part in parts[:-1]):
        return False
    return relative.suffix.lower() in ARTICLE_SUFFIXES and not parts[-1].startswith(".")


def _file_items(path, root):
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return [_html_item(path, root)]
    if suffix in FEED_SUFFIXES:
        return _expanding_item(path, root, parse_feed)
    if suffix in TABLE_SUFFIXES:
        return _expanding_item(path, root, parse_table)
    return [WorkItem(name=path.name, error=ItemError(Rejection.UNSUPPORTED))]


def items_in_folder(root):
    items = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if is_article_file(path.relative_to(root)):
            items.extend(_file_items(path, root))
    return items


# Zips


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


def _looks_like_bomb(info):
    return bool(
        info.compress_size
        and info.file_size / info.compress_size > settings.ARCHIVE_MAX_ZIP_RATIO
        and info.file_size > 1024 * 1024
    )


def _check_entry(info, name, total):
    """Refuses what the zip's own directory already shows to be unsafe or too big."""
    if _unsafe(name):
        raise ItemError(Rejection.ZIP_PATH_OUTSIDE)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ItemError(Rejection.ZIP_SYMLINK)
    if info.file_size > settings.ARCHIVE_MAX_FILE_BYTES:
        raise _too_big(info.file_size)
    if _looks_like_bomb(info):
        ratio = info.file_size // info.compress_size
        raise ItemError(Rejection.ZIP_RATIO, ratio=ratio, limit=settings.ARCHIVE_MAX_ZIP_RATIO)
    if total + info.file_size > settings.ARCHIVE_MAX_ZIP_BYTES:
        raise ItemError(Rejection.ZIP_TOTAL, limit=_mb(settings.ARCHIVE_MAX_ZIP_BYTES))


def _copy_capped(archive, info, target, cap):
    """Copies the entry to ``target``; the sizes in the zip's directory can lie, so count what comes out."""
    written = 0
    with archive.open(info) as source, open(target, "wb") as out:
        while chunk := source.read(1024 * 1024):
            written += len(chunk)
            if written > cap:
                raise ItemError(Rejection.ZIP_GREW)
            out.write(chunk)
    return written


def _extract_entry(archive, info, name, dest, total):
    """Writes one entry below ``dest`` and returns its size; raises ItemError when it is refused."""
    _check_entry(info, name, total)
    target = dest / name
    try:
        target.resolve().relative_to(dest.resolve())
    except ValueError:
        raise ItemError(Rejection.ZIP_TARGET_OUTSIDE) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    cap = min(info.file_size, settings.ARCHIVE_MAX_FILE_BYTES, settings.ARCHIVE_MAX_ZIP_BYTES - total)
    try:
        return _copy_capped(archive, info, target, cap)
    except ItemError:
        target.unlink(missing_ok=True)
        raise
    except _ZIP_ENTRY_ERRORS as error:
        target.unlink(missing_ok=True)
        raise ItemError(Rejection.ZIP_ENTRY_BROKEN, error=error) from None


def _extract_entries(archive, dest):
    rejected, total = [], 0
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = _zip_name(info)
        try:
            total += _extract_entry(archive, info, name, dest, total)
        except ItemError as error:
            rejected.append(WorkItem(name=name, error=error))
    return rejected


def _worth_reporting(item):
    return Path(item.name).suffix.lower() in ARTICLE_SUFFIXES or item.error.rejection in ZIP_ATTACKS


def extract_zip(zip_path, dest):
    """Extract what is safe into ``dest``; returns WorkItems for the rejected entries (with reasons)."""
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as error:
        return [WorkItem(name=Path(zip_path).name, error=ItemError(Rejection.ZIP_BROKEN, error=error))]
    with archive:
        count, limit = len(archive.infolist()), settings.ARCHIVE_MAX_ZIP_ENTRIES
        if count > limit:
            error = ItemError(Rejection.ZIP_TOO_MANY, count=count, limit=limit)
            return [WorkItem(name=Path(zip_path).name, error=error)]
        rejected = _extract_entries(archive, dest)
    return [item for item in rejected if _worth_reporting(item)]


# Any source


def collect(path, workdir):
    """Every work item in ``path`` (a folder, a .zip, or one file); zips are extracted into ``workdir``."""
    path = Path(path)
    if path.is_dir():
        return items_in_folder(path), path
    if path.suffix.lower() == ".zip":
        dest = Path(workdir) / "unzipped"
        dest.mkdir(parents=True, exist_ok=True)
        rejected = extract_zip(path, dest)
        return rejected + items_in_folder(dest), dest
    return _file_items(path, None), path.parent


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
