"""Feeds, robots.txt and the page-URL side of feeds: ``<page URL>feed/rss/`` and ``<page URL>feed/atom/``.

These views read pages outside the page tree's own serving, so the page cache keeps them until any
page changes (``pages`` tag, recorded by the SQL watcher); search feeds are under /search/, never kept.
"""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from townsquare.search import query
from townsquare.search.forms import SearchForm

from . import items
from .feeds import KindFeed, PageFeed, SearchFeed


def page_for_path(request, page_path):
    """The live, public page at ``page_path`` below the request's site, as its own type, or 404."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    url_path = site.root_page.url_path + page_path
    page = Page.objects.live().filter(url_path=url_path).specific().first()
    if page is None or not items.has_feed(page) or page.get_view_restrictions().exists():
        raise Http404
    return page


@require_safe
def page_feed(request, page_path, feed_format):
    page = page_for_path(request, page_path)
    return PageFeed(feed_format)(request, page=page)


@require_safe
def kind_feed(request, kind, feed_format):
    if kind not in items.KINDS:
        raise Http404
    return KindFeed(feed_format)(request, kind=kind)


@require_safe
def search_feed(request, feed_format):
    form = SearchForm(request.GET)
    form.is_valid()
    params = form.params()
    if not params.q.strip():
        raise Http404
    params.sort, params.page = "time", 1
    results = query.search(params, log=False)
    search_url = f"{reverse('sitesearch:search')}?{request.GET.urlencode()}"
    return SearchFeed(feed_format)(request, results=results, search_url=search_url)


# Paths crawlers are asked to leave alone: the admin, searches and APIs, and every page that shows or
# asks for a resident's own data (tracking and query pages, bookings, forms with contacts).
ROBOTS_DISALLOWED = (
    "/admin/",
    "/django-admin/",
    "/search/",
    "/api/",
    "/open311/",
    "/elder/",
    "/zhaocuo/",
    "/liuyan/done/",
    "/liuyan/query/",
    "/liuyan/mine/",
    "/liuyan/photo/",
    "/gongkai/shenqing/done/",
    "/gongkai/shenqing/chaxun/",
    "/yuyue/chaxun/",
    "/yuyue/wode/",
    "/yuyue/b/",
    "/yuyue/s/",
    "/shenghuo/tijiao/",
    "/shenghuo/guanli/",
    "/*/lianxi/",
    "/*/jubao/",
    "/*?*utm_",
)


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('syndication:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
