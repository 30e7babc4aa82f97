"""天气地点: where the county and each town get their weather, and the last report fetched for it."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from townsquare.units.models import Unit

from .providers import report_from_json, report_to_json

WEATHER_UNIT_KINDS = [Unit.Kind.COUNTY, Unit.Kind.TOWN, Unit.Kind.STREET]


class WeatherLocation(models.Model):
    unit = models.OneToOneField(
        Unit,
        verbose_name="单位",
        on_delete=models.CASCADE,
        related_name="weather_location",
        limit_choices_to={"kind__in": WEATHER_UNIT_KINDS},
        help_text="县或镇、街道。",
    )
    latitude = models.DecimalField(
        "纬度",
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="如 28.2100。查预警要用经纬度。",
    )
    longitude = models.DecimalField(
        "经度",
        max_digits=7,
        decimal_places=4,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="如 112.9800。",
    )
    location_id = models.CharField(
        "天气服务的地点编号",
        max_length=40,
        blank=True,
        help_text="和风天气的 LocationID（如 101250101）；不填就按经纬度查。",
    )
    enabled = models.BooleanField("定时更新", default=True)
    report = models.JSONField("最近一次的天气数据", null=True, blank=True, editable=False)
    fetched_at = models.DateTimeField("数据更新于", null=True, blank=True, editable=False)
    last_attempt_at = models.DateTimeField("上次尝试", null=True, blank=True, editable=False)
    last_error = models.TextField("上次出错原因", blank=True, editable=False)
    last_error_at = models.DateTimeField("上次出错时间", null=True, blank=True, editable=False)
    is_demo = models.BooleanField("演示数据", default=False, editable=False)

    class Meta:
        verbose_name = "天气地点"
        verbose_name_plural = "天气地点"
        ordering = ["unit__sort_order", "unit_id"]

    def __str__(self):
        return self.unit.display_name

    @property
    def name(self):
        return self.unit.display_name

    @property
    def is_county(self):
        return self.unit.kind == Unit.Kind.COUNTY

    # --- stored report ---------------------------------------------------------------------

    def get_report(self):
        """The stored report as dataclasses, or None (also when what is stored cannot be read)."""
        if not self.report:
            return None
        try:
            return report_from_json(self.report)
        except (KeyError, TypeError, ValueError):
            return None

    def store_report(self, report, now=None, demo=False):
        now = now or timezone.now()
        self.report = report_to_json(report)
        self.fetched_at = now
        self.last_attempt_at = now
        self.last_error = ""
        self.is_demo = demo
        self.save(update_fields=["report", "fetched_at", "last_attempt_at", "last_error", "is_demo"])

    def store_error(self, message, now=None):
        """A failed fetch: the last report stays; the reason is kept for staff."""
        now = now or timezone.now()
        self.last_attempt_at = now
        self.last_error = str(message)[:2000]
        self.last_error_at = now
        self.save(update_fields=["last_attempt_at", "last_error", "last_error_at"])

    # --- what residents see ----------------------------------------------------------------

    def is_stale(self, now=None):
        """True when the data is older than WEATHER_STALE_MINUTES (or the last attempt failed)."""
        if self.fetched_at is None:
            return False
        now = now or timezone.now()
        too_old = now - self.fetched_at > timedelta(minutes=settings.WEATHER_STALE_MINUTES)
        failing = bool(self.last_error) and self.last_error_at is not None and self.last_error_at > self.fetched_at
        return too_old or failing
