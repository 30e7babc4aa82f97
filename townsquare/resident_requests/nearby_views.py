"""Seeing the many behind the one: similar requests while typing, 我也遇到了, the map of public requests.

  POST /liuyan/similar/                       the 留言 form asks, as the resident types, for open public
                                              requests of the same problem (an HTML part; POST so the
                                              draft never lands in an address or a log)
  GET|POST /liuyan/public/<number>/metoo/     我也遇到了 on a public request (no name, no contact)
  GET /liuyan/ditu/                           the map (towns' outline without tiles; a list without either or JS)
Limits: REQUEST_SIMILAR_LOOKUPS_PER_IP_HOUR, REQUEST_ME_TOO_PER_IP_HOUR.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.core import grants, ratelimit
from townsquare.core.forms import new_submission_key, submission_key
from townsquare.core.ratelimit import HOUR

from . import maps, metoo, public, similar
from .forms import MeTooForm, PublicFilterForm, SimilarQueryForm
from .models import Category

ME_TOO = "resident_requests:me_too"  # the requests this browser said 我也遇到了 on (core.grants)


@never_cache
@require_POST
def similar_requests(request):
    ip = ratelimit.client_ip(request)
    if ratelimit.reached("requests-similar-ip", ip, settings.REQUEST_SIMILAR_LOOKUPS_PER_IP_HOUR):
        return HttpResponse("", status=429)
    ratelimit.hit("requests-similar-ip", ip, HOUR)
    query = SimilarQueryForm(request.POST).query()
    found = similar.similar_public(*query) if query else []
    context = {
        "matches": [(match, public.Shown(match.request)) for match in found[: settings.REQUEST_SIMILAR_SHOWN]],
        "people": sum(match.people for match in found),
        "total": len(found),
        "category": found[0].request.category if found else None,
    }
    return render(request, "resident_requests/parts/similar.html", context)


def _me_too_page(request, item, form, key, status=200, done=False):
    context = {
        "shown": public.Shown(item),
        "form": form,
        "submission_key": key,
        "done": done,
        "already": grants.is_granted(request, ME_TOO, item.tracking_number),
    }
    return render(request, "resident_requests/me_too.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def me_too(request, tracking_number):
    item = metoo.target(public.public_request(tracking_number))
    if item is None:
        raise Http404("这条留言不能再加入")
    if item.tracking_number != tracking_number:  # merged: the resident joins the main case
        return redirect("resident_requests:me_too", tracking_number=item.tracking_number)
    if request.method != "POST":
        return _me_too_page(request, item, MeTooForm(), new_submission_key(), done=request.GET.get("done") == "1")
    form = MeTooForm(request.POST)
    key = submission_key(form.data)
    if form.is_robot:
        form.clear_honeypot()
        form.add_error(None, "没有提交成功，请再点一次“我也遇到了”。")
        return _me_too_page(request, item, form, key, status=400)
    if not form.is_valid():
        return _me_too_page(request, item, form, key, status=400)
    ip = ratelimit.client_ip(request)
    if ratelimit.reached("requests-me-too-ip", ip, settings.REQUEST_ME_TOO_PER_IP_HOUR):
        form.add_error(None, "这个网络一小时内点得太多了，请过一小时再试。")
        response = _me_too_page(request, item, form, key, status=429)
        response["Retry-After"] = str(HOUR)
        return response
    _row, created = metoo.add(item, key, form.cleaned_data["details"])
    if created:
        ratelimit.hit("requests-me-too-ip", ip, HOUR)
    grants.grant(request, ME_TOO, item.tracking_number)
    return redirect(reverse("resident_requests:me_too", args=[item.tracking_number]) + "?done=1")


def public_map(request):
    categories = list(Category.objects.select_related("unit").order_by("sort_order", "id"))
    towns = maps.towns()
    form = PublicFilterForm(request.GET, units=towns, categories=categories, statuses=public.STATUS_FILTERS)
    form.fields["unit"].label = "镇（街道）"
    form.fields["unit"].choices = [("", "全部镇街")] + [(unit.slug, unit.name) for unit in towns]
    town = next((unit for unit in towns if unit.slug == form.value("unit")), None)
    items = maps.located(form.value("category"), form.value("status"), town)
    detail = reverse("resident_requests:public_detail", args=["0" * 8]).removesuffix("0" * 8 + "/")
    points = [maps.point(shown, f"{detail}{shown.tracking_number}/") for shown in items]
    outline = maps.outline()
    context = {
        "form": form,
        "items": items,
        "points": points,
        "tiles": maps.tiles() if settings.REQUEST_MAP_TILE_URL or outline else None,
        "outline": outline,
        "filtered": any(form.value(name) for name in ("unit", "category", "status")),
        "max_points": settings.REQUEST_MAP_MAX_POINTS,
    }
    return render(request, "resident_requests/map.html", context)
