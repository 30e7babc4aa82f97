"""/gongkai/shenqing/tongji/: the public monthly statistics of 依申请公开, county-wide or for one unit."""

from django.shortcuts import render
from django.utils import timezone

from . import outcomes, statistics
from .forms import applying_units
from .models import Application


def _year(request, this_year):
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= this_year else this_year


def statistics_page(request):
    this_year = timezone.localdate().year
    year = _year(request, this_year)
    units = list(applying_units().only("pk", "slug", "name", "short_name"))
    unit = next((u for u in units if u.slug == request.GET.get("unit")), None)
    first = Application.objects.order_by("received_at").values_list("received_at", flat=True).first()
    first_year = timezone.localtime(first).year if first else this_year
    months = statistics.monthly(unit, year)
    context = {
        "year": year,
        "years": list(range(this_year, first_year - 1, -1)),
        "units": units,
        "unit": unit,
        "months": months,
        "total": statistics.totals(months),
        "groups": list(outcomes.SHORT_GROUP.items()),
    }
    return render(request, "disclosure_requests/statistics.html", context)
