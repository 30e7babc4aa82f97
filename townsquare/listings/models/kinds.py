"""The kinds of listing (招聘、租房、招生、交通、文旅、消费) and the directories beside them (学校、景点)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from .base import Listing, ListingQuerySet, town_field

# --- 招聘 jobs ---------------------------------------------------------------------------------------


class JobListing(Listing):
    kind, kind_label, public_submission = "jobs", "招聘", True
    period_fields = (None, "closing_date")

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
        super().clean()
        if self.pay_min is not None and self.pay_max is not None and self.pay_min > self.pay_max:
            raise ValidationError({"pay_max": "工资上限不能低于下限。"})

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
    town = town_field()
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
    period_fields, period_error = ("starts_on", "ends_on"), "报名截止不能早于报名开始。"

    school = models.ForeignKey(School, verbose_name="学校", null=True, blank=True, on_delete=models.SET_NULL)
    school_kind = models.CharField("学段", max_length=12, choices=School.Kind.choices)
    starts_on = models.DateField("报名开始")
    ends_on = models.DateField("报名截止")
    place = models.CharField("报名地点或方式", max_length=120)

    class Meta(Listing.Meta):
        verbose_name = "招生公告"
        verbose_name_plural = "招生公告"

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
    period_fields, period_error = ("starts_at", "ends_at"), "结束时间要晚于开始时间。"

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

    def in_effect(self, now=None):
        now = now or timezone.now()
        return self.is_live(now) and self.starts_at <= now

    def on_renew(self):
        self.ends_at = self.expires_at


# --- 文旅 culture and tourism ------------------------------------------------------------------------


class Event(Listing):
    kind, kind_label = "culture", "文旅活动"
    period_fields, period_error = ("starts_at", "ends_at"), "结束时间要晚于开始时间。"

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

    def on_renew(self):
        self.ends_at = self.expires_at

    @property
    def is_free(self):
        return self.price.strip() in ("", "免费")


class Attraction(models.Model):
    """Attractions (景点) with opening hours: kept by staff, no expiry."""

    name = models.CharField("景点名称", max_length=60, unique=True)
    town = town_field()
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
    period_fields, period_error = ("valid_from", "valid_until"), "有效期截止不能早于开始。"

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

    def on_renew(self):
        self.valid_until = timezone.localtime(self.expires_at).date()


LISTING_MODELS = {
    model.kind: model for model in (JobListing, RentalListing, EnrolmentNotice, TrafficNotice, Event, Offer)
}


def listing_model(kind):
    return LISTING_MODELS.get(kind)
