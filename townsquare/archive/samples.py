"""Saved WeChat article pages in the real layout, for the demo, the benchmark and the tests.

The structure copies a page as a browser saves it (``var biz/mid/idx`` at the top, the
``#activity-name`` title, ``#post-date``/``#post-user`` meta, the ``#js_content`` body with
``data-src`` images whose ``src`` points into ``<name>_files/``, then the big script block with
``var nickname``, ``var ct``, ``var msg_link`` …). The text is whatever the caller passes.
"""

import hashlib
import html
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

# Roughly what a real saved page carries besides the article: styles and scripts.
_FILLER_SCRIPT = (
    "        (function(){var e=document.getElementById('js_content');if(!e)return;"
    "var t=e.getElementsByTagName('img');for(var n=0;n<t.length;n++){var r=t[n];"
    "r.setAttribute('data-fail','0');}})();\n"
)


# What WeChat puts in ``src`` until a picture loads (a 1x1 PNG); pages saved too early keep it.
_PLACEHOLDER_PNG = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@dataclass
class SavedArticle:
    title: str
    account: str
    published_at: datetime
    paragraphs: list
    biz: str = "MzA5MDAwMDAwMA=="
    mid: str = "2650000001"
    idx: str = "1"
    user_name: str = "gh_000000000000"
    summary: str = ""
    images: list = field(default_factory=list)  # bytes of images saved in the _files folder
    remote_images: int = 0  # images that were not saved (only data-src, placeholder src)
    padding_kb: int = 60


def article_link(article):
    return (
        f"http://mp.weixin.qq.com/s?__biz={article.biz}\\x26amp;mid={article.mid}\\x26amp;idx={article.idx}"
        f"\\x26amp;sn={hashlib.md5(article.title.encode()).hexdigest()}#rd"
    )


def _body_html(article, files_dir):
    """The ``#js_content`` paragraphs: saved images after the first ones, unsaved images at the end."""
    esc = html.escape
    body = []
    for number, paragraph in enumerate(article.paragraphs):
        body.append(f'<p style="line-height: 1.75em;"><span style="font-size: 15px;">{esc(paragraph)}</span></p>')
        if number < len(article.images):
            local = f"640({number})" if number else "640"
            body.append(
                '<p style="text-align: center;"><img data-s="300,640" data-type="jpeg" '
                f'data-src="http://mmbiz.qpic.cn/mmbiz_jpg/demo{number}/0?wx_fmt=jpeg" data-ratio="0.75" '
                f'data-w="640" src="./{esc(files_dir)}/{local}" style="width: auto !important;" data-fail="0"></p>'
            )
    for number in range(article.remote_images):
        body.append(
            f'<p><img data-src="http://mmbiz.qpic.cn/mmbiz_png/remote{number}/0?wx_fmt=png" '
            f'src="{_PLACEHOLDER_PNG}" '
            'style="width: 670px !important;"></p>'
        )
    return "".join(body)


def saved_page(article, files_dir):
    """The HTML of one saved page; ``files_dir`` is the name of its asset folder."""
    ct = int(article.published_at.timestamp())
    day = article.published_at.strftime("%Y-%m-%d")
    esc = html.escape
    filler = _FILLER_SCRIPT * max(1, article.padding_kb * 1024 // len(_FILLER_SCRIPT))
    js = lambda value: value.replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    return f"""<!DOCTYPE html>
<!-- saved from url=(0048)http://mp.weixin.qq.com/s/{hashlib.md5(article.title.encode()).hexdigest()[:22]} -->
<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0,maximum-scale=1.0,user-scalable=0">
<script nonce="922516267" type="text/javascript">
    var biz = ""||"{article.biz}";
    var sn = "" || ""|| "{hashlib.md5(article.title.encode()).hexdigest()}";
    var mid = "" || ""|| "{article.mid}";
    var idx = "" || "" || "{article.idx}";
</script>
<title>{esc(article.title)}</title>
<meta property="og:title" content="{esc(article.title)}">
<meta property="og:description" content="{esc(article.summary)}">
<style>.rich_media_title{{font-size:22px;line-height:1.4;margin-bottom:14px}}.rich_media_content{{overflow:hidden;color:#333}}</style>
</head>
<body id="activity-detail" class="zh_CN mm_appmsg" ontouchstart="">
<script nonce="922516267" type="text/javascript">
{filler}</script>
    <div id="js_article" class="rich_media">
        <div class="rich_media_inner">
            <div id="page-content">
                <div id="img-content" class="rich_media_area_primary">
                    <h2 class="rich_media_title" id="activity-name">
                        {esc(article.title)}
                    </h2>
                    <div class="rich_media_meta_list">
                        <em id="post-date" class="rich_media_meta rich_media_meta_text">{day}</em>
                        <a class="rich_media_meta rich_media_meta_link rich_media_meta_nickname" href="##"
                           id="post-user">{esc(article.account)}</a>
                    </div>
                    <div class="rich_media_content " id="js_content">
                        {_body_html(article, files_dir)}
                    </div>
                    <script nonce="922516267" type="text/javascript">
                        var first_sceen__time = (+new Date());
                    </script>
                </div>
            </div>
        </div>
    </div>
<script nonce="922516267" type="text/javascript">
    var nickname = "{js(article.account)}";
    var appmsg_type = "9";
    var ct = "{ct}";
    var publish_time = "{day}" || "";
    var user_name = "{article.user_name}";
    var msg_title = "{js(article.title)}";
    var msg_desc = "{js(article.summary)}";
    var msg_link = "{article_link(article)}";
    var appmsgid = '' || ''|| "{article.mid}";
</script>
</body></html>
"""


def write_saved_article(folder, stem, article):
    """Write ``<stem>.html`` and, when it has images, ``<stem>_files/`` like a browser does."""
    folder = Path(folder)
    files_dir = f"{stem}_files"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{stem}.html").write_text(saved_page(article, files_dir), encoding="utf-8")
    if article.images:
        (folder / files_dir).mkdir(parents=True, exist_ok=True)
        for number, data in enumerate(article.images):
            (folder / files_dir / (f"640({number})" if number else "640")).write_bytes(data)
    return folder / f"{stem}.html"


def png_bytes(seed, size=(48, 36)):
    """A small PNG whose colour depends on ``seed`` (different seeds, different files)."""
    from PIL import Image, ImageDraw

    digest = hashlib.sha1(str(seed).encode()).digest()
    image = Image.new("RGB", size, tuple(digest[:3]))
    ImageDraw.Draw(image).rectangle([4, 4, size[0] - 5, size[1] - 5], outline=tuple(digest[3:6]), width=3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
