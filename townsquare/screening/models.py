"""The 错敏词 list county staff keep, and what the screening found on pages and their documents."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from townsquare.units.models import Unit

from . import scanner


class SensitiveWord(models.Model):
    """A wrong, outdated or sensitive wording, with what to write instead."""

    class Kind(models.TextChoices):
        ERROR = "error", "错误表述"
        OUTDATED = "outdated", "过时表述"
        SENSITIVE = "sensitive", "敏感词"

    word = models.CharField("词语", max_length=60, unique=True)
    kind = models.CharField("类别", max_length=12, choices=Kind.choices, default=Kind.OUTDATED)
    suggestion = models.CharField("建议改为", max_length=60, blank=True, help_text="留空表示只提示，不给替换建议。")
    note = models.CharField("说明", max_length=200, blank=True, help_text="例如：2018年机构改革后更名。")
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "错敏词"
        verbose_name_plural = "错敏词"
        ordering = ["kind", "word"]

    def __str__(self):
        return self.word

    @classmethod
    def listed(cls):
        """The active words as scanner ``Word``s, longest first (so 国土资源局 wins over 国土局)."""
        rows = cls.objects.filter(active=True).values_list("word", "kind", "suggestion", "note")
        words = [scanner.Word(word, kind, suggestion, note) for word, kind, suggestion, note in rows]
        return sorted(words, key=lambda w: len(w.word), reverse=True)


class Finding(models.Model):
    """One thing found on one page (or one of its documents), and what the reviewer decided."""

    class Kind(models.TextChoices):
        ID_NUMBER = scanner.ID_NUMBER, "身份证号"
        MOBILE = scanner.MOBILE, "手机号"
        BANK_CARD = scanner.BANK_CARD, "银行卡号"
        ADDRESS = scanner.ADDRESS, "详细住址"
        WORD = scanner.WORD, "错敏词"
        UNREADABLE = "unreadable", "文件无法读取"

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        MASKED = "masked", "已遮盖"
        DISMISSED = "dismissed", "确认误报"
        GONE = "gone", "已不存在"

    page = models.ForeignKey("wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="文件", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="单位", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    key = models.CharField("比对值", max_length=200, help_text="同一号码不同写法的统一形式；同一页面同一内容只问一次。")
    text = models.CharField("发现的内容", max_length=300)
    masked = models.CharField("遮盖后", max_length=300, blank=True)
    suggestion = models.CharField("建议改为", max_length=60, blank=True)
    word_kind = models.CharField("词语类别", max_length=12, blank=True, choices=SensitiveWord.Kind.choices)
    where = models.CharField("位置", max_length=300)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    live = models.BooleanField("在已发布页面上", default=False, help_text="由每日复查记下：页面已发布时发现。")
    reason = models.CharField("误报理由", max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    found_at = models.DateTimeField("发现时间", default=timezone.now)
    seen_at = models.DateTimeField("最近一次发现", default=timezone.now)

    class Meta:
        verbose_name = "审查发现"
        verbose_name_plural = "审查发现"
        ordering = ["page", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "document", "kind", "key"], name="screening_finding_once"),
            models.UniqueConstraint(
                fields=["page", "kind", "key"],
                condition=models.Q(document__isnull=True),
                name="screening_page_finding_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.masked or self.text}"

    @property
    def is_personal(self):
        return self.kind in (self.Kind.ID_NUMBER, self.Kind.MOBILE, self.Kind.BANK_CARD, self.Kind.ADDRESS)

    @property
    def shown(self):
        """What the review page shows: personal data masked even to the reviewer, words as written."""
        return self.masked if self.is_personal else self.text

    def as_hit(self):
        return scanner.Hit(self.kind, self.text, self.where, self.masked, self.suggestion)

    def decide(self, status, user, reason=""):
        self.status, self.decided_by, self.decided_at, self.reason = status, user, timezone.now(), reason
        self.save(update_fields=["status", "decided_by", "decided_at", "reason"])
