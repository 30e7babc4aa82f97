"""Public pages: the finder (/banshi/), a unit's guide list, a guide's 材料清单 and print version.

The guide page itself is the Wagtail page (``ServiceGuidePage.get_context``).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from townsquare.core import fragments, pagecache

from .finder import find
from .models import ServiceGuidePage, booking_urls
from .provisioning import INDEX_TITLE

FINDER_BODY_TEMPLATE = "services/includes/finder_body.html"


def _finder_response(request, scope_unit=None, page=None):
    context = {
        "finder_body": _finder_body(request, scope_unit),
        "scope_unit": scope_unit,
        "page": page,
        "index_title": page.title if page else INDEX_TITLE,
    }
    return TemplateResponse(request, "services/finder.html", context)


def _finder_body(request, scope_unit):
    """The search, filters and results for this query string, rendered once and kept until a guide is
    published, changed or withdrawn (or a unit, life event or booking service changes), never past midnight."""
    site = getattr(request, "_wagtail_site", None)

    def compute():
        finding = find(request.GET, scope_unit=scope_unit)
        page_obj = Paginator(finding.results, settings.SERVICE_GUIDE_PAGE_SIZE).get_page(request.GET.get("page"))
        page_obj.object_list = list(page_obj.object_list)
        urls = booking_urls(page_obj.object_list)  # the cards' 预约 buttons, one query for the page
        for guide in page_obj.object_list:
            guide.booking_link = urls.get(guide.pk, "")
        pagecache.valid_until(pagecache.next_midnight())
        return fragments.render(FINDER_BODY_TEMPLATE, {"finding": finding, "page_obj": page_obj}, request)

    key = f"services:finder:v1:{getattr(scope_unit, 'pk', 0)}:{getattr(site, 'pk', 0)}:{fragments.query_key(request)}"
    pages = (pagecache.type_tag(ServiceGuidePage),)
    return mark_safe(pagecache.remember(key, compute, settings.PAGE_FRAGMENT_SECONDS, pages=pages))


def finder(request):
    return _finder_response(request)


def unit_guides(request, index_page):
    return _finder_response(request, scope_unit=index_page.nearest_unit(), page=index_page)


def guide_checklist(request, guide):
    context = guide.get_context(request)
    return TemplateResponse(request, "services/checklist.html", context)


def guide_print(request, guide):
    context = guide.get_context(request)
    return TemplateResponse(request, "services/print.html", context)
