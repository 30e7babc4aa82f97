"""Stored results of the health checks (for trends and the weekly digest) and of the link checker."""

import hashlib

from django.db import models
from django.utils import timezone

from townsquare.units.models import Unit


def verdict(score, passed, vetoes):
    if vetoes:
        return f"不合格（单项否决 {vetoes} 项）"
    return f"{score:.1f} 分，{'合格' if passed else '不合格'}"


class HealthRun(models.Model):
    """One run of every rule over the whole county at ``ran_at`` (daily, or on demand)."""

    ran_at = models.DateTimeField("检查时间", default=timezone.now, db_index=True)
    county_score = models.DecimalField("全县得分", max_digits=5, decimal_places=1)
    county_passed = models.BooleanField("全县合格", default=True)
    county_vetoes = models.PositiveIntegerField("全县单项否决项", default=0)
    county_findings = models.JSONField("全县问题", default=list, blank=True)
    trigger = models.CharField("发起方式", max_length=20, default="scheduled")

    class Meta:
        verbose_name = "健康检查"
        verbose_name_plural = "健康检查"
        ordering = ["-ran_at", "-pk"]

    def __str__(self):
        return f"{timezone.localtime(self.ran_at):%Y-%m-%d %H:%M} 全县 {self.verdict}"

    @property
    def vetoed(self):
        return self.county_vetoes > 0

    @property
    def verdict(self):
        """In words, with no score beside a veto (a vetoed county fails whatever its points)."""
        return verdict(self.county_score, self.county_passed, self.county_vetoes)


class UnitScore(models.Model):
    """A unit's result in one run: score, veto and deduction counts, and every finding (as JSON)."""

    run = models.ForeignKey(HealthRun, on_delete=models.CASCADE, related_name="unit_scores")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="health_scores")
    score = models.DecimalField("得分", max_digits=5, decimal_places=1)
    passed = models.BooleanField("合格", default=True)
    vetoes = models.PositiveIntegerField("单项否决项", default=0)
    deductions = models.PositiveIntegerField("扣分项", default=0)
    findings = models.JSONField("问题", default=list, blank=True)

    class Meta:
        verbose_name = "单位得分"
        verbose_name_plural = "单位得分"
        ordering = ["run", "unit__sort_order", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["run", "unit"], name="one_score_per_unit_and_run")]

    def __str__(self):
        return f"{self.unit} {self.verdict}"

    @property
    def vetoed(self):
        return self.vetoes > 0

    @property
    def verdict(self):
        return verdict(self.score, self.passed, self.vetoes)


def url_key(url):
    return hashlib.sha256(url.encode()).hexdigest()


class LinkCheckResult(models.Model):
    """The last check of one link found in published pages; ``next_check_at`` says when it is due again."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", "站内链接"
        EXTERNAL = "external", "站外链接"

    class Status(models.TextChoices):
        PENDING = "pending", "待检查"
        OK = "ok", "正常"
        BROKEN = "broken", "无法打开"
        TIMEOUT = "timeout", "超时"
        ERROR = "error", "连接失败"

    BAD = (Status.BROKEN, Status.TIMEOUT, Status.ERROR)

    key = models.CharField(max_length=64, unique=True, editable=False)
    url = models.TextField("链接")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    host = models.CharField("主机", max_length=255, blank=True, db_index=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    status_code = models.PositiveSmallIntegerField("状态码", null=True, blank=True)
    detail = models.CharField("说明", max_length=300, blank=True)
    checked_at = models.DateTimeField("检查时间", null=True, blank=True)
    next_check_at = models.DateTimeField("下次检查", null=True, blank=True, db_index=True)
    failures = models.PositiveSmallIntegerField("连续失败次数", default=0)
    pages = models.ManyToManyField("wagtailcore.Page", verbose_name="所在页面", related_name="+", blank=True)

    class Meta:
        verbose_name = "链接检查"
        verbose_name_plural = "链接检查"
        ordering = ["host", "url"]

    def __str__(self):
        return f"{self.url}（{self.get_status_display()}）"

    def save(self, *args, **kwargs):
        self.key = url_key(self.url)
        super().save(*args, **kwargs)


class AvailabilityCheck(models.Model):
    """One page opened by the availability probe; the pages opened in one check share ``checked_at``."""

    checked_at = models.DateTimeField("检查时间", db_index=True)
    url = models.CharField("网址", max_length=500)
    status_code = models.PositiveSmallIntegerField("状态码", null=True, blank=True)
    seconds = models.FloatField("用时（秒）", null=True, blank=True)
    ok = models.BooleanField("能打开", default=True)
    error = models.CharField("打不开的原因", max_length=300, blank=True)

    class Meta:
        verbose_name = "可访问性检查"
        verbose_name_plural = "可访问性检查"
        ordering = ["-checked_at", "url"]

    def __str__(self):
        state = "能打开" if self.ok else f"打不开（{self.error}）"
        return f"{timezone.localtime(self.checked_at):%Y-%m-%d %H:%M} {self.url} {state}"


class Outage(models.Model):
    """Checks failing one after another: opened by the first failed check, closed by the next good one."""

    started_at = models.DateTimeField("开始时间", db_index=True)
    ended_at = models.DateTimeField("恢复时间", null=True, blank=True)
    failed_checks = models.PositiveIntegerField("打不开的检查次数", default=1)
    detail = models.CharField("第一次打不开的情况", max_length=500, blank=True)
    alerted_at = models.DateTimeField("告警邮件发出时间", null=True, blank=True)
    recovery_sent_at = models.DateTimeField("恢复邮件发出时间", null=True, blank=True)

    class Meta:
        verbose_name = "网站打不开"
        verbose_name_plural = "网站打不开"
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        end = f"{timezone.localtime(self.ended_at):%Y-%m-%d %H:%M}" if self.ended_at else "至今"
        return f"{timezone.localtime(self.started_at):%Y-%m-%d %H:%M} 至 {end}"

    @property
    def is_open(self):
        return self.ended_at is None
