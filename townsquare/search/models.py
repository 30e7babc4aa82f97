"""What search keeps: one row per findable item, the county's dictionary and synonyms, best bets, the query log
(with who searched, hashed) and the suggestions editors blocked.

The full-text tables themselves (``sitesearch_fts``: SQLite FTS5, or a PostgreSQL table with a
tsvector and a GIN index) are created by migration 0002 and written by ``backends.py``; they
hold the pre-segmented title and body of each ``SearchDocument`` under its id.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from townsquare.units.models import Unit

SPLIT = re.compile(r"[\s,，、;；/|]+")


class SearchDocument(models.Model):
    """One findable item as residents may see it: only public text (masked where it is a resident's)."""

    source = models.CharField("来源", max_length=40)
    object_id = models.CharField("对象编号", max_length=64)
    kind = models.CharField("类型", max_length=30, db_index=True)
    title = models.CharField("标题", max_length=300)
    url = models.CharField("地址", max_length=500)
    body = models.TextField("正文", blank=True)
    keywords = models.CharField("关键词", max_length=500, blank=True)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    date = models.DateTimeField("日期", null=True, blank=True, db_index=True)
    doc_number = models.CharField("文号", max_length=80, blank=True)
    doc_key = models.CharField(max_length=80, blank=True, db_index=True)
    boost = models.FloatField("权重", default=1.0)
    expires_at = models.DateTimeField("到期", null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "索引条目"
        verbose_name_plural = "索引条目"
        constraints = [models.UniqueConstraint(fields=["source", "object_id"], name="sitesearch_one_doc_per_object")]

    def __str__(self):
        return self.title


class GovTerm(models.Model):
    """A word the segmenter must keep whole (社保, 一件事, 青禾镇 …)."""

    word = models.CharField("词语", max_length=30, unique=True)
    frequency = models.PositiveIntegerField(
        "词频", null=True, blank=True, help_text="一般留空。分词仍把它拆开时，可以填一个较大的数，如 10000。"
    )
    note = models.CharField("说明", max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "搜索词典"
        verbose_name_plural = "搜索词典"
        ordering = ["word"]

    def __str__(self):
        return self.word

    def clean(self):
        word = " ".join((self.word or "").split())
        if not word:
            raise ValidationError({"word": "请填写词语。"})
        if " " in word:
            raise ValidationError({"word": "一个词语里不能有空格；多个词请分别添加。"})
        self.word = word


class Synonym(models.Model):
    """Words that mean the same to residents (社保 社会保险 社会保障): a search for one finds all.

    One way (``one_way``): the first word is how residents say it (生孩子) and leads to the others
    (生育 出生医学证明 新生儿); a search for those does not lead back."""

    terms = models.CharField(
        "同义词",
        max_length=300,
        help_text="用空格或逗号分开，如：社保 社会保险。缩写、俗称、全称都可以放在一组里。",
    )
    one_way = models.BooleanField(
        "只从第一个词找",
        default=False,
        help_text="勾选：第一个词是群众的说法（如 生孩子 生育 出生医学证明），搜它能找到后面的词；"
        "搜后面的词不会反过来找到它和其他词。",
    )
    note = models.CharField("说明", max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["terms"]

    def __str__(self):
        members = self.members()
        if self.one_way and len(members) > 1:
            return f"{members[0]} → {' '.join(members[1:])}"
        return " ↔ ".join(members)

    def leads(self):
        """The words a search starts from to find the others: every word, or only the first (one way)."""
        members = self.members()
        return members[:1] if self.one_way else members

    def members(self):
        from .analysis import normalize

        seen = []
        for word in SPLIT.split(normalize(self.terms)):
            if word and word not in seen:
                seen.append(word)
        return seen

    def clean(self):
        if len(self.members()) < 2:
            raise ValidationError({"terms": "一组同义词至少要有两个词，用空格或逗号分开。"})


class BestBet(models.Model):
    """推荐结果: an editor pins a page or address at the top of the results for a query."""

    query = models.CharField(
        "搜索词", max_length=80, db_index=True, help_text="群众输入这个词时显示（不区分全半角、大小写）。"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="推荐页面",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField("或填写地址", max_length=300, blank=True, help_text="不选页面时填写，如 /liuyan/。")
    title = models.CharField("显示标题", max_length=120, blank=True, help_text="留空则用页面标题。")
    description = models.CharField("说明", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "推荐结果"
        verbose_name_plural = "推荐结果"
        ordering = ["query", "sort_order", "pk"]

    def __str__(self):
        return f"{self.query} → {self.display_title}"

    @property
    def display_title(self):
        return self.title or (self.page.title if self.page_id else self.url)

    @property
    def target_url(self):
        return self.page.url if self.page_id else self.url

    def clean(self):
        from .analysis import normalize

        errors = {}
        self.query = normalize(self.query)
        if not self.query:
            errors["query"] = "请填写搜索词。"
        if not self.page_id and not self.url.strip():
            errors["page"] = "请选择一个页面，或在下面填写地址。"
        if self.url and not (self.url.startswith("/") or self.url.startswith("https://")):
            errors["url"] = "地址请以 / 开头（本站页面）或以 https:// 开头。"
        if not self.page_id and not self.title.strip():
            errors["title"] = "填写地址时，请同时填写显示标题。"
        if errors:
            raise ValidationError(errors)


class QueryLog(models.Model):
    """How often a query was searched on a day, and whether it found anything (热词 / 无结果词)."""

    query = models.CharField("搜索词", max_length=80)
    day = models.DateField("日期", default=timezone.localdate)
    searches = models.PositiveIntegerField("搜索次数", default=0)
    empty_searches = models.PositiveIntegerField("无结果次数", default=0)
    last_results = models.PositiveIntegerField("最近结果数", default=0)

    class Meta:
        verbose_name = "搜索记录"
        verbose_name_plural = "搜索记录"
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="sitesearch_one_log_per_query_day")]
        indexes = [models.Index(fields=["day", "query"])]

    def __str__(self):
        return f"{self.day} {self.query} ×{self.searches}"


class QuerySighting(models.Model):
    """That a query was searched from one address on one day: suggestions need several of each.

    The address is kept only as a salted hash (``querylog.address_hash``), never as typed."""

    query = models.CharField("搜索词", max_length=80)
    address_hash = models.CharField("来源摘要", max_length=32)
    day = models.DateField("日期", default=timezone.localdate)

    class Meta:
        verbose_name = "搜索来源"
        verbose_name_plural = "搜索来源"
        constraints = [
            models.UniqueConstraint(fields=["query", "address_hash", "day"], name="sitesearch_one_sighting_per_day")
        ]
        indexes = [models.Index(fields=["day", "query"])]

    def __str__(self):
        return f"{self.day} {self.query}"


class BlockedSuggestion(models.Model):
    """屏蔽的搜索提示: an editor keeps a word out of the suggestions and 热词 (any query holding it)."""

    query = models.CharField(
        "屏蔽词", max_length=80, unique=True, help_text="包含这个词的搜索词不再作为搜索提示或热词显示。"
    )
    note = models.CharField("说明", max_length=100, blank=True)
    created_at = models.DateTimeField("屏蔽时间", auto_now_add=True)

    class Meta:
        verbose_name = "屏蔽的搜索提示"
        verbose_name_plural = "屏蔽的搜索提示"
        ordering = ["query"]

    def __str__(self):
        return self.query

    def clean(self):
        from .analysis import normalize

        self.query = normalize(self.query or "")
        if not self.query:
            raise ValidationError({"query": "请填写要屏蔽的词。"})
        if BlockedSuggestion.objects.filter(query=self.query).exclude(pk=self.pk).exists():
            raise ValidationError({"query": "这个词已经屏蔽了。"})


class SearchTerm(models.Model):
    """The vocabulary of the index with its pinyin, so that `gongjijin` finds 公积金 (and 公基金 is corrected)."""

    word = models.CharField(max_length=40, unique=True)
    pinyin = models.CharField(max_length=160, db_index=True)

    class Meta:
        verbose_name = "索引词汇"
        verbose_name_plural = "索引词汇"

    def __str__(self):
        return self.word


def dictionary_extra_words():
    """Local words the segmenter should keep whole besides the editors' list: the units' names."""
    words = set()
    for name, short in Unit.objects.values_list("name", "short_name"):
        words.update(w for w in (name, short) if w and len(w) <= 30)
    return words


class TermStatistic(models.Model):
    """In how many indexed items a word of the index occurs (PostgreSQL only: its ranking weighs rare words up).

    SQLite FTS5 keeps these figures itself for bm25(); PostgreSQL's ts_rank has none, so ``indexer``
    copies them from ``ts_stat`` after a rebuild, when the index has grown and by a periodic job.
    Words in a single item are left out: a word missing here counts as that rare.
    """

    word = models.TextField(primary_key=True)
    documents = models.PositiveIntegerField()

    class Meta:
        verbose_name = "词语文档数"
        verbose_name_plural = "词语文档数"

    def __str__(self):
        return f"{self.word} ×{self.documents}"


class TermStatisticsState(models.Model):
    """When ``TermStatistic`` was last copied, and the index it was copied from (one row)."""

    documents = models.PositiveIntegerField(default=0)
    last_document_id = models.BigIntegerField(default=0)
    # Average length of an item (distinct words), as bm25 needs it.
    average_words = models.FloatField(default=0.0)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "词语统计状态"
        verbose_name_plural = "词语统计状态"

    def __str__(self):
        return f"{self.documents} 条（{self.refreshed_at}）"
