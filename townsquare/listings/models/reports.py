"""Residents' reports of listings (举报)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .kinds import listing_model


class Report(models.Model):
    """A resident's report of a listing (举报). Private: only staff see it."""

    class Reason(models.TextChoices):
        FALSE = "false", "信息虚假"
        FRAUD = "fraud", "涉嫌诈骗或收费"
        ILLEGAL = "illegal", "违法违规内容"
        GONE = "gone", "已招满、已租出或已结束"
        OTHER = "other", "其他"

    class State(models.TextChoices):
        OPEN = "open", "待处理"
        DISMISSED = "dismissed", "不予处理"
        ACTED = "acted", "已处理（信息已撤下）"

    listing_kind = models.CharField("信息类型", max_length=12)
    listing_id = models.PositiveBigIntegerField("信息编号")
    reason = models.CharField("举报原因", max_length=10, choices=Reason.choices)
    details = models.TextField("补充说明", blank=True, max_length=500)
    state = models.CharField("处理状态", max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    created_at = models.DateTimeField("举报时间", default=timezone.now)
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "举报"
        verbose_name_plural = "举报"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["listing_kind", "listing_id"])]

    def __str__(self):
        return f"{self.get_reason_display()}（{self.listing_kind}-{self.listing_id}）"

    @property
    def listing(self):
        model = listing_model(self.listing_kind)
        return model.objects.filter(pk=self.listing_id).first() if model else None
