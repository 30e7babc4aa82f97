"""The registry of every channel a unit speaks through: the platform's own sections and external accounts."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from townsquare.units.models import Unit


def local_today(now=None):
    return timezone.localdate(now or timezone.now())


class ChannelQuerySet(models.QuerySet):
    def external(self):
        return self.exclude(kind=Channel.Kind.PLATFORM)

    def platform(self):
        return self.filter(kind=Channel.Kind.PLATFORM)

    def open(self):
        """Not closed: active or suspended."""
        return self.exclude(status=Channel.Status.CLOSED)

    def with_last_seen(self):
        """Annotate ``last_seen``: the last update, else the opening date, else the day it was registered."""
        return self.annotate(last_seen=Coalesce("last_update_on", "opened_on", TruncDate("created_at")))

    def zombies(self, today=None):
        """External, active accounts whose last update is more than CHANNEL_ZOMBIE_DAYS days before ``today``."""
        cutoff = (today or local_today()) - datetime.timedelta(days=settings.CHANNEL_ZOMBIE_DAYS)
        return self.external().filter(status=Channel.Status.ACTIVE).with_last_seen().filter(last_seen__lt=cutoff)

    def not_zombies(self, today=None):
        return self.exclude(pk__in=self.zombies(today).values("pk"))


class Channel(models.Model):
    class Kind(models.TextChoices):
        PLATFORM = "platform", "本平台栏目"
        WECHAT = "wechat", "微信公众号"
        WEIBO = "weibo", "微博"
        DOUYIN = "douyin", "抖音"
        APP = "app", "移动客户端"
        MINIPROGRAM = "miniprogram", "小程序"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        ACTIVE = "active", "运营中"
        SUSPENDED = "suspended", "停更"
        CLOSED = "closed", "已注销"

    unit = models.ForeignKey(Unit, verbose_name="主办单位", on_delete=models.PROTECT, related_name="channels")
    kind = models.CharField("平台", max_length=20, choices=Kind.choices)
    name = models.CharField("账号名称", max_length=80)
    account_id = models.CharField("账号 ID", max_length=120, blank=True, help_text="如公众号原始 ID gh_…、微博 UID。")
    responsible_person = models.CharField("负责人", max_length=40, blank=True)
    opened_on = models.DateField("开设日期", null=True, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.ACTIVE)
    # A platform section is its page; an external account's last update is entered or reported by the unit.
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="对应栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_update_on = models.DateField("最近更新日期", null=True, blank=True)
    continues_at = models.CharField(
        "服务转至", max_length=200, blank=True, help_text="停更或注销后，居民到哪里继续办事、看信息。"
    )
    suspension_notice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="停更公告",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    archive_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="归档内容",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_on = models.DateField("注销日期", null=True, blank=True)
    suspended_on = models.DateField("停更日期", null=True, blank=True)
    continues_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="服务转至栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="可选：本平台上接替这个账号的栏目或页面，公开页面会给出链接。",
    )
    created_at = models.DateTimeField("登记时间", default=timezone.now)

    objects = ChannelQuerySet.as_manager()

    class Meta:
        verbose_name = "渠道"
        verbose_name_plural = "渠道"
        ordering = ["unit__sort_order", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "account_id"],
                condition=~models.Q(account_id=""),
                name="channel_unique_account_per_platform",
                violation_error_message="同一平台上已经登记过这个账号 ID，请检查是否重复登记。",
            )
        ]

    def __str__(self):
        return f"{self.name}（{self.get_kind_display()}）"

    @property
    def is_external(self):
        return self.kind != self.Kind.PLATFORM

    @property
    def last_seen(self):
        """The date the zombie rule counts from: last update, else opening, else registration."""
        if "last_seen" in self.__dict__:
            return self.__dict__["last_seen"]
        return self.last_update_on or self.opened_on or timezone.localdate(self.created_at)

    @last_seen.setter
    def last_seen(self, value):
        self.__dict__["last_seen"] = value

    def days_without_update(self, today=None):
        return ((today or local_today()) - self.last_seen).days

    def is_zombie(self, today=None):
        """僵尸账号: an external, active account not updated for more than CHANNEL_ZOMBIE_DAYS days."""
        return (
            self.is_external
            and self.status == self.Status.ACTIVE
            and self.days_without_update(today) > settings.CHANNEL_ZOMBIE_DAYS
        )

    @property
    def is_stopped(self):
        return self.status in (self.Status.SUSPENDED, self.Status.CLOSED)

    @property
    def kind_word(self):
        """How residents call this kind of account in a sentence: 公众号, 微博, 抖音号…"""
        return KIND_WORDS.get(self.kind, "账号")

    @property
    def continues_url(self):
        """Where to go instead, as a link: the chosen page, else ``continues_at`` if it is itself an address."""
        if self.continues_page_id and self.continues_page is not None:
            return self.continues_page.url
        text = self.continues_at.strip()
        if text.startswith(("/", "http://", "https://")) and " " not in text:
            return text
        return ""

    @property
    def stopped_on(self):
        """The day the account stopped updating: the day it was suspended, else the day it was closed."""
        return self.suspended_on or self.closed_on


KIND_WORDS = {
    Channel.Kind.PLATFORM: "栏目",
    Channel.Kind.WECHAT: "公众号",
    Channel.Kind.WEIBO: "微博",
    Channel.Kind.DOUYIN: "抖音号",
    Channel.Kind.APP: "客户端",
    Channel.Kind.MINIPROGRAM: "小程序",
    Channel.Kind.OTHER: "账号",
}


class ChannelEvent(models.Model):
    """One lifecycle step (备案, 变更, 停更, 注销, 并入平台): who, when, what."""

    class Action(models.TextChoices):
        REGISTER = "register", "备案"
        CHANGE = "change", "变更"
        SUSPEND = "suspend", "停更"
        CLOSE = "close", "注销"
        MERGE = "merge", "并入平台"
        REPORT_UPDATE = "report_update", "报送更新"

    channel = models.ForeignKey(Channel, verbose_name="渠道", on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField("时间", default=timezone.now)
    detail = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "渠道变更记录"
        verbose_name_plural = "渠道变更记录"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.channel} {self.get_action_display()}"
