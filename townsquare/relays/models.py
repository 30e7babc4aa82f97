"""What the relays keep: a 公众号's connection, each article synced to it, webhooks and their deliveries."""

import uuid

from django.db import models
from django.utils import timezone

from townsquare.channels.models import Channel

from .secrets import SealedSecretMixin


class WechatAccount(SealedSecretMixin, models.Model):
    """The AppID and sealed AppSecret of a WeChat channel (the county's main account may use settings instead)."""

    channel = models.OneToOneField(
        Channel, verbose_name="渠道", on_delete=models.CASCADE, related_name="wechat_account"
    )
    app_id = models.CharField("AppID", max_length=40, blank=True)
    secret_sealed = models.TextField(blank=True, editable=False)
    is_demo = models.BooleanField("演示账号", default=False, help_text="演示账号不连接真实公众号，同步记录只是示例。")
    checked_at = models.DateTimeField("最近测试", null=True, blank=True)
    check_ok = models.BooleanField("测试结果", null=True)
    check_message = models.CharField("测试说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "公众号接入"
        verbose_name_plural = "公众号接入"

    def __str__(self):
        return f"{self.channel}（{self.app_id or '未设置 AppID'}）"

    @property
    def has_secret(self):
        return bool(self.secret_sealed)


class WechatPublication(models.Model):
    """One revision of a page sent to one 公众号: uploaded, drafted, submitted, then published or failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队"
        UPLOADING = "uploading", "上传中"
        SUBMITTED = "submitted", "已提交"
        PUBLISHED = "published", "已发布"
        FAILED = "failed", "失败"

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="wechat_publications"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name="版本", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.ForeignKey(
        Channel, verbose_name="公众号", on_delete=models.CASCADE, related_name="wechat_publications"
    )
    title = models.CharField("标题", max_length=255)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.QUEUED)
    media_id = models.CharField("草稿 media_id", max_length=128, blank=True)
    publish_id = models.CharField("发布任务 ID", max_length=64, blank=True)
    article_url = models.URLField("公众号文章链接", max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    last_error = models.CharField("最近的错误", max_length=500, blank=True)
    next_attempt_at = models.DateTimeField("下次处理", null=True, blank=True)
    created_at = models.DateTimeField("加入时间", default=timezone.now)
    updated_at = models.DateTimeField("更新时间", default=timezone.now)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    class Meta:
        verbose_name = "公众号同步"
        verbose_name_plural = "公众号同步"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "revision", "channel"], name="relays_one_sync_per_revision")
        ]

    def __str__(self):
        return f"{self.title} → {self.channel}（{self.get_status_display()}）"

    @property
    def may_retry(self):
        return self.status == self.Status.FAILED


class Webhook(SealedSecretMixin, models.Model):
    """A channel's relay to another tool (微博, 抖音 tools, a province platform): signed POSTs of page events."""

    class Event(models.TextChoices):
        PUBLISHED = "page.published", "新发布"
        UPDATED = "page.updated", "更新"
        UNPUBLISHED = "page.unpublished", "撤下"

    channel = models.ForeignKey(Channel, verbose_name="渠道", on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField("接收地址", max_length=500)
    secret_sealed = models.TextField(blank=True, editable=False)
    events = models.CharField("推送哪些事件", max_length=200, default="page.published,page.updated,page.unpublished")
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("添加时间", default=timezone.now)

    class Meta:
        verbose_name = "推送地址"
        verbose_name_plural = "推送地址"
        ordering = ["channel", "pk"]

    def __str__(self):
        return self.url

    @property
    def event_list(self):
        return [event for event in self.events.split(",") if event]

    def event_labels(self):
        return "、".join(self.Event(event).label for event in self.event_list if event in self.Event.values)


class WebhookDelivery(models.Model):
    """One event sent to one webhook: the exact body, and how each attempt went."""

    class Status(models.TextChoices):
        PENDING = "pending", "待发送"
        DELIVERED = "delivered", "已送达"
        FAILED = "failed", "失败"

    webhook = models.ForeignKey(Webhook, verbose_name="推送地址", on_delete=models.CASCADE, related_name="deliveries")
    delivery_id = models.UUIDField("投递编号", default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField("事件", max_length=40, choices=Webhook.Event.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="页面", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField("内容（JSON）")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    status_code = models.PositiveSmallIntegerField("HTTP 状态码", null=True, blank=True)
    response_snippet = models.CharField("返回内容（节选）", max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField("耗时（毫秒）", null=True, blank=True)
    last_error = models.CharField("最近的错误", max_length=300, blank=True)
    next_attempt_at = models.DateTimeField("下次发送", null=True, blank=True)
    created_at = models.DateTimeField("产生时间", default=timezone.now)
    delivered_at = models.DateTimeField("送达时间", null=True, blank=True)

    class Meta:
        verbose_name = "推送记录"
        verbose_name_plural = "推送记录"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_event_display()} → {self.webhook}（{self.get_status_display()}）"
