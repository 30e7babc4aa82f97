"""The body of an article: local images kept, everything else sanitised with nh3 to rich text.

nh3 is the maintained binding of Rust's ``ammonia`` (bleach is deprecated); the allow-list matches
the platform's rich-text features. Images come only from files next to the article (the browser's
``<name>_files/`` folder): nothing is fetched from the network.
"""

import html
import re
from urllib.parse import unquote

import lxml.html
import nh3
from lxml import etree

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
EMPTY_PARAGRAPH = re.compile(r"<p>(\s|&nbsp;|\u00a0|<br>)*</p>")


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


def _keep_images(container, base_dir, root, store_image):
    """Each <img> becomes a placeholder for its stored image, or goes; returns (stored, missing)."""
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
    return stored, missing


def _sanitise(container):
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
    return EMPTY_PARAGRAPH.sub("", cleaned).strip()


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
    stored, missing = _keep_images(container, base_dir, root, store_image)
    return _sanitise(container), stored, missing
