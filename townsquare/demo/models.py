from django.db import models


class DemoState(models.Model):
    """Which version of the demo content was last loaded completely (a fingerprint of townsquare/demo)."""

    fingerprint = models.CharField("演示数据版本", max_length=64, unique=True)
    loaded_at = models.DateTimeField("载入时间", auto_now=True)

    class Meta:
        verbose_name = "演示数据状态"
        verbose_name_plural = "演示数据状态"

    def __str__(self):
        return self.fingerprint[:12]
