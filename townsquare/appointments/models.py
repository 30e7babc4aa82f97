"""预约办理: windows, bookable services with their hours, single-day exceptions, slots, bookings.

Slots are stored rows (one per service, day and start time) with a capacity and a
booked count; booking takes a place with one conditional UPDATE (``booked < capacity``)
in the same transaction as the booking row, so a slot is never overbooked
(see ``booking.py``). Slots are generated ahead from the rules (``slots.py``) and kept
when rules change while they hold bookings.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from townsquare.units.models import Unit

from .hours import describe_weekdays, format_hours, parse_hours


# Field defaults read when a service is created (not frozen into the migration, which names these functions).
def default_max_per_phone():
    return settings.APPOINTMENT_MAX_PER_PHONE_PER_DAY


def default_days_ahead():
    return settings.APPOINTMENT_DAYS_AHEAD


class Window(models.Model):
    """办理窗口: where residents are served, belonging to a unit."""

    unit = models.ForeignKey(Unit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="service_windows")
    name = models.CharField("窗口名称", max_length=60, help_text="如：社保医保窗口（3号）。")
    place = models.CharField("地点", max_length=120, help_text="群众按这个找过来，如：青禾镇便民服务中心一楼3号窗口。")
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "办理窗口"
        verbose_name_plural = "办理窗口"
        ordering = ["unit__sort_order", "sort_order", "id"]

    def __str__(self):
        return f"{self.unit.display_name} · {self.name}"


class BookableService(models.Model):
    """One service guide bookable at one window, with its hours and places per slot."""

    guide = models.ForeignKey(
        "services.ServiceGuidePage", verbose_name="办事指南", on_delete=models.CASCADE, related_name="bookable_services"
    )
    window = models.ForeignKey(Window, verbose_name="办理窗口", on_delete=models.PROTECT, related_name="services")
    slot_minutes = models.PositiveSmallIntegerField("每个时段（分钟）", default=30)
    capacity = models.PositiveSmallIntegerField("每个时段可约人数", default=2)
    weekdays = models.CharField(
        "每周哪几天", max_length=7, default="12345", help_text="填数字，1 是周一，7 是周日。如 12345 为周一至周五。"
    )
    hours = models.CharField(
        "办理时段", max_length=120, default="09:00-11:30 14:00-17:00", help_text="如 09:00-11:30 14:00-17:00。"
    )
    open_on_makeup_days = models.BooleanField(
        "调休上班日开放", default=True, help_text="周末调休上班的日子按上面的时段开放预约。"
    )
    days_ahead = models.PositiveSmallIntegerField("可提前几天预约", default=default_days_ahead)
    max_per_phone_per_day = models.PositiveSmallIntegerField(
        "同一手机号每天最多预约", default=default_max_per_phone, help_text="防止占号。"
    )
    notes = models.CharField("预约须知", max_length=300, blank=True, help_text="如：请带身份证原件，提前10分钟到。")
    active = models.BooleanField("开放预约", default=True)
    slots_until = models.DateField("已生成时段到", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "可预约事项"
        verbose_name_plural = "可预约事项"
        ordering = ["window__unit__sort_order", "window__sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["guide", "window"], name="appointments_one_service_per_window")]

    def __str__(self):
        return f"{self.title}（{self.window.name}）"

    @property
    def title(self):
        return self.guide.title

    @property
    def unit(self):
        return self.window.unit

    def hour_ranges(self):
        return parse_hours(self.hours)

    def describe_schedule(self):
        return f"{describe_weekdays(self.weekdays)} {format_hours(self.hour_ranges())}"

    def clean(self):
        errors = {}
        try:
            parse_hours(self.hours)
        except ValidationError as error:
            errors["hours"] = error.messages
        if not any(ch in "1234567" for ch in self.weekdays or ""):
            errors["weekdays"] = ["至少填一天，如 12345。"]
        elif any(ch not in "1234567" for ch in self.weekdays):
            errors["weekdays"] = ["只能填 1 到 7 的数字，1 是周一，7 是周日。"]
        if not self.slot_minutes or self.slot_minutes < 5 or self.slot_minutes > 240:
            errors["slot_minutes"] = ["每个时段要在 5 到 240 分钟之间。"]
        if not self.capacity:
            errors["capacity"] = ["每个时段至少可约 1 人；暂停预约请取消勾选“开放预约”。"]
        if not self.days_ahead or self.days_ahead > 90:
            errors["days_ahead"] = ["可提前 1 到 90 天预约。"]
        if not self.max_per_phone_per_day:
            errors["max_per_phone_per_day"] = ["至少为 1。"]
        if errors:
            raise ValidationError(errors)


class DayException(models.Model):
    """A single day that differs from the rules: closed, or other hours or places."""

    service = models.ForeignKey(
        BookableService, verbose_name="可预约事项", on_delete=models.CASCADE, related_name="exceptions"
    )
    day = models.DateField("日期")
    closed = models.BooleanField("当天不开放", default=False)
    hours = models.CharField("当天办理时段", max_length=120, blank=True, help_text="不填则按平时的时段。")
    capacity = models.PositiveSmallIntegerField("当天每个时段可约人数", null=True, blank=True)
    note = models.CharField("说明", max_length=100, blank=True, help_text="如：系统升级，暂停办理。")

    class Meta:
        verbose_name = "单日调整"
        verbose_name_plural = "单日调整"
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["service", "day"], name="appointments_one_exception_per_day")]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {'不开放' if self.closed else '调整时段'}"

    def clean(self):
        if self.closed:
            return
        if not self.hours and self.capacity is None:
            raise ValidationError("请勾选“当天不开放”，或填写当天的时段或人数。")
        if self.hours:
            try:
                parse_hours(self.hours)
            except ValidationError as error:
                raise ValidationError({"hours": error.messages}) from error
        if self.capacity == 0:
            raise ValidationError({"capacity": ["至少为 1；不开放请勾选“当天不开放”。"]})


class Slot(models.Model):
    """A bookable time on a day. ``booked`` never exceeds ``capacity`` through booking (a database check)."""

    service = models.ForeignKey(BookableService, on_delete=models.CASCADE, related_name="slots")
    day = models.DateField("日期")
    start = models.TimeField("开始")
    end = models.TimeField("结束")
    capacity = models.PositiveSmallIntegerField("可约人数")
    booked = models.PositiveSmallIntegerField("已约人数", default=0)
    # The rules no longer offer this time, but bookings hold it: kept for them, closed to new ones.
    withdrawn = models.BooleanField("已停止预约", default=False)

    class Meta:
        verbose_name = "预约时段"
        verbose_name_plural = "预约时段"
        ordering = ["day", "start"]
        constraints = [
            models.UniqueConstraint(fields=["service", "day", "start"], name="appointments_one_slot_per_time"),
            models.CheckConstraint(condition=Q(booked__gte=0), name="appointments_booked_not_negative"),
        ]
        indexes = [models.Index(fields=["service", "day"])]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.start:%H:%M}-{self.end:%H:%M}"

    @property
    def remaining(self):
        return max(self.capacity - self.booked, 0)

    def starts_at(self):
        return timezone.make_aware(timezone.datetime.combine(self.day, self.start))

    def ends_at(self):
        return timezone.make_aware(timezone.datetime.combine(self.day, self.end))


# Codes: no 0/O, 1/I/L, so that they can be read out on the phone. 31^8 ≈ 8.5e11 codes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8


def new_booking_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """What a resident typed ("abcd-efgh ", "ABCD EFGH") as the stored code, or ""."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch not in " -－—_")
    if len(cleaned) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in cleaned):
        return ""
    return cleaned


