"""Daily visit counts: how often each address was opened, and how many different visitors came, per day.

Only numbers are stored. The counting (``counting.py``) keeps the day's running totals in the cache and the
scheduled flush writes them here; no address, cookie or visitor fingerprint ever reaches the database.
"""

from django.db import models

from townsquare.units.models import Unit


class PageVisits(models.Model):
    """How often one address (path, without its query) was opened on one day."""

    day = models.DateField("日期")
    path = models.CharField("网址", max_length=255)
    unit = models.ForeignKey(
        Unit, verbose_name="单位", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    views = models.PositiveIntegerField("访问次数", default=0)

    class Meta:
        verbose_name = "每日页面访问量"
        verbose_name_plural = "每日页面访问量"
        constraints = [models.UniqueConstraint(fields=["day", "path"], name="visits_page_once_a_day")]
        indexes = [models.Index(fields=["path", "day"], name="visits_path_day")]

    def __str__(self):
        return f"{self.day} {self.path} {self.views}"


class DailyVisitors(models.Model):
    """How many different visitors (browser and network address, told apart for that day only) came on one day."""

    day = models.DateField("日期", unique=True)
    visitors = models.PositiveIntegerField("独立访客", default=0)

    class Meta:
        verbose_name = "每日独立访客"
        verbose_name_plural = "每日独立访客"

    def __str__(self):
        return f"{self.day} {self.visitors}"
