"""Demo county: best bets (推荐结果) editors pinned, a month of searches for the 热词 / 无结果词 report,
and the index rebuilt so that every item is found under its own date.

Called from ``loader.py`` as ``ensure_search(units, now, tally)``, after every findable item
exists. Idempotent: a best bet is looked up by its query and target; the searches are added only
when the log is empty; rebuilding the index gives the same entries again.
"""

import datetime

from django.utils import timezone
from wagtail.models import Page

from townsquare.search import indexer
from townsquare.search.models import BestBet, QueryLog, QuerySighting
from townsquare.search.querylog import address_hash
from townsquare.search.sources import all_sources

# (query, title of the page to pin, or None with an address, display title, description)
BEST_BETS = [
    ("社保卡", "社会保障卡补领、换领", "", "", "社保卡丢了、坏了，到银行网点或人社窗口立等可取。"),
    ("低保", "最低生活保障申请", "", "", "家庭收入低于低保标准的，可以申请每月的低保金。"),
    ("老年卡", "老年人、残疾人免费乘车卡办理", "", "", "60岁以上老人坐县内公交免费，先办卡。"),
    ("留言", None, "/liuyan/", "我要留言", "有事找政府：写下来，负责的单位按时答复。"),
]

# (query, searches per day, results it found): what residents typed; 0 results = a word editors should look at.
SEARCHES = [
    ("社保卡", 9, 17),
    ("低保", 6, 18),
    ("医保", 5, 17),
    ("老年人 公交", 4, 6),
    ("居住证", 3, 5),
    ("gongjijin", 3, 0),
    ("公积金提取", 2, 0),
    ("电动车上牌", 2, 0),
    ("示政办发〔2026〕8号", 1, 1),
]


def ensure_search(units, now, tally):
    # The loaders date what they publish after publishing it (backdating bypasses the signals that
    # index it), so the index is written again from the items' own dates.
    indexer.rebuild(all_sources())
    for query, title, url, shown, description in BEST_BETS:
        page = None
        if title:
            page = Page.objects.live().filter(title=title).first()
            if page is None:
                continue
        _bet, created = BestBet.objects.get_or_create(
            query=query,
            page=page,
            url="" if page else url,
            defaults={"title": shown, "description": description},
        )
        tally.count("搜索推荐结果", created)

    _ensure_sightings(now, tally)
    if QueryLog.objects.exists():
        tally.count("搜索记录", False)
        return
    today = timezone.localtime(now).date()
    rows = []
    for back in range(14):
        day = today - datetime.timedelta(days=back)
        for n, (query, per_day, found) in enumerate(SEARCHES):
            searches = max(1, per_day - (back + n) % 3)
            rows.append(
                QueryLog(
                    query=query,
                    day=day,
                    searches=searches,
                    empty_searches=searches if found == 0 else 0,
                    last_results=found,
                )
            )
    QueryLog.objects.bulk_create(rows)
    tally.count("搜索记录", True)


def _ensure_sightings(now, tally):
    """Who searched (hashed fictional addresses): suggestions offer only queries many searched on many days."""
    if QuerySighting.objects.exists():
        tally.count("搜索来源记录", False)
        return
    today = timezone.localtime(now).date()
    rows = [
        QuerySighting(
            query=query, address_hash=address_hash(f"198.51.100.{n}"), day=today - datetime.timedelta(days=back)
        )
        for back in range(14)
        for query, per_day, _found in SEARCHES
        for n in range(per_day)
    ]
    QuerySighting.objects.bulk_create(rows, ignore_conflicts=True)
    tally.count("搜索来源记录", True)