class Booking(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", "已预约"
        CANCELLED = "cancelled", "已取消"
        CHECKED_IN = "checked_in", "已到场"
        NO_SHOW = "no_show", "未到场"

    code = models.CharField("预约码", max_length=12, unique=True, default=new_booking_code)
    service = models.ForeignKey(BookableService, verbose_name="事项", on_delete=models.PROTECT, related_name="bookings")
    slot = models.ForeignKey(Slot, verbose_name="时段", on_delete=models.PROTECT, related_name="bookings")
    name = models.CharField("姓名", max_length=40)
    phone = models.CharField("手机号", max_length=11, db_index=True)
    email = models.EmailField("电子邮箱", blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.BOOKED, db_index=True)
    created_at = models.DateTimeField("预约时间", default=timezone.now)
    changed_at = models.DateTimeField("最近变更", default=timezone.now)
    moved_count = models.PositiveSmallIntegerField("改约次数", default=0)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人员",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # One form submission = one booking, however often it is sent (double click, refresh).
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = "预约"
        verbose_name_plural = "预约"
        ordering = ["slot__day", "slot__start", "created_at"]
        indexes = [models.Index(fields=["service", "phone", "status"])]

    def __str__(self):
        return f"{self.code} {self.slot}"

    @property
    def display_code(self):
        return f"{self.code[:4]}-{self.code[4:]}"

    @property
    def is_active(self):
        return self.status == self.Status.BOOKED

    @property
    def can_change(self):
        """Cancel or move: only while booked and before the slot starts."""
        return self.status == self.Status.BOOKED and self.slot.starts_at() > timezone.now()


ACTIVE_STATUSES = (Booking.Status.BOOKED, Booking.Status.CHECKED_IN)


class Notification(models.Model):
    """A reminder (or other message) to a resident: sent by e-mail, or recorded for staff to pass on."""

    class Channel(models.TextChoices):
        EMAIL = "email", "电子邮件"
        RECORD = "record", "通知记录（请窗口电话告知）"

    class Kind(models.TextChoices):
        REMINDER = "reminder", "预约提醒"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notifications")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices, default=Kind.REMINDER)
    channel = models.CharField("方式", max_length=20, choices=Channel.choices)
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    error = models.CharField("发送错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "预约通知"
        verbose_name_plural = "预约通知"
        ordering = ["-created_at"]
        # Never twice: one reminder per booking and slot (a moved booking is reminded of its new time).
        constraints = [models.UniqueConstraint(fields=["booking", "slot", "kind"], name="appointments_notify_once")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.booking.code}"


class EmailCode(models.Model):
    """A one-time code sent to a booking's e-mail address, to open that booking without the phone's digits.

    Only a keyed hash of the six digits is stored (``email_codes.digest``); a code opens once, until ``expires_at``.
    """

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="email_codes")
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "邮箱验证码"
        verbose_name_plural = "邮箱验证码"
        indexes = [models.Index(fields=["booking", "digest"])]

    def __str__(self):
        return f"{self.booking.code} {self.created_at:%Y-%m-%d %H:%M}"
