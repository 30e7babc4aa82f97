from django.db import models


class JobRun(models.Model):
    """When a scheduled job last ran, and whether it worked."""

    name = models.CharField("任务", max_length=80, unique=True)
    last_started = models.DateTimeField("上次开始", null=True)
    last_finished = models.DateTimeField("上次结束", null=True)
    last_error = models.TextField("错误", blank=True)
    last_result = models.CharField("结果", max_length=500, blank=True)

    class Meta:
        verbose_name = "定时任务记录"
        verbose_name_plural = "定时任务记录"

    def __str__(self):
        return self.name
