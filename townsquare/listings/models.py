"""Life-service listings (生活服务): jobs, rentals, education, traffic, culture and tourism, local offers.

Every listing shares one life cycle (``Listing``, abstract):

- A unit's staff post directly: the listing is approved at once and belongs to their unit.
- The public (employers, landlords, merchants) submit through a form: the listing waits
  for moderation (``pending``); staff approve it, reject it with a reason the submitter
  sees, or edit it. The submitter holds a management code (stored hashed) to renew the
  listing or take it down.
- Each listing has ``expires_at``; ``Listing.objects.live()`` (approved and not expired)
  is what every public list, detail page and home tile uses, so an expired listing leaves
  them by itself, without any job.

Directory entries (schools, attractions) have no expiry: they are kept by staff.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from townsquare.units.models import Unit

TOWN_CHOICES = {"kind__in": [Unit.Kind.TOWN, Unit.Kind.STREET]}
MANAGEMENT_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by people
MANAGEMENT_CODE_LENGTH = 10


def end_of_day(day):
    """The last moment of ``day`` in local time (a closing date counts the whole day)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def new_management_code():
    return "".join(secrets.choice(MANAGEMENT_CODE_ALPHABET) for _ in range(MANAGEMENT_CODE_LENGTH))


def normalize_management_code(code):
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


