"""接诉即办 statistics pages: the public one (charts and tables) and the same figures in the admin.

Figures come from ``statistics.year_statistics`` (a fixed number of queries), kept in the cache
until a request changes or a deadline passes (``stats_cache``). Both pages
take ``?year=2026&unit=<slug>`` in a plain GET form, so they work without JavaScript; the
charts are drawn by uPlot (vendored, see static/resident_requests/vendor/README.txt) on
top of tables that hold the same numbers.

Wiring (the URL and hook modules belong to other files):
  urls.py:          path("stats/", stats_views.public_stats, name="stats")
  wagtail_hooks.py: hooks.register("register_admin_urls", stats_views.register_stats_admin_url)
                    hooks.register("register_admin_menu_item", stats_views.stats_menu_item)
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import path, reverse_lazy
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.core import fragments, pagecache
from townsquare.units.access import is_county_staff, units_for

from . import followup_stats, stats_cache
from .statistics import STATS_TIMEZONE

ADMIN_URL_NAME = "resident_requests_stats"
PUBLIC_BODY_TEMPLATE = "resident_requests/stats/includes/body.html"
CHART_RATES = (("response_rate", "响应率"), ("on_time_rate", "按期办结率"), ("satisfied_rate", "满意率"))


def _chosen_year(request, years):
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return years[0]
    return year if year in years else years[0]


def _chosen_unit(request, units):
    """The unit picked in the form (by slug), or None for the total; unknown slugs fall back to the total."""
    slug = request.GET.get("unit", "")
    return next((unit for unit in units if unit.slug == slug), None)


def _rate_words(rate):
    return str(rate) if rate.percent is not None else "暂无"


def chart_data(row, year):
    """What stats.js draws, and the sentences that stand in for the charts (their text alternative)."""
    past = row.past_months
    received_words = "，".join(f"{m.label}{m.figures.received}件" for m in past) or "暂无数据"
    rate_words = (
        "；".join(
            f"{m.label}分别为" + "、".join(_rate_words(getattr(m.figures, key)) for key, _ in CHART_RATES) for m in past
        )
        or "暂无数据"
    )
    rate_names = "、".join(name for _, name in CHART_RATES)
    return {
        "data": {
            "months": [m.month.month for m in row.months],
            "received": [None if m.is_future else m.figures.received for m in row.months],
            "rates": [
                {
                    "key": key,
                    "label": name,
                    "values": [None if m.is_future else getattr(m.figures, key).percent for m in row.months],
                }
                for key, name in CHART_RATES
            ],
        },
        "received_alt": f"{year}年{row.label}每月收到的留言：{received_words}。",
        "rates_alt": f"{year}年{row.label}每月{rate_names}：{rate_words}。",
        "rate_names": CHART_RATES,
    }


def stats_context(request, units=None, now=None):
    """Everything both templates need; ``units`` are those the reader may choose (None: every unit, county total)."""
    now = now or timezone.now()
    years = stats_cache.available_years(now)
    year = _chosen_year(request, years)
    stats = stats_cache.year_statistics(year, units=units, now=now)
    unit_list = [row.unit for row in stats.rows]
    chosen = _chosen_unit(request, unit_list)
    # Someone who sees one unit gets its own figures, not a "total" of one.
    offer_total = units is None or len(unit_list) != 1
    if chosen is None and not offer_total:
        chosen = unit_list[0]
    row = stats.row_for(chosen)
    followup_rows, followup_total = followup_stats.table(
        year, [row] if chosen is not None else stats.rows, stats.total.label, units is None and chosen is None
    )
    return {
        "stats": stats,
        "years": years,
        "year": year,
        "units": unit_list,
        "chosen_unit": chosen,
        "offer_total": offer_total,
        "row": row,
        "figures": row.total,
        "charts": chart_data(row, year),
        "updated_at": timezone.localtime(now, STATS_TIMEZONE),
        "is_current_year": year == timezone.localtime(now, STATS_TIMEZONE).year,
        "has_figures": not row.total.is_empty,
        "followup_rows": followup_rows,
        "followup_total": followup_total,
    }


def public_stats(request):
    """留言办理情况: public figures per month for the county or one unit, units in their normal order.

    The filter, figures, charts' data and tables are the same for every visitor: rendered once per query
    string and kept as a fragment while the figures are (their tables, deadlines, and the day the summary
    names)."""

    def compute():
        pagecache.valid_until(pagecache.next_midnight())
        return fragments.render(PUBLIC_BODY_TEMPLATE, stats_context(request), request)

    key = f"resident_requests:stats-body:v1:{fragments.query_key(request)}"
    body = pagecache.remember(key, compute, settings.PAGE_FRAGMENT_SECONDS)
    return render(request, "resident_requests/stats/public.html", {"stats_body": mark_safe(body)})


class StatsAdminView(WagtailAdminTemplateMixin, TemplateView):
    """接诉即办统计 in the admin: the public figures, for the units the staff member works in."""

    template_name = "resident_requests/stats/admin.html"
    page_title = "接诉即办统计"
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if is_county_staff(user):
            context.update(stats_context(self.request), sees_all=True, no_units=False)
        else:
            units = list(units_for(user))
            context.update(stats_context(self.request, units=units), sees_all=False, no_units=not units)
        return context


def register_stats_admin_url():
    """For ``hooks.register("register_admin_urls", ...)``: /admin/liuyan-stats/ (Wagtail adds the admin login check)."""
    return [path("liuyan-stats/", StatsAdminView.as_view(), name=ADMIN_URL_NAME)]


def stats_menu_item():
    """For ``hooks.register("register_admin_menu_item", ...)``, or as an item of a 留言办理 submenu."""
    return MenuItem(
        "接诉即办统计", reverse_lazy(ADMIN_URL_NAME), name="resident-requests-stats", icon_name="table", order=320
    )
