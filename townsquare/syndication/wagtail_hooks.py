"""Hook ``townsquare_feed_links`` (core's ``{% feed_links %}`` in every page's head): the feeds a page offers."""

from django.urls import reverse
from wagtail import hooks

from .items import has_feed

FEED_TYPES = (("rss", "application/rss+xml", "RSS"), ("atom", "application/atom+xml", "Atom"))


@hooks.register("townsquare_feed_links")
def feed_links(request, page):
    """(title, MIME type, URL) of a column's or home's feeds, or of the search being shown."""
    if page is not None and has_feed(page):
        url = page.get_url(request=request)
        if not url:
            return []
        return [(f"{page.title}（{label}订阅）", mime, f"{url}feed/{name}/") for name, mime, label in FEED_TYPES]
    match = getattr(request, "resolver_match", None)
    query = request.GET.get("q", "").strip() if request is not None else ""
    if match is not None and match.view_name == "sitesearch:search" and query:
        querystring = request.GET.copy()
        querystring.pop("page", None)
        return [
            (
                f"搜索“{query}”（{label}订阅）",
                mime,
                f"{reverse('syndication:search_feed', kwargs={'feed_format': name})}?{querystring.urlencode()}",
            )
            for name, mime, label in FEED_TYPES
        ]
    return []
