"""A publication's body as a 公众号 article: WeChat-safe HTML with inline styles and WeChat-hosted images.

What WeChat keeps: plain tags with inline ``style`` (classes and scripts are dropped by its editor), images
only from its own servers (``media/uploadimg``), and links only to other 公众号 articles
(mp.weixin.qq.com) — any other ``href`` is removed when the article is shown. So each link keeps its
``href`` and also shows its address as text, and the article ends with the page's own address; the
“阅读原文” link under the article (``content_source_url``) goes to the page itself.
"""

import io
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import nh3
from bs4 import BeautifulSoup
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

IMAGE_FILTER = "max-1080x1080|format-jpeg|jpegquality-85"
WECHAT_HOSTS = ("mp.weixin.qq.com",)

STYLES = {
    "p": "margin:0 0 1em;line-height:1.75;font-size:17px;color:#222;",
    "h2": "margin:1.4em 0 .6em;font-size:20px;font-weight:bold;color:#111;",
    "h3": "margin:1.2em 0 .5em;font-size:18px;font-weight:bold;color:#111;",
    "ul": "margin:0 0 1em;padding-left:1.4em;line-height:1.75;font-size:17px;",
    "ol": "margin:0 0 1em;padding-left:1.4em;line-height:1.75;font-size:17px;",
    "li": "margin:0 0 .3em;",
    "img": "max-width:100%;height:auto;display:block;margin:0 auto;",
    "hr": "border:0;border-top:1px solid #ddd;margin:1.5em 0;",
    "table": "border-collapse:collapse;width:100%;font-size:15px;",
    "td": "border:1px solid #ccc;padding:4px 6px;",
    "th": "border:1px solid #ccc;padding:4px 6px;font-weight:bold;",
}
CAPTION_STYLE = "margin:-.4em 0 1.2em;text-align:center;font-size:14px;color:#666;"
NOTE_STYLE = "margin:1.5em 0 0;font-size:14px;color:#666;"
ALLOWED_TAGS = {"p", "h2", "h3", "strong", "b", "em", "i", "ul", "ol", "li", "a", "img", "br", "hr", "span", "section"}
ALLOWED_TAGS |= {"table", "tr", "td", "th", "tbody", "thead"}
ALLOWED_ATTRIBUTES = {"*": {"style"}, "a": {"href"}, "img": {"src", "alt"}, "td": {"colspan", "rowspan"}}


@dataclass
class Article:
    title: str
    author: str
    digest: str
    content: str
    content_source_url: str
    thumb_media_id: str

    def as_payload(self):
        return {
            "title": self.title[:64],
            "author": self.author[:16],
            "digest": self.digest[:120],
            "content": self.content,
            "content_source_url": self.content_source_url,
            "thumb_media_id": self.thumb_media_id,
            "need_open_comment": 0,
            "only_fans_can_comment": 0,
        }


def image_bytes(image):
    """The picture as a JPEG of at most 1080 px (WeChat takes up to 1 MB for article images)."""
    rendition = image.get_rendition(IMAGE_FILTER)
    with rendition.file.open("rb") as handle:
        return f"image-{image.pk}.jpg", handle.read()


def default_cover():
    """A plain cover (900×383, WeChat's ratio) for articles without a picture: the draft API requires one."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (900, 383), (178, 34, 34)).save(buffer, format="JPEG", quality=85)
    return "cover.jpg", buffer.getvalue()


class Converter:
    """Builds the article of one page with one client (uploads happen while converting)."""

    def __init__(self, page, client):
        self.page, self.client = page, client
        self.page_url = page.full_url or ""
        self.uploaded = {}

    def hosted(self, image):
        if image.pk not in self.uploaded:
            self.uploaded[image.pk] = self.client.upload_content_image(*image_bytes(image))
        return self.uploaded[image.pk]

    def picture(self, image, alt, caption=""):
        html = f'<p style="text-align:center;margin:0 0 1em;"><img src="{self.hosted(image)}" alt="{_attr(alt)}"></p>'
        if caption:
            html += f'<p style="{CAPTION_STYLE}">{_text(caption)}</p>'
        return html

    def rich_text(self, source):
        soup = BeautifulSoup(source, "html.parser")
        for embed in soup.find_all("embed", attrs={"embedtype": "image"}):
            image = get_image_model().objects.filter(pk=embed.get("id")).first()
            fragment = self.picture(image, embed.get("alt", "")) if image else ""
            embed.replace_with(BeautifulSoup(fragment, "html.parser"))
        soup = BeautifulSoup(expand_db_html(str(soup)), "html.parser")
        for link in soup.find_all("a"):
            href = urljoin(self.page_url, link.get("href", ""))
            link["href"] = href
            if href.startswith(("http://", "https://")) and urlsplit(href).hostname not in WECHAT_HOSTS:
                if link.get_text(strip=True) != href:
                    link.insert_after(f"（网址：{href}）")
        return str(soup)

    def body_html(self):
        parts = []
        for block in self.page.body:
            if block.block_type == "text":
                parts.append(self.rich_text(block.value.source))
            elif block.block_type == "graphic":
                value = block.value
                parts.append(self.picture(value["image"], value["alt"], value.get("caption", "")))
            elif block.block_type == "qa":
                parts.append(f"<p><strong>问：{_text(block.value['question'])}</strong></p>")
                parts.append("<p><strong>答：</strong></p>" + self.rich_text(block.value["answer"].source))
        return "".join(parts)

    def content(self):
        html = self.body_html()
        if self.page_url:
            html += f'<p style="{NOTE_STYLE}">原文发布于政府网站：{_text(self.page_url)}</p>'
        return styled(html)

    def cover_media_id(self):
        image = self.page.cover_image or next(
            (block.value["image"] for block in self.page.body if block.block_type == "graphic"), None
        )
        return self.client.add_image_material(*(image_bytes(image) if image else default_cover()))

    def article(self, author):
        return Article(
            title=self.page.title,
            author=author,
            digest=(self.page.summary or "").strip(),
            content=self.content(),
            content_source_url=self.page_url,
            thumb_media_id=self.cover_media_id(),
        )


def styled(html):
    """Only the tags WeChat keeps, each with its inline style; no classes, ids or scripts."""
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel=None)
    soup = BeautifulSoup(clean, "html.parser")
    for tag in soup.find_all(True):
        style = STYLES.get(tag.name)
        if style and not tag.get("style"):
            tag["style"] = style
    return str(soup)


def _text(value):
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value):
    return _text(value).replace('"', "&quot;")
