"""Template helpers for publication pages; each costs at most one query, never one per item."""

import datetime

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe

from townsquare.core import pagecache

register = template.Library()


class DetailFragmentNode(template.Node):
    child_nodelists = ("nodelist",)  # {% block %}s inside stay overridable by child templates

    def __init__(self, nodelist, page):
        self.nodelist, self.page = nodelist, page

    def render(self, context):
        page = self.page.resolve(context)
        request = context.get("request")
        if not getattr(page, "keeps_detail", False) or getattr(request, "is_preview", False):
            return self.nodelist.render(context)  # a preview shows a draft: never kept, never the live one
        site = getattr(request, "_wagtail_site", None)

        def compute():
            now = timezone.now()
            pagecache.depends_on(*_loaded_relation_tags(page))
            pagecache.valid_until(min(filter(None, (page.detail_valid_until(now), pagecache.next_midnight(now)))))
            return self.nodelist.render(context)

        key = f"publishing:detail:v1:{page.pk}:{getattr(site, 'pk', 0)}"
        pages = tuple(pagecache.path_tags(page.path))
        return mark_safe(pagecache.remember(key, compute, settings.PAGE_FRAGMENT_SECONDS, pages=pages))


def _loaded_relation_tags(page):
    """Tables of the related rows loaded with the page before the fragment (its unit, its cover image):
    read when the page was found, so not seen by the fragment's own recording."""
    from wagtail.models import Page

    return [
        pagecache.table_tag(field.related_model)
        for field in page._meta.concrete_fields
        if field.is_relation and field.is_cached(page) and not issubclass(field.related_model, Page)
    ]


@register.tag
def detail_fragment(parser, token):
    """``{% detail_fragment page %}…{% enddetail_fragment %}``: a page's detail, the same for every visitor,
    rendered once and kept (``pagecache.remember``) until the page or an ancestor changes (``path:`` tags),
    a table it reads changes, or the clock does (``page.detail_valid_until(now)``, and midnight).

    Only for pages whose class says ``keeps_detail = True``: what is inside may read nothing of the visitor
    (cookies, session, the query string) and must declare the other pages it shows (``depends_on``); the key
    carries the page and the site (``{% pageurl %}``). Other pages are rendered as if the tag were not there.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% detail_fragment page %}")
    nodelist = parser.parse(("enddetail_fragment",))
    parser.delete_first_token()
    return DetailFragmentNode(nodelist, parser.compile_filter(bits[1]))


@register.filter
def of_kind(sections, kind):
    """The first section of ``kind`` in an already loaded list of sections (no query)."""
    for section in sections or ():
        if getattr(section, "kind", None) == kind:
            return section
    return None


@register.simple_tag
def article_header_extras(page):
    """What other apps add at the top of a publication (hook ``townsquare_article_header``: fn(page) -> HTML).

    E.g. 政务公开's 公开目录 block; each provider returns "" for pages it has nothing to say about.
    """
    from django.utils.safestring import mark_safe
    from wagtail import hooks

    return mark_safe("".join(str(provider(page) or "") for provider in hooks.get_hooks("townsquare_article_header")))


@register.simple_tag
def policy_attachments(page):
    """A policy's attachments with their documents, in one query."""
    return list(page.attachments.select_related("document").order_by("sort_order", "pk"))


@register.filter
def by_group(gathered, default=""):
    """Group a topic's (item, page) pairs by item.group, keeping the editors' order."""
    groups = {}
    for item, page in gathered or ():
        groups.setdefault((item.group or "").strip() or default, []).append((item, page))
    return list(groups.items())


@register.simple_tag
def page_numbers(page_obj):
    """Page numbers for the pager with gaps elided: 1 … 4 5 6 … 20 (the gap is None)."""
    paginator = page_obj.paginator
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    ]


@register.simple_tag(takes_context=True)
def department_links(context):
    """County departments' home pages as {name, url} (from the cached site navigation)."""
    from townsquare.publishing.chrome import department_homes_for_links

    navigation = context.get("site_navigation")
    return navigation["departments"] if navigation is not None else department_homes_for_links()


@register.filter
def is_stale(moment, days=None):
    """True when ``moment`` is older than STALE_LIST_DAYS (default 14, the 首页不更新 line) days."""
    if moment is None:
        return False
    limit = int(days) if days else settings.STALE_LIST_DAYS
    return timezone.now() - moment > datetime.timedelta(days=limit)
