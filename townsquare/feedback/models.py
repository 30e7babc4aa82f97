"""Answers to 这个页面对您有帮助吗？: 有 or 没有, and for 没有 an optional 缺少什么 text.

Nothing about who answered is kept: no address, no cookie, no account. The text is masked before it is stored
(``answering.py``): a phone, ID number or e-mail address a resident typed never reaches the database.
"""

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import Page

from townsquare.units.models import Unit


class AnswerQuerySet(models.QuerySet):
    def since(self, moment):
        return self.filter(created_at__gte=moment)

    def per_path(self):
        """One row per address: ``path``, ``answers``, ``unhelpful``, ``last``, and the page and unit ids
        (``page_ref``, ``unit_ref``)."""
        return (
            self.values("path")
            .annotate(
                answers=Count("pk"),
                unhelpful=Count("pk", filter=Q(helpful=False)),
                last=models.Max("created_at"),
                page_ref=models.Max("page_id"),
                unit_ref=models.Max("unit_id"),
            )
            .order_by("-unhelpful", "-answers", "path")
        )


class PageAnswer(models.Model):
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    path = models.CharField("网址", max_length=255, db_index=True)
    page = models.ForeignKey(
        Page, verbose_name="页面", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="单位", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    helpful = models.BooleanField("有帮助")
    missing = models.TextField("缺少什么", blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = "页面反馈"
        verbose_name_plural = "页面反馈"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.path} {'有帮助' if self.helpful else '没有帮助'}"

    def may_add_missing(self, now, minutes):
        """A 没有 answer takes its 缺少什么 text once, within ``minutes`` of the answer."""
        return not self.helpful and not self.missing and (now - self.created_at).total_seconds() <= minutes * 60
