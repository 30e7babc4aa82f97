"""Demo county: daily visit counts for the last half year, so that 监管's annual report and the editors'
页面反馈 show figures — more on weekdays, slowly growing, the home and 我要留言 busiest.

Called from ``loader.py`` as ``ensure_visits(units, now, tally)``. Idempotent: a day already stored for an
address is left alone (the days since the last load are added).
"""

import random
import zlib
from datetime import timedelta

from django.utils import timezone

from townsquare.visits.models import DailyVisitors, PageVisits
from townsquare.visits.places import unit_for_path, unit_prefixes

DAYS = 180
# (address, typical views on a weekday now)
PATHS = [
    ("/", 620),
    ("/liuyan/", 210),
    ("/banshi/", 180),
    ("/tianqi/", 150),
    ("/shenghuo/", 120),
    ("/tongzhi/", 95),
    ("/xinwen/", 80),
    ("/gongshi/", 45),
    ("/zhengce/", 30),
    ("/qinghe/", 140),
    ("/shiqiao/", 90),
    ("/chengguan/", 160),
    ("/wenda/", 40),
    ("/gongkai/", 25),
]
VISITORS_PER_VIEW = 0.38


def ensure_visits(units, now, tally):
    today = timezone.localdate(now)
    prefixes = unit_prefixes()
    stored = set(PageVisits.objects.filter(day__gte=today - timedelta(days=DAYS)).values_list("day", "path"))
    rows, visitors = [], []
    for back in range(DAYS, 0, -1):
        day = today - timedelta(days=back)
        total = 0
        for path, typical in PATHS:
            views = _views(day, path, typical, back)
            total += views
            if (day, path) not in stored:
                rows.append(PageVisits(day=day, path=path, views=views, unit_id=unit_for_path(path, prefixes)))
        visitors.append(DailyVisitors(day=day, visitors=round(total * VISITORS_PER_VIEW)))
    PageVisits.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    DailyVisitors.objects.bulk_create(visitors, batch_size=500, ignore_conflicts=True)
    tally.count("每日访问量", bool(rows))


def _views(day, path, typical, days_ago):
    rng = random.Random(day.toordinal() * 7919 + zlib.crc32(path.encode()))
    weekday = 0.6 if day.weekday() >= 5 else 1.0
    growth = 1 - 0.3 * days_ago / DAYS  # the site is used more as people find it
    return max(0, round(typical * weekday * growth * rng.uniform(0.8, 1.2)))
