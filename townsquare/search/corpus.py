"""The real-data corpus for search benchmarks (../shared/datasets), as content of a separate 语料库 unit.

* State Council documents (metadata: title, 文号, 成文/发布日期, 发文机关 from the title) → index
  entries of kind 政策文件 linking to the original gov.cn address;
* news headlines → index entries of kind 政务动态;
* messages with replies → answered, public residents' requests of the 语料库 unit (real rows,
  shown at /liuyan/public/<number>/ and indexed through the ordinary request source, masked).

For benchmarks only (``manage.py load_corpus DIR``), never loaded by ``make run``. Running it again
replaces what it loaded before (same ids), so an interrupted run can simply be started again.
"""

import datetime
import hashlib
import re
from pathlib import Path
from urllib.parse import urlencode

from django.db import transaction
from django.utils import timezone

from . import indexer
from .sources import SearchSource, kind_boost

CORPUS_UNIT_SLUG = "corpus"
CORPUS_UNIT_NAME = "语料库"
REQUEST_NUMBER_PREFIX = "9000"


class CorpusSource(SearchSource):
    """Index-only items of the corpus (not a registered source: rebuilding the index leaves them alone)."""

    def __init__(self, key, kind, label):
        self.key, self.kind, self.label = key, kind, label


POLICIES = CorpusSource("corpus.policy", "policy", "政策文件")
NEWS = CorpusSource("corpus.news", "news", "政务动态")
NEWS_CLASSES = ["财经", "房产", "股票", "教育", "科技", "社会", "时政", "体育", "游戏", "娱乐"]


def _xlsx_rows(path):
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = workbook.active.iter_rows(values_only=True)
    header = [str(h) if h is not None else "" for h in next(rows)]
    for row in rows:
        yield dict(zip(header, row, strict=False))
    workbook.close()


DATE_TIME = re.compile(r"(\d{4})\D(\d{1,2})\D(\d{1,2})(?:\D+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?")


def _moment(value):
    """An aware moment from a cell: a datetime, or text like 2019/4/25 9:32:09 or 2023-09-20."""
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time(12))
    else:
        match = DATE_TIME.search(str(value or ""))
        if not match:
            return None
        year, month, day, hour, minute, second = (int(g) if g else None for g in match.groups())
        try:
            moment = datetime.datetime(year, month, day, hour if hour is not None else 12, minute or 0, second or 0)
        except ValueError:
            return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _day(value):
    moment = _moment(value)
    return timezone.localtime(moment).date() if moment else None


def issuing_authority(title, number):
    for name in ("国务院办公厅", "国务院"):
        if title.startswith(name):
            return name
    if number.startswith("国办"):
        return "国务院办公厅"
    return "国务院"


def policy_entries(folder):
    """(object id, Entry) for each State Council document."""
    folder = Path(folder) / "policy"
    numbers = {}
    for row in _xlsx_rows(folder / "state_council_documents_numbers.xlsx"):
        if row.get("url") and row.get("document_number_parsed"):
            numbers[str(row["url"]).strip()] = str(row["document_number_parsed"]).strip()
    for row in _xlsx_rows(folder / "state_council_documents_dates.xlsx"):
        url, title = str(row.get("url") or "").strip(), str(row.get("title") or "").strip()
        if not url or not title:
            continue
        number = numbers.get(url, "")
        published = _day(row.get("pub")) or _day(row.get("iss"))
        written = _day(row.get("iss"))
        authority = issuing_authority(title, number)
        # A stable id that fits the index's object id (gov.cn addresses can be longer).
        yield (
            hashlib.sha1(url.encode()).hexdigest(),
            indexer.Entry(
                title=title,
                url=url,
                body=f"发文机关：{authority}。成文日期：{written or '不详'}。发布日期：{published or '不详'}。",
                keywords=authority,
                date=_moment(published) if published else None,
                doc_number=number,
                boost=kind_boost("policy"),
            ),
        )


def news_entries(folder):
    path = Path(folder) / "news" / "thucnews_headlines_10k.tsv"
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            headline, _, label = line.rstrip("\n").partition("\t")
            headline = headline.strip()
            if not headline:
                continue
            label = NEWS_CLASSES[int(label)] if label.strip().isdigit() and int(label) < len(NEWS_CLASSES) else ""
            yield (
                str(line_number),
                indexer.Entry(
                    title=headline,
                    url="/search/?" + urlencode({"q": headline[:30]}),
                    body="",
                    keywords=label,
                    boost=kind_boost("news"),
                ),
            )