class Status(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已发布"
    REJECTED = "rejected", "未通过"
    TAKEN_DOWN = "taken_down", "已撤下"


class Source(models.TextChoices):
    UNIT = "unit", "单位发布"
    PUBLIC = "public", "群众提交"


class ListingQuerySet(models.QuerySet):
    def live(self, now=None):
        """Approved and not expired: what the public sees."""
        return self.filter(status=Status.APPROVED, expires_at__gt=now or timezone.now())

    def expired(self, now=None):
        return self.filter(status=Status.APPROVED, expires_at__lte=now or timezone.now())

    def pending(self):
        return self.filter(status=Status.PENDING)


class Listing(models.Model):
    """What every kind of listing has: who posted it, its moderation state, contact, expiry."""

    kind = ""  # set by each concrete model: "jobs", "rentals", ...
    kind_label = ""
    public_submission = False  # whether residents may submit this kind through the public form

    title = models.CharField("标题", max_length=60)
    description = models.TextField("详细说明", blank=True, max_length=2000)
    town = models.ForeignKey(
        Unit,
        verbose_name="所在镇街",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=TOWN_CHOICES,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="发布单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="单位发布的信息写明单位；群众提交的留空。",
    )
    source = models.CharField("来源", max_length=10, choices=Source.choices, default=Source.UNIT)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.APPROVED, db_index=True)
    contact_name = models.CharField("联系人", max_length=40, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    contact_email = models.EmailField("联系邮箱", blank=True)
    email_verified = models.BooleanField("邮箱已验证", default=False)
    verification_code_hash = models.CharField(max_length=128, blank=True, editable=False)
    verification_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    verification_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    management_code_hash = models.CharField(max_length=128, blank=True, editable=False)
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    moderation_reason = models.TextField(
        "未通过或撤下的原因", blank=True, max_length=500, help_text="提交人用管理码查看时能看到。"
    )
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField("提交时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    expires_at = models.DateTimeField("下架时间", null=True, blank=True, help_text="到这个时间自动从各列表撤下。")
    expiry_noted_at = models.DateTimeField("已标记过期", null=True, blank=True, editable=False)
    renewed_count = models.PositiveSmallIntegerField("续期次数", default=0, editable=False)

    objects = ListingQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.title

    # --- expiry -----------------------------------------------------------------------------

    def natural_expiry(self):
        """When this kind of listing ends by its own fields (closing date, end time ...); default: N days."""
        start = self.created_at or timezone.now()
        return start + datetime.timedelta(days=settings.LISTINGS_DEFAULT_DAYS)

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = self.natural_expiry()
        if self.status == Status.APPROVED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def is_live(self, now=None):
        return (
            self.status == Status.APPROVED and self.expires_at is not None and self.expires_at > (now or timezone.now())
        )

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    # --- public address ------------------------------------------------------------------------

    @property
    def reference(self):
        """The number a submitter quotes with the management code, e.g. ``jobs-12``."""
        return f"{self.kind}-{self.pk}"

    def get_absolute_url(self):
        return reverse(f"listings:{self.kind}_detail", args=[self.pk])

    # --- the submitter's management code and e-mail verification --------------------------------

    def set_management_code(self):
        code = new_management_code()
        self.management_code_hash = make_password(code)
        return code

    def check_management_code(self, code):
        code = normalize_management_code(code)
        return bool(code and self.management_code_hash) and check_password(code, self.management_code_hash)

    def set_verification_code(self):
        code = f"{secrets.randbelow(10**6):06d}"
        self.verification_code_hash = make_password(code)
        self.verification_sent_at = timezone.now()
        self.verification_attempts = 0
        return code

    # --- moderation ----------------------------------------------------------------------------

    def approve(self, user=None, now=None):
        now = now or timezone.now()
        self.status = Status.APPROVED
        self.moderation_reason = ""
        self.moderated_at, self.moderated_by = now, user
        if self.published_at is None:
            self.published_at = now
        self.save()

    def reject(self, reason, user=None, now=None):
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("请写明不通过的原因，提交人能看到它。")
        self.status = Status.REJECTED
        self.moderation_reason = reason
        self.moderated_at, self.moderated_by = now or timezone.now(), user
        self.save()

    def take_down(self, reason="", user=None, now=None):
        self.status = Status.TAKEN_DOWN
        self.moderation_reason = (reason or "").strip()
        self.moderated_at, self.moderated_by = now or timezone.now(), user
        self.save()

    def can_renew(self):
        return self.status in (Status.APPROVED, Status.PENDING)

    def renew(self, now=None):
        """Extend the listing by LISTINGS_RENEW_DAYS from now (or from its current end, if later)."""
        if not self.can_renew():
            raise ValidationError("这条信息已撤下或未通过审核，不能续期。")
        now = now or timezone.now()
        base = max(now, self.expires_at or now)
        self.expires_at = base + datetime.timedelta(days=settings.LISTINGS_RENEW_DAYS)
        self.expiry_noted_at = None
        self.renewed_count += 1
        self.on_renew()
        self.save()

    def on_renew(self):
        """Fields of this kind that move with the expiry (e.g. a job's closing date)."""

    # --- contact ---------------------------------------------------------------------------------

    def contact_lines(self):
        """(label, value, href) for the explicit per-listing reveal; never shown in lists or details."""
        lines = []
        if self.contact_name:
            lines.append(("联系人", self.contact_name, ""))
        if self.contact_phone:
            digits = "".join(ch for ch in self.contact_phone if ch.isdigit() or ch == "-")
            lines.append(("电话", self.contact_phone, f"tel:{digits.replace('-', '')}"))
        if self.contact_email:
            lines.append(("邮箱", self.contact_email, f"mailto:{self.contact_email}"))
        return lines

    @property
    def has_contact(self):
        return bool(self.contact_name or self.contact_phone or self.contact_email)

    @property
    def poster_label(self):
        if self.unit_id:
            return self.unit.display_name
        return "群众提交，已审核" if self.source == Source.PUBLIC else ""


# --- 招聘 jobs ---------------------------------------------------------------------------------------


class JobListing(Listing):
    kind, kind_label, public_submission = "jobs", "招聘", True

    class Kind(models.TextChoices):
        FULL_TIME = "full_time", "全职"
        PART_TIME = "part_time", "兼职"
        PUBLIC_POST = "public_post", "公益性岗位"

    class PayPeriod(models.TextChoices):
        MONTH = "month", "元/月"
        DAY = "day", "元/天"
        HOUR = "hour", "元/小时"

    employer = models.CharField("招聘单位", max_length=60)
    job_kind = models.CharField("岗位类型", max_length=12, choices=Kind.choices, default=Kind.FULL_TIME)
    pay_min = models.PositiveIntegerField("工资下限", validators=[MinValueValidator(0)])
    pay_max = models.PositiveIntegerField("工资上限", validators=[MinValueValidator(0)])
    pay_period = models.CharField("工资单位", max_length=6, choices=PayPeriod.choices, default=PayPeriod.MONTH)
    place = models.CharField("工作地点", max_length=80)
    openings = models.PositiveSmallIntegerField("招聘人数", default=1)
    requirements = models.TextField("任职要求", max_length=1000)
    closing_date = models.DateField("报名截止")

    class Meta(Listing.Meta):
        verbose_name = "招聘信息"
        verbose_name_plural = "招聘信息"

    def clean(self):
        if self.pay_min is not None and self.pay_max is not None and self.pay_min > self.pay_max:
            raise ValidationError({"pay_max": "工资上限不能低于下限。"})

    def natural_expiry(self):
        return end_of_day(self.closing_date) if self.closing_date else super().natural_expiry()

    def on_renew(self):
        self.closing_date = timezone.localtime(self.expires_at).date()

    @property
    def pay_text(self):
        unit = self.get_pay_period_display()
        if self.pay_min == self.pay_max:
            return f"{self.pay_min}{unit}"
        return f"{self.pay_min}–{self.pay_max}{unit}"


# --- 租房 rentals ------------------------------------------------------------------------------------


class RentalListing(Listing):
    kind, kind_label, public_submission = "rentals", "租房", True

    class Layout(models.TextChoices):
        ROOM = "room", "单间"
        ONE = "1", "一室"
        TWO = "2", "两室"
        THREE = "3", "三室"
        FOUR = "4", "四室及以上"
        SHOP = "shop", "商铺/门面"

    price = models.PositiveIntegerField("月租金（元）")
    area = models.DecimalField("面积（平方米）", max_digits=7, decimal_places=1, validators=[MinValueValidator(1)])
    layout = models.CharField("户型", max_length=6, choices=Layout.choices)
    community = models.CharField("小区/村组", max_length=60)
    address = models.CharField("具体位置", max_length=120, blank=True)
    available_from = models.DateField("可入住日期")

    class Meta(Listing.Meta):
        verbose_name = "租房信息"
        verbose_name_plural = "租房信息"


class RentalPhoto(models.Model):
    rental = models.ForeignKey(RentalListing, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField("照片", upload_to="listings/rentals/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "房源照片"
        verbose_name_plural = "房源照片"

    def __str__(self):
        return f"{self.rental_id} · {self.image.name}"


# --- 教育 education ----------------------------------------------------------------------------------


class School(models.Model):
    """The school directory (学校名录): kept by staff, no expiry."""

    class Kind(models.TextChoices):
        KINDERGARTEN = "kindergarten", "幼儿园"
        PRIMARY = "primary", "小学"
        JUNIOR = "junior", "初中"
        SENIOR = "senior", "高中"
        NINE_YEAR = "nine_year", "九年一贯制学校"
        VOCATIONAL = "vocational", "职业学校"
        SPECIAL = "special", "特殊教育学校"

    name = models.CharField("学校名称", max_length=60, unique=True)
    school_kind = models.CharField("学校类型", max_length=12, choices=Kind.choices)
    is_public = models.BooleanField("公办", default=True)
    town = models.ForeignKey(
        Unit,
        verbose_name="所在镇街",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=TOWN_CHOICES,
    )
    address = models.CharField("地址", max_length=120)
    catchment = models.TextField("学区（招生范围）", blank=True, max_length=1000, help_text="不清楚的留空。")
    phone = models.CharField("咨询电话", max_length=40, blank=True, help_text="学校的办公电话，会公开显示。")
    website = models.URLField("网址", blank=True)
    is_shown = models.BooleanField("公开显示", default=True)

    class Meta:
        verbose_name = "学校"
        verbose_name_plural = "学校名录"
        ordering = ["school_kind", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("listings:school_detail", args=[self.pk])


class EnrolmentNotice(Listing):
    kind, kind_label = "education", "招生"

    school = models.ForeignKey(School, verbose_name="学校", null=True, blank=True, on_delete=models.SET_NULL)
    school_kind = models.CharField("学段", max_length=12, choices=School.Kind.choices)
    starts_on = models.DateField("报名开始")
    ends_on = models.DateField("报名截止")
    place = models.CharField("报名地点或方式", max_length=120)

    class Meta(Listing.Meta):
        verbose_name = "招生公告"
        verbose_name_plural = "招生公告"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "报名截止不能早于报名开始。"})

    def natural_expiry(self):
        return end_of_day(self.ends_on) if self.ends_on else super().natural_expiry()

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on


# --- 交通 traffic -----------------------------------------------------------------------------------


class TrafficQuerySet(ListingQuerySet):
    def in_effect(self, now=None):
        now = now or timezone.now()
        return self.live(now).filter(starts_at__lte=now)


class TrafficNotice(Listing):
    kind, kind_label = "traffic", "交通"

    class Kind(models.TextChoices):
        CLOSURE = "closure", "封路"
        DETOUR = "detour", "绕行"
        BUS = "bus", "公交调整"

    notice_kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    place = models.CharField("路段或地点", max_length=120)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    advice = models.TextField("绕行建议", blank=True, max_length=500)

    objects = TrafficQuerySet.as_manager()

    class Meta(Listing.Meta):
        verbose_name = "交通信息"
        verbose_name_plural = "交通信息"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "结束时间要晚于开始时间。"})

    def natural_expiry(self):
        return self.ends_at

    def save(self, *args, **kwargs):
        self.expires_at = self.ends_at  # a notice leaves every list when it stops being in effect
        super().save(*args, **kwargs)

    def in_effect(self, now=None):
        now = now or timezone.now()
        return self.is_live(now) and self.starts_at <= now

    def on_renew(self):
        self.ends_at = self.expires_at


# --- 文旅 culture and tourism ------------------------------------------------------------------------


class Event(Listing):
    kind, kind_label = "culture", "文旅活动"

    class Category(models.TextChoices):
        SHOW = "show", "演出"
        EXHIBITION = "exhibition", "展览"
        FESTIVAL = "festival", "节庆"
        SPORT = "sport", "体育"
        TALK = "talk", "讲座"
        MARKET = "market", "集市"

    category = models.CharField("活动类型", max_length=12, choices=Category.choices)
    venue = models.CharField("地点", max_length=120)
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")
    price = models.CharField("票价", max_length=60, default="免费", help_text="如“免费”“30元，学生半价”。")
    booking_url = models.URLField("预约链接", blank=True)

    class Meta(Listing.Meta):
        verbose_name = "文旅活动"
        verbose_name_plural = "文旅活动"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "结束时间要晚于开始时间。"})

    def natural_expiry(self):
        return self.ends_at

    def save(self, *args, **kwargs):
        self.expires_at = self.ends_at
        super().save(*args, **kwargs)

    def on_renew(self):
        self.ends_at = self.expires_at

    @property
    def is_free(self):
        return self.price.strip() in ("", "免费")


