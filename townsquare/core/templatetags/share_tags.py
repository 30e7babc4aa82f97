"""What a shared link shows and which feeds a page offers, in every public page's head.

``{% share_meta %}``: Open Graph (og:title, og:description, og:image, og:url, og:type, og:site_name),
the ``itemprop`` name/description/image WeChat's in-app browser reads, ``<meta name="description">``
and ``<link rel="canonical">``. A Wagtail page gives its SEO title or title, its search description,
summary or greeting, and its cover or header picture; any other view gives its ``{% block title %}``
(without the site's name) and the site's default text and picture (``SHARE_DEFAULT_IMAGE``). Only
what the page already shows in public is used: titles, summaries, pictures.

``{% feed_links %}``: ``<link rel="alternate">`` for each feed hook ``townsquare_feed_links`` offers:
fn(request, page or None) -> [(title, MIME type, URL)].

``{% page_end %}``: what apps put at the end of every public page's main content, from hook
``townsquare_page_end``: fn(request, page or None) -> HTML (feedback's 这个页面对您有帮助吗？). The same for
every visitor of an address, so that the page stays cacheable.
"""

from django import template
from django.conf import settings
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.text import Truncator
from wagtail import hooks
from wagtail.models import Page

register = template.Library()

DESCRIPTION_CHARS = 120
# Picture fields of page types, with the rendition their own template already shows (no second file).
SHARE_PICTURES = (("cover_image", "width-960"), ("hero_image", "fill-960x320"))


def _page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _block_title(context):
    """The text of the template's ``{% block title %}``, rendered again, without " - site name" at its end."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block("title") if block_context is not None else None
    if block is None:
        return ""
    text = " ".join(strip_tags(block.render(context)).split())
    suffix = f" - {settings.WAGTAIL_SITE_NAME}"
    return text[: -len(suffix)] if text.endswith(suffix) and text != suffix else text


def _page_description(page):
    for name in ("search_description", "summary", "intro"):
        if value := getattr(page, name, ""):
            return value
    return ""


def _page_picture(page, request):
    for field, spec in SHARE_PICTURES:
        image = getattr(page, field, None)
        if image is not None:
            try:
                return request.build_absolute_uri(image.get_rendition(spec).url)
            except (OSError, ValueError):
                return ""  # the file is missing: share without the page's picture
    return ""


def share_data(context):
    request = context.get("request")
    page = _page(context)
    site_name = settings.WAGTAIL_SITE_NAME
    if page is not None:
        title = page.seo_title or page.title
        description = _page_description(page)
        picture = _page_picture(page, request)
        kind = "article" if hasattr(page, "summary") else "website"
    else:
        title, description, picture, kind = _block_title(context) or site_name, "", "", "website"
    description = " ".join(strip_tags(description).split()) or f"{site_name}：政务公开、办事指南、便民服务和我要留言。"
    return {
        "title": title,
        "description": Truncator(description).chars(DESCRIPTION_CHARS),
        "image": picture or request.build_absolute_uri(static(settings.SHARE_DEFAULT_IMAGE)),
        "url": request.build_absolute_uri(request.path),
        "type": kind,
        "site_name": site_name,
    }


@register.simple_tag(takes_context=True)
def share_meta(context):
    if context.get("request") is None:
        return ""
    data = share_data(context)
    return format_html(
        '<meta name="description" content="{description}">\n'
        '<link rel="canonical" href="{url}">\n'
        '<meta property="og:site_name" content="{site_name}">\n'
        '<meta property="og:type" content="{type}">\n'
        '<meta property="og:title" content="{title}">\n'
        '<meta property="og:description" content="{description}">\n'
        '<meta property="og:url" content="{url}">\n'
        '<meta property="og:image" content="{image}">\n'
        '<meta itemprop="name" content="{title}">\n'
        '<meta itemprop="description" content="{description}">\n'
        '<meta itemprop="image" content="{image}">',
        **data,
    )


@register.simple_tag(takes_context=True)
def feed_links(context):
    request = context.get("request")
    links = []
    for provider in hooks.get_hooks("townsquare_feed_links"):
        links.extend(provider(request, _page(context)))
    return format_html_join("\n", '<link rel="alternate" type="{1}" title="{0}" href="{2}">', links)


@register.simple_tag(takes_context=True)
def page_end(context):
    request = context.get("request")
    if request is None:
        return ""
    parts = (part(request, _page(context)) for part in hooks.get_hooks("townsquare_page_end"))
    return format_html_join("", "{}", ((part,) for part in parts if part))
