"""公开目录: the catalogue metadata of every published 政府信息, entered once.

A ``CatalogueEntry`` belongs to one page. What the page already knows is read from it, never stored
twice: a policy's 文号, 成文日期, 主题分类 and 有效性; every page's unit and first publication.
The 索引号 (``机构代码/YYYY-NNNNN``) is given once, when the page is first published, from a
per-unit, per-year counter (``IndexCounter``) that only ever counts up, so a number is never reused.
"""

from django.db import models

from townsquare.publishing.models import PolicyTopic
from townsquare.units.models import Unit

from ..choices import Area, Category, Genre, Validity

POLICY_FACTS = ("document_number", "written_on", "topic", "validity")


class IndexCounter(models.Model):
    """The last 索引号 sequence number handed out for a unit in a year. Never decremented."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="disclosure_counter_unit_year")]

    def __str__(self):
        return f"{self.unit_id}/{self.year}: {self.last}"


class CatalogueEntry(models.Model):
    """The 公开目录 record of a published page."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="catalogue_entry"
    )
    unit = models.ForeignKey(Unit, verbose_name="发布机构", on_delete=models.PROTECT, related_name="+")
    index_number = models.CharField("索引号", max_length=40, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("年份", editable=False)
    sequence = models.PositiveIntegerField("顺序号", editable=False)
    published_on = models.DateField("发布日期", editable=False)
    written_on = models.DateField("成文日期", null=True, blank=True, help_text="政策文件以文件信息里的成文日期为准。")
    topic = models.CharField("主题分类", max_length=20, choices=PolicyTopic.choices, default=PolicyTopic.GENERAL)
    genre = models.CharField("体裁", max_length=20, choices=Genre.choices, default=Genre.OTHER)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID)
    category = models.CharField("公开类别", max_length=20, choices=Category.choices, default=Category.OTHER)
    area = models.CharField(
        "标准目录领域", max_length=20, choices=Area.choices, blank=True, help_text="镇（街道）的信息，选所属的领域。"
    )

    class Meta:
        verbose_name = "公开目录信息"
        verbose_name_plural = "公开目录"
        ordering = ["-published_on", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "sequence"], name="disclosure_entry_unit_year_sequence")
        ]
        indexes = [models.Index(fields=["unit", "-published_on", "-sequence"], name="disclosure_entry_listing")]

    def __str__(self):
        return f"{self.index_number} {self.page.title}"

    # What the page itself knows wins over the entry (a policy's own facts are never typed twice).

    def _policy(self):
        return getattr(self, "policy_facts", None)

    @property
    def document_number(self):
        policy = self._policy()
        return policy["document_number"] if policy else ""

    @property
    def written_on_shown(self):
        policy = self._policy()
        return policy["written_on"] if policy else self.written_on

    @property
    def topic_label(self):
        policy = self._policy()
        return PolicyTopic(policy["topic"]).label if policy else self.get_topic_display()

    @property
    def validity_label(self):
        from townsquare.publishing.models import PolicyPage

        policy = self._policy()
        return PolicyPage.Validity(policy["validity"]).label if policy else self.get_validity_display()

    def facts(self):
        """The metadata block in the order the national catalogue shows it."""
        return [
            ("索引号", self.index_number),
            ("发布机构", self.unit.name),
            ("成文日期", self.written_on_shown),
            ("发布日期", self.published_on),
            ("主题分类", self.topic_label),
            ("体裁", self.get_genre_display()),
            ("文号", self.document_number or "无"),
            ("有效性", self.validity_label),
        ]

    def facts_beyond_policy(self):
        """What a policy page's own 文件信息 table (文号, 发文机关, dates, 主题分类, 有效性) does not show."""
        return [("索引号", self.index_number), ("体裁", self.get_genre_display())]


def attach_policy_facts(entries):
    """Give the entries of policies their policy's 文号, 成文日期, 主题分类 and 有效性, in one query."""
    from townsquare.publishing.models import PolicyPage

    entries = list(entries)
    ids = [entry.page_id for entry in entries]
    rows = PolicyPage.objects.filter(pk__in=ids).values("pk", *POLICY_FACTS)
    facts = {row["pk"]: row for row in rows} if ids else {}
    for entry in entries:
        entry.policy_facts = facts.get(entry.page_id)
    return entries