class Attraction(models.Model):
    """Attractions (景点) with opening hours: kept by staff, no expiry."""

    name = models.CharField("景点名称", max_length=60, unique=True)
    town = models.ForeignKey(
        Unit,
        verbose_name="所在镇街",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=TOWN_CHOICES,
    )
    address = models.CharField("地址", max_length=120)
    opening_hours = models.CharField("开放时间", max_length=120)
    price = models.CharField("门票", max_length=60, default="免费")
    phone = models.CharField("咨询电话", max_length=40, blank=True, help_text="景区的公开电话。")
    description = models.TextField("介绍", blank=True, max_length=2000)
    is_shown = models.BooleanField("公开显示", default=True)

    class Meta:
        verbose_name = "景点"
        verbose_name_plural = "景点"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("listings:attraction_detail", args=[self.pk])


# --- 消费 local offers --------------------------------------------------------------------------------


class Offer(Listing):
    kind, kind_label, public_submission = "offers", "消费", True

    class Kind(models.TextChoices):
        OFFER = "offer", "商家优惠"
        VOUCHER = "voucher", "消费券"

    offer_kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.OFFER)
    merchant = models.CharField("商家或发放单位", max_length=60)
    address = models.CharField("地址", max_length=120, blank=True)
    valid_from = models.DateField("有效期开始")
    valid_until = models.DateField("有效期截止")
    conditions = models.TextField("使用条件", max_length=1000)

    class Meta(Listing.Meta):
        verbose_name = "优惠和消费券"
        verbose_name_plural = "优惠和消费券"

    def clean(self):
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": "有效期截止不能早于开始。"})

    def natural_expiry(self):
        return end_of_day(self.valid_until) if self.valid_until else super().natural_expiry()

    def on_renew(self):
        self.valid_until = timezone.localtime(self.expires_at).date()


