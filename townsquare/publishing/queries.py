"""What the home pages show, gathered in a fixed number of queries."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from townsquare.core import fragments, pagecache

from .models import NewsPage, NoticePage, PublicityPage, UnitHomePage

HOME_NEWS_COUNT = 6
HOME_NOTICE_COUNT = 6
HOME_PUBLICITY_COUNT = 5
HOME_BLOCKS_TEMPLATE = "publishing/includes/home_blocks.html"
LIFE_GRID_TEMPLATE = "core/includes/life_grid.html"


def _scoped(queryset, scope):
    if scope is None:
        pagecache.depends_on(pagecache.type_tag(queryset.model))
        return queryset
    pagecache.depends_on(pagecache.under_tag(scope.path))
    return queryset.descendant_of(scope)


def town_homes():
    """Town and street home pages for the town switcher."""
    return (
        UnitHomePage.objects.live()
        .select_related("unit")
        .filter(unit__kind__in=["town", "street"])
        .order_by("unit__sort_order", "path")
    )


def department_homes():
    return (
        UnitHomePage.objects.live()
        .select_related("unit")
        .filter(unit__kind="department")
        .order_by("unit__sort_order", "path")
    )


# What the home blocks' cards show and link to (a card's URL needs its tree path); the rest of a page's some
# forty columns is not read, and each card is built that much cheaper.
HOME_CARD_FIELDS = (
    "title",
    "path",
    "depth",
    "url_path",
    "locale_id",
    "first_published_at",
    "go_live_at",
    "latest_revision_created_at",
    "summary",
    "unit",
    "cover_image",
)


def home_context(home, scope=None, now=None):
    now = now or timezone.now()
    news = list(_scoped(NewsPage.listing().only(*HOME_CARD_FIELDS), scope)[:HOME_NEWS_COUNT])
    # Notice and publicity cards show no picture: their cover images are not fetched (two queries each).
    notices = NoticePage.current(now).prefetch_related(None).only(*HOME_CARD_FIELDS, "valid_until")
    publicity = (
        PublicityPage.current(now).prefetch_related(None).only(*HOME_CARD_FIELDS, "period_starts", "period_ends")
    )
    return {
        "lead_news": news[0] if news else None,
        "more_news": news[1:],
        "current_notices": list(_scoped(notices, scope)[:HOME_NOTICE_COUNT]),
        "current_publicity": list(_scoped(publicity, scope)[:HOME_PUBLICITY_COUNT]),
        "sections": list(home.sections()),
        "now": now,
    }


def _blocks_valid_until(context, now):
    """When the home blocks stop being right by the clock alone: a listed notice or publicity ends, the
    lead news turns stale, or the day ends (公示 还剩N天). A publicity opening later shows within
    PAGE_FRAGMENT_SECONDS, as on a cached page (finding the next opening would cost a query)."""
    moments = [pagecache.next_midnight(now)]
    moments += [notice.valid_until for notice in context["current_notices"] if notice.valid_until]
    moments += [item.period_ends for item in context["current_publicity"]]
    lead = context["lead_news"]
    if lead is not None and lead.published_at:
        moments.append(lead.published_at + timedelta(days=settings.STALE_LIST_DAYS))
    return min(moments)


def home_blocks(home, scope, show_unit, request=None):
    """The rendered notices, publicity, news and section links of a home page: the same for every
    visitor, so kept as a fragment (``pagecache.remember``) until a page in scope or the clock changes it.
    ``request`` only lets ``{% pageurl %}`` tell its site (the key carries the site)."""
    site = getattr(request, "_wagtail_site", None)

    def compute():
        now = timezone.now()
        context = home_context(home, scope=scope, now=now)
        pagecache.valid_until(_blocks_valid_until(context, now))
        context.update(show_unit=show_unit, request=request)
        return render_to_string(HOME_BLOCKS_TEMPLATE, context)

    if scope is None:
        pages = tuple(pagecache.type_tag(model) for model in (NewsPage, NoticePage, PublicityPage))
    else:
        pages = (pagecache.under_tag(scope.path),)
    pages += (pagecache.under_tag(home.path),)
    variant = f"{int(scope is not None)}:{int(bool(show_unit))}:{getattr(site, 'pk', 0)}"
    key = f"publishing:home-blocks:v1:{home.pk}:{variant}"
    return mark_safe(pagecache.remember(key, compute, settings.PAGE_FRAGMENT_SECONDS, pages=pages))


def life_grid(request):
    """The life-service grid of a home page, the same for every visitor of its address (a tile is marked
    current by the path): kept as a fragment while the tiles' live hints are (they declare their own tags
    and ends: the listings' summary, the weather)."""
    path = hashlib.sha256(request.path.encode()).hexdigest()[:16]

    def compute():
        return fragments.render(LIFE_GRID_TEMPLATE, {}, request)

    return mark_safe(pagecache.remember(f"publishing:life-grid:v1:{path}", compute, settings.PAGE_FRAGMENT_SECONDS))