def message_rows(folder):
    path = Path(folder) / "messages" / "tipdm2020_attachment4_messages_with_replies.xlsx"
    for row in _xlsx_rows(path):
        number = row.get("留言编号")
        if number is None or not row.get("留言主题"):
            continue
        yield {
            "number": int(number),
            "user": str(row.get("留言用户") or "").strip(),
            "title": str(row["留言主题"]).strip(),
            "details": " ".join(str(row.get("留言详情") or "").split()),
            "received_at": _moment(row.get("留言时间")),
            "reply": " ".join(str(row.get("答复意见") or "").split()),
            "answered_at": _moment(row.get("答复时间")),
        }


def corpus_unit():
    from townsquare.units.models import Unit

    unit, _ = Unit.objects.get_or_create(
        slug=CORPUS_UNIT_SLUG,
        defaults={
            "name": CORPUS_UNIT_NAME,
            "short_name": CORPUS_UNIT_NAME,
            "kind": Unit.Kind.DEPARTMENT,
            "sort_order": 9999,
            "description": "搜索基准测试用的公开数据，不是本县的内容。",
        },
    )
    return unit


def load_requests(folder, unit, batch=500, limit=None):
    """Answered public requests from the real messages; existing ones (same number) are kept."""
    from townsquare.resident_requests import stats_cache
    from townsquare.resident_requests.models import Category, ResidentRequest

    from .sources import SOURCES

    category, _ = Category.objects.get_or_create(
        code="corpus", defaults={"name": "语料库留言", "unit": unit, "active": False, "sort_order": 9999}
    )
    source = SOURCES.get("resident_requests.residentrequest")
    existing = set(
        ResidentRequest.objects.filter(tracking_number__startswith=REQUEST_NUMBER_PREFIX).values_list(
            "tracking_number", flat=True
        )
    )
    made = 0
    pending = []

    def flush():
        nonlocal made
        with transaction.atomic():
            created = ResidentRequest.objects.bulk_create(pending)
            if source is not None:
                created = ResidentRequest.objects.filter(pk__in=[r.pk for r in created]).select_related(
                    "category", "unit"
                )
                indexer.put_many(source, [(source.object_id(r), source.document(r)) for r in created])
        made += len(pending)
        pending.clear()
        stats_cache.bump_version()  # bulk_create sends no signals: the statistics must see these requests

    for count, row in enumerate(message_rows(folder)):
        if limit is not None and count >= limit:
            break
        number = f"{REQUEST_NUMBER_PREFIX}{row['number']:08d}"
        if number in existing or row["received_at"] is None:
            continue
        pending.append(_corpus_request(row, number, category, unit))
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return made


def _corpus_request(row, number, category, unit):
    """An answered public consultation made of one message row."""
    from townsquare.resident_requests.models import RequestType, ResidentRequest, Status

    received = row["received_at"]
    answered = row["answered_at"] or received
    return ResidentRequest(
        tracking_number=number,
        request_type=RequestType.CONSULT,
        category=category,
        unit=unit,
        title=row["title"][:60],
        details=row["details"][:4000],
        contact_name=row["user"][:40] or "网友",
        is_public=True,
        channel="corpus",
        status=Status.ANSWERED,
        received_at=received,
        accept_due=received,
        answer_due=answered,
        accepted_at=received,
        answered_at=answered,
        reply=row["reply"],
        replied_by_unit=unit,
    )


def load_index_entries(source, entries, unit, batch=1000, limit=None):
    done = 0
    pairs = []
    for count, (object_id, entry) in enumerate(entries):
        if limit is not None and count >= limit:
            break
        entry.unit_id = unit.pk
        pairs.append((object_id, entry))
        if len(pairs) >= batch:
            done += indexer.put_many(source, pairs)
            pairs = []
    done += indexer.put_many(source, pairs)
    return done


def load(folder, stdout=None, limit=None):
    folder = Path(folder)
    if not (folder / "policy").is_dir():
        raise FileNotFoundError(f"{folder} 里没有 policy/、news/、messages/ 数据集")
    unit = corpus_unit()
    counts = {
        "政策文件": load_index_entries(POLICIES, policy_entries(folder), unit, limit=limit),
        "新闻标题": load_index_entries(NEWS, news_entries(folder), unit, limit=limit),
        "留言答复": load_requests(folder, unit, limit=limit),
    }
    if stdout:
        for label, count in counts.items():
            stdout.write(f"{label}：{count} 条")
    return counts