LISTING_MODELS = {
    model.kind: model for model in (JobListing, RentalListing, EnrolmentNotice, TrafficNotice, Event, Offer)
}


def listing_model(kind):
    return LISTING_MODELS.get(kind)


# --- 举报 reports -------------------------------------------------------------------------------------


class Report(models.Model):
    """A resident's report of a listing (举报). Private: only staff see it."""

    class Reason(models.TextChoices):
        FALSE = "false", "信息虚假"
        FRAUD = "fraud", "涉嫌诈骗或收费"
        ILLEGAL = "illegal", "违法违规内容"
        GONE = "gone", "已招满、已租出或已结束"
        OTHER = "other", "其他"

    class State(models.TextChoices):
        OPEN = "open", "待处理"
        DISMISSED = "dismissed", "不予处理"
        ACTED = "acted", "已处理（信息已撤下）"

    listing_kind = models.CharField("信息类型", max_length=12)
    listing_id = models.PositiveBigIntegerField("信息编号")
    reason = models.CharField("举报原因", max_length=10, choices=Reason.choices)
    details = models.TextField("补充说明", blank=True, max_length=500)
    state = models.CharField("处理状态", max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    created_at = models.DateTimeField("举报时间", default=timezone.now)
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "举报"
        verbose_name_plural = "举报"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["listing_kind", "listing_id"])]

    def __str__(self):
        return f"{self.get_reason_display()}（{self.listing_kind}-{self.listing_id}）"

    @property
    def listing(self):
        model = listing_model(self.listing_kind)
        return model.objects.filter(pk=self.listing_id).first() if model else None
