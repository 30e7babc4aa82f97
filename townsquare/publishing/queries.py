"""What the home pages show, gathered in a fixed number of queries."""

from django.utils import timezone

from townsquare.core import pagecache

from .models import NewsPage, NoticePage, PublicityPage, UnitHomePage

HOME_NEWS_COUNT = 6
HOME_NOTICE_COUNT = 6
HOME_PUBLICITY_COUNT = 5


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


def home_context(home, scope=None, now=None):
    now = now or timezone.now()
    news = list(_scoped(NewsPage.listing(), scope)[:HOME_NEWS_COUNT])
    return {
        "lead_news": news[0] if news else None,
        "more_news": news[1:],
        "current_notices": list(_scoped(NoticePage.current(now), scope)[:HOME_NOTICE_COUNT]),
        "current_publicity": list(_scoped(PublicityPage.current(now), scope)[:HOME_PUBLICITY_COUNT]),
        "sections": list(home.sections()),
        "now": now,
    }
