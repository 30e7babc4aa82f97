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


class WorkdayOverride(models.Model):
    """A county decision that a single day is (or is not) a working day."""

    day = models.DateField("日期", unique=True)
    is_working_day = models.BooleanField("是工作日", help_text="勾选：这天上班；不勾选：这天放假。")
    note = models.CharField("说明", max_length=100, blank=True, help_text="如：2027年春节调休上班。")

    class Meta:
        verbose_name = "工作日调整"
        verbose_name_plural = "工作日调整"
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {'上班' if self.is_working_day else '放假'}"
