"""Public pages: the finder (/banshi/), a unit's guide list, a guide's 材料清单 and print version.

The guide page itself is the Wagtail page (``ServiceGuidePage.get_context``).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from .finder import find
from .models import booking_urls
from .provisioning import INDEX_TITLE


def _finder_response(request, scope_unit=None, page=None):
    finding = find(request.GET, scope_unit=scope_unit)
    paginator = Paginator(finding.results, settings.SERVICE_GUIDE_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)
    urls = booking_urls(page_obj.object_list)  # the cards' 预约 buttons, one query for the page
    for guide in page_obj.object_list:
        guide.booking_link = urls.get(guide.pk, "")
    context = {
        "finding": finding,
        "page_obj": page_obj,
        "scope_unit": scope_unit,
        "page": page,
        "index_title": page.title if page else INDEX_TITLE,
    }
    return TemplateResponse(request, "services/finder.html", context)


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
