"""Subscribers (an e-mail address, or a WeChat openid of the county's 公众号), what they follow, and every
message sent to them.

A subscription counts once it is confirmed: an address by double opt-in (it receives a link and only a
click on it makes the subscription live), an openid by WeChat's web authorisation itself (``wechat.py``).
Messages are written once (``Message``, unique by what it is about) and handed out as one ``Delivery`` per
subscriber, the delivery log.
"""

from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from townsquare.units.models import Unit

TOWN_KINDS = [Unit.Kind.TOWN, Unit.Kind.STREET]


class Subscriber(models.Model):
    """One e-mail address, or one openid of one 公众号 (never both; the openid is never shown on a page)."""

    email = models.EmailField("邮箱", unique=True, null=True, blank=True)
    wechat = models.ForeignKey(
        "channels.Channel", verbose_name="公众号", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    openid = models.CharField("openid", max_length=64, blank=True, editable=False)
    # WeChat refused to deliver (not following the account any more, or messages refused): nothing more is sent
    # until the resident opens 订阅 inside WeChat again.
    unreachable_at = models.DateTimeField("无法送达", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False, editable=False)
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    confirmed_at = models.DateTimeField("首次确认时间", null=True, blank=True)
    # Part of every signed link; raising it makes all earlier links stop working.
    token_version = models.PositiveIntegerField(default=1, editable=False)
    changed_at = models.DateTimeField("最近变更", default=timezone.now)

    class Meta:
        verbose_name = "订阅人"
        verbose_name_plural = "订阅人"
        constraints = [
            models.UniqueConstraint(
                fields=["wechat", "openid"], condition=~models.Q(openid=""), name="subscriber_openid_once"
            ),
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) ^ ~models.Q(openid=""), name="subscriber_email_or_openid"
            ),
        ]

    def __str__(self):
        return f"订阅人 {self.pk}"

    @property
    def by_wechat(self):
        return bool(self.openid)

    def public_label(self):
        """Who this is, as a page may show it: the masked address, or just 微信 (never the openid)."""
        from townsquare.core.privacy import mask_text

        return "您的微信" if self.by_wechat else mask_text(self.email)


class Kind(models.TextChoices):
    UNIT = "unit", "某个单位发布的信息"
    COLUMN = "column", "某个栏目"
    TOPIC = "topic", "某类政策（主题分类）"
    UTILITIES = "utilities", "停水停电停气"
    TRAFFIC = "traffic", "封路和交通管制"
    WEATHER = "weather", "天气预警"
    JOBS = "jobs", "招聘信息"
    EVENTS = "events", "文旅活动"


# Kinds that are about one town (the town is required), and those that are urgent by nature.
TOWN_SUBSCRIPTION_KINDS = {Kind.UTILITIES, Kind.TRAFFIC, Kind.WEATHER}
# Kinds of 生活服务 listings that may be followed for one town or, with no town, for the whole county.
LISTING_SUBSCRIPTION_KINDS = {Kind.JOBS, Kind.EVENTS}


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", "有新内容马上发"
    DAILY = "daily", "每天汇总一封"
    WEEKLY = "weekly", "每周汇总一封"


class Subscription(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField("订阅内容", max_length=12, choices=Kind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name="单位或镇街", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    column = models.ForeignKey(
        "publishing.SectionPage", verbose_name="栏目", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.CharField("主题分类", max_length=20, blank=True)
    frequency = models.CharField("发送频率", max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        verbose_name = "订阅"
        verbose_name_plural = "订阅"
        constraints = [
            # Blank unit or column counted as one value (0), on SQLite too (which has no NULLS NOT DISTINCT).
            models.UniqueConstraint(
                "subscriber",
                "kind",
                Coalesce("unit", Value(0)),
                Coalesce("column", Value(0)),
                "topic",
                name="subscription_once",
            )
        ]
        indexes = [models.Index(fields=["kind", "unit"], name="subscription_kind_unit")]

    def __str__(self):
        return self.describe()

    def describe(self):
        """What it follows, as the resident reads it: 青禾镇 · 停水停电停气."""
        from townsquare.publishing.models import PolicyTopic

        if self.kind == Kind.COLUMN and self.column_id:
            return f"栏目：{self.column.title}"
        if self.kind == Kind.TOPIC:
            return f"政策主题：{PolicyTopic(self.topic).label if self.topic in PolicyTopic.values else self.topic}"
        place = self.unit.display_name if self.unit_id else "全县"
        if self.kind == Kind.UNIT:
            return f"{place}发布的信息"
        return f"{place} · {self.get_kind_display()}"


class Message(models.Model):
    """One piece of news to send (a publication, a warning, a digest, a confirmation request), written once."""

    class Purpose(models.TextChoices):
        CONFIRM = "confirm", "确认订阅"
        WELCOME = "welcome", "订阅成功"
        IMMEDIATE = "immediate", "新内容"
        URGENT = "urgent", "紧急通知"
        DIGEST = "digest", "汇总"

    key = models.CharField(max_length=120, unique=True)
    purpose = models.CharField("类型", max_length=10, choices=Purpose.choices)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    # What a WeChat message shows besides the subject: the publishing unit and the page it links to.
    source = models.CharField("发布单位", max_length=100, blank=True)
    url = models.CharField("链接", max_length=500, blank=True)
    created_at = models.DateTimeField("生成时间", default=timezone.now)

    class Meta:
        verbose_name = "订阅邮件"
        verbose_name_plural = "订阅邮件"

    def __str__(self):
        return self.subject


class Delivery(models.Model):
    """The delivery log: one message to one subscriber, with its attempts."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        SENDING = "sending", "发送中"
        SENT = "sent", "已发出"
        FAILED = "failed", "发送失败"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("上次错误", max_length=300, blank=True)
    queued_at = models.DateTimeField("排队时间", default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)
    claim = models.CharField(max_length=32, blank=True, editable=False)
    next_attempt_at = models.DateTimeField("下次尝试", null=True, blank=True)
    sent_at = models.DateTimeField("发出时间", null=True, blank=True)

    class Meta:
        verbose_name = "投递记录"
        verbose_name_plural = "投递记录"
        constraints = [models.UniqueConstraint(fields=["message", "subscriber"], name="delivery_once")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        return f"{self.message_id}→{self.subscriber_id}"


class DigestItem(models.Model):
    """Something a daily or weekly subscriber will find in the next digest (once per subscriber)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="digest_items")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    key = models.CharField(max_length=120)
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    summary = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    digest = models.ForeignKey("Digest", null=True, blank=True, on_delete=models.SET_NULL, related_name="items")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "key"], name="digest_item_once")]
        indexes = [models.Index(fields=["frequency", "digest"], name="digest_item_pending")]

    def __str__(self):
        return self.title


class Digest(models.Model):
    """One digest per subscriber and period: a second run for the same day or week finds this row."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="digests")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    period_start = models.DateField()
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "frequency", "period_start"], name="digest_once_per_period")
        ]

    def __str__(self):
        return f"{self.get_frequency_display()} {self.period_start}"
