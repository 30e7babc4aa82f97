"""Giving a published page its 公开目录 entry: defaults guessed from the page type, and the 索引号.

``ensure_entry(page)`` runs when a page is published (``signals``). The first publication creates the
entry with a new 索引号; later publications leave it alone. ``next_sequence`` takes the unit's counter
for the year under a row lock, so concurrent publishes (PostgreSQL) never share or reuse a number.
"""

from django.db import transaction
from django.utils import timezone

from townsquare.publishing.models import (
    InterpretationPage,
    NoticePage,
    PolicyPage,
    PolicyTopic,
    PublicityPage,
)

from .choices import Category, Genre, Validity
from .models import CatalogueEntry, DisclosureItemPage, DisclosureReportPage, IndexCounter

# 政府信息 that the catalogue lists. News (政务动态) is left out: it reports what happened and is counted
# as 政务动态, not as 政府信息 of the catalogue (the national annual report counts the two apart).
CATALOGUED_MODELS = (
    PolicyPage,
    InterpretationPage,
    NoticePage,
    PublicityPage,
    DisclosureItemPage,
    DisclosureReportPage,
)

# A policy's 体裁 from the last words of its title: "关于……的通知" is a 通知.
TITLE_GENRES = [
    ("实施方案", Genre.SCHEME),
    ("方案", Genre.SCHEME),
    ("办法", Genre.MEASURES),
    ("规划", Genre.PLAN),
    ("意见", Genre.OPINION),
    ("决定", Genre.DECISION),
    ("通报", Genre.BULLETIN),
    ("通告", Genre.CIRCULAR),
    ("公告", Genre.ANNOUNCEMENT),
    ("批复", Genre.REPLY),
    ("纪要", Genre.MINUTES),
    ("报告", Genre.REPORT),
    ("公示", Genre.PUBLICITY),
    ("通知", Genre.NOTICE),
    ("函", Genre.LETTER),
]
# 主题分类 guessed from words in a title (policies carry their own).
TITLE_TOPICS = [
    (("低保", "救助", "救灾", "特困", "养老", "残疾"), PolicyTopic.CIVIL),
    (("医保", "卫生", "疫苗", "体检", "健身"), PolicyTopic.HEALTH),
    (("学校", "招生", "教育", "入学"), PolicyTopic.EDUCATION),
    (("农业", "耕地", "种粮", "水利", "林", "春耕"), PolicyTopic.AGRICULTURE),
    (("就业", "招聘", "社保", "人事"), PolicyTopic.LABOUR),
    (("预算", "决算", "财政", "审计"), PolicyTopic.FINANCE),
    (("危房", "建设", "道路", "环境", "污水", "规划"), PolicyTopic.CONSTRUCTION),
    (("公交", "交通", "客运"), PolicyTopic.INDUSTRY),
    (("文化", "庙会", "图书"), PolicyTopic.CULTURE),
    (("停水", "停电", "燃气", "供水"), PolicyTopic.CONSTRUCTION),
]
ITEM_CATEGORY_TOPICS = {Category.BUDGET: PolicyTopic.FINANCE, Category.ORGANIZATION: PolicyTopic.GENERAL}


def genre_from_title(title, default=Genre.OTHER):
    title = title.strip().rstrip("。")
    for words, genre in TITLE_GENRES:
        if title.endswith(words):
            return genre
    return default


def topic_from_title(title):
    for words, topic in TITLE_TOPICS:
        if any(word in title for word in words):
            return topic
    return PolicyTopic.GENERAL


def is_catalogued(page):
    return isinstance(page, CATALOGUED_MODELS)


def defaults_for(page):
    """The editable metadata of a new entry, guessed from the page so that nothing is typed twice."""
    title = page.title
    topic = topic_from_title(title)
    if isinstance(page, PolicyPage):
        return {"genre": genre_from_title(title), "category": Category.POLICY, "topic": page.topic}
    if isinstance(page, InterpretationPage):
        policy_topic = page.policy.topic if page.policy_id else topic
        return {"genre": Genre.INTERPRETATION, "category": Category.INTERPRETATION, "topic": policy_topic}
    if isinstance(page, NoticePage):
        expired = page.valid_until is not None and page.valid_until < timezone.now()
        return {
            "genre": genre_from_title(title, Genre.NOTICE),
            "category": Category.NOTICE,
            "topic": topic,
            "validity": Validity.EXPIRED if expired else Validity.VALID,
        }
    if isinstance(page, PublicityPage):
        category = Category.ASSISTANCE if topic == PolicyTopic.CIVIL else Category.PUBLICITY
        return {"genre": Genre.PUBLICITY, "category": category, "topic": topic}
    if isinstance(page, DisclosureReportPage):
        return {"genre": Genre.REPORT, "category": Category.REPORT, "topic": PolicyTopic.GENERAL}
    if isinstance(page, DisclosureItemPage):
        topic = ITEM_CATEGORY_TOPICS.get(page.category, topic)
        return {"genre": genre_from_title(title), "category": page.category, "topic": topic}
    return {"genre": Genre.OTHER, "category": Category.OTHER, "topic": topic}


def unit_of(page):
    return getattr(page, "unit", None) or page.nearest_unit()


def next_sequence(unit, year):
    """The next 索引号 sequence number of ``unit`` in ``year``; call inside a transaction."""
    counter, _ = IndexCounter.objects.get_or_create(unit=unit, year=year)
    counter = IndexCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def format_index_number(unit, year, sequence):
    return f"{unit.index_prefix}/{year}-{sequence:05d}"


def ensure_entry(page, **overrides):
    """The page's catalogue entry, created with a new 索引号 at its first publication; None if not catalogued."""
    page = page.specific
    if not is_catalogued(page):
        return None
    existing = CatalogueEntry.objects.filter(page=page).first()
    if existing is not None:
        return existing
    unit = unit_of(page)
    if unit is None:
        return None
    published = timezone.localdate(page.first_published_at or timezone.now())
    with transaction.atomic():
        sequence = next_sequence(unit, published.year)
        values = {**defaults_for(page), **overrides}
        if not isinstance(page, PolicyPage):  # a policy has its own 成文日期; others were written when published
            values.setdefault("written_on", published)
        return CatalogueEntry.objects.create(
            page=page,
            unit=unit,
            year=published.year,
            sequence=sequence,
            index_number=format_index_number(unit, published.year, sequence),
            published_on=published,
            **values,
        )
