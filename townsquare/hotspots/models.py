"""Hot topics found among residents' requests, and the lead unit's public response (回应关切)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from townsquare.units.models import Unit


class HotTopicQuerySet(models.QuerySet):
    def current(self):
        return self.filter(active=True)

    def response_overdue(self, now):
        """Topics that crossed the threshold more than HOTSPOT_RESPONSE_DAYS before ``now`` without a response."""
        cutoff = now - timedelta(days=settings.HOTSPOT_RESPONSE_DAYS)
        return self.filter(crossed_at__lte=cutoff).filter(
            models.Q(responded_at__isnull=True) | models.Q(responded_at__gt=now)
        )


class HotTopic(models.Model):
    """A group of requests about one problem at one place, found by the weekly job (``jobs.refresh``)."""

    title = models.CharField("热点问题", max_length=120)
    lead_unit = models.ForeignKey(Unit, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="hot_topics")
    requests = models.ManyToManyField(
        "resident_requests.ResidentRequest", verbose_name="相关留言", related_name="hot_topics", blank=True
    )
    request_count = models.PositiveIntegerField("留言数", default=0)
    metoo_count = models.PositiveIntegerField("“我也遇到了”", default=0)
    heat = models.FloatField("热度", default=0)
    trend = models.JSONField("每周留言数", default=list, blank=True)
    first_seen = models.DateTimeField("最早留言", null=True, blank=True)
    last_seen = models.DateTimeField("最新留言", null=True, blank=True)
    found_at = models.DateTimeField("发现时间", default=timezone.now)
    refreshed_at = models.DateTimeField("最近分析", default=timezone.now)
    crossed_at = models.DateTimeField("达到回应门槛", null=True, blank=True)
    response = models.ForeignKey(
        "publishing.InterpretationPage",
        verbose_name="回应关切",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hot_topics",
        help_text="牵头单位在“政策解读”栏目发布的回应（解读形式选“回应关切”）。",
    )
    responded_at = models.DateTimeField("回应时间", null=True, blank=True)
    active = models.BooleanField("仍在热点中", default=True)

    objects = HotTopicQuerySet.as_manager()

    class Meta:
        verbose_name = "热点问题"
        verbose_name_plural = "热点问题"
        ordering = ["-active", "-heat", "-id"]

    def __str__(self):
        return self.title

    def response_due(self):
        """When the public response is due: HOTSPOT_RESPONSE_DAYS after crossing the threshold, or None."""
        if self.crossed_at is None:
            return None
        return self.crossed_at + timedelta(days=settings.HOTSPOT_RESPONSE_DAYS)

    def is_overdue(self, now):
        due = self.response_due()
        if due is None:
            return False
        return (self.responded_at or now) > due

    def response_days(self):
        """Days from crossing the threshold to the response, or None while either is missing."""
        if self.crossed_at is None or self.responded_at is None:
            return None
        return (self.responded_at - self.crossed_at).total_seconds() / 86400

    def attach_response(self, page):
        """Link ``page`` as the public response; it counts from its first publication."""
        self.response = page
        self.responded_at = page.first_published_at or timezone.now()
        self.save(update_fields=["response", "responded_at"])
