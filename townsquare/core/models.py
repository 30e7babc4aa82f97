from django.db import models
from django.utils import timezone


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


class Delivery(models.Model):
    """One message to a resident about their case, by one channel: the delivery log.

    The address is kept only until the message is sent (or given up): then it is cleared. The
    text is not stored; the kind and the case say what it was. ``key`` makes a message happen once
    (a 回访 per case, a reminder per slot, a deadline change per new deadline)."""

    class Channel(models.TextChoices):
        EMAIL = "email", "电子邮件"
        SMS = "sms", "短信"

    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"
        SKIPPED = "skipped", "未发送（已退订或联系方式已删除）"

    kind = models.CharField("类型", max_length=40)
    channel = models.CharField("方式", max_length=10, choices=Channel.choices)
    case_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    case_id = models.PositiveBigIntegerField()
    reference = models.CharField("编号", max_length=40)
    key = models.CharField(max_length=80)
    address = models.CharField("收件地址", max_length=254, blank=True)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    error = models.CharField("错误", max_length=300, blank=True)
    provider_id = models.CharField("回执编号", max_length=80, blank=True)
    due_at = models.DateTimeField("计划发送时间", default=timezone.now)
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "办理进度提醒"
        verbose_name_plural = "办理进度提醒"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_type", "case_id", "kind", "channel", "key"], name="core_delivery_once"
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self):
        return f"{self.reference} {self.kind_label} {self.get_channel_display()}"

    @property
    def kind_label(self):
        from .notify.texts import EMAILS

        return EMAILS[self.kind][0] if self.kind in EMAILS else self.kind


class OptOut(models.Model):
    """A resident who asked for no more messages on a channel (退订); only a keyed hash of the address is kept."""

    channel = models.CharField("方式", max_length=10, choices=Delivery.Channel.choices)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField("退订时间", default=timezone.now)

    class Meta:
        verbose_name = "退订"
        verbose_name_plural = "退订"
        constraints = [models.UniqueConstraint(fields=["channel", "digest"], name="core_optout_once")]

    def __str__(self):
        return f"{self.get_channel_display()} {self.digest[:8]}"


class FollowupRating(models.Model):
    """The resident's answer to 回访 ("问题解决了吗？"): one per case."""

    class Outcome(models.TextChoices):
        SOLVED = "solved", "已解决"
        PARTLY = "partly", "部分解决"
        UNSOLVED = "unsolved", "未解决"

    case_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    case_id = models.PositiveBigIntegerField()
    reference = models.CharField("编号", max_length=40)
    outcome = models.CharField("回访结果", max_length=10, choices=Outcome.choices)
    comment = models.CharField("意见", max_length=500, blank=True)
    rated_at = models.DateTimeField("回访时间", default=timezone.now)

    class Meta:
        verbose_name = "回访结果"
        verbose_name_plural = "回访结果"
        constraints = [models.UniqueConstraint(fields=["case_type", "case_id"], name="core_followup_once")]

    def __str__(self):
        return f"{self.reference} {self.get_outcome_display()}"


class VerificationCode(models.Model):
    """A 6-digit code sent to prove a phone number or an e-mail address (core/verification).

    Neither the contact nor the digits are stored: ``person_key`` is a keyed HMAC of the contact, ``digest``
    a keyed HMAC of the digits."""

    person_key = models.CharField(max_length=64, db_index=True)
    purpose = models.CharField("用途", max_length=60)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "验证码"
        verbose_name_plural = "验证码"

    def __str__(self):
        return f"{self.purpose} {self.created_at:%Y-%m-%d %H:%M}"
