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


def town_field():
    """The town or street something is in: optional, and left empty if the unit goes."""
    return models.ForeignKey(
        Unit,
        verbose_name="所在镇街",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=TOWN_CHOICES,
    )


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
    # A kind that runs over a period names its (start, end) fields, start None if it has only an end.
    # The end may not come before the start (a timed period must also last): ``period_error`` says so
    # at the end field. The listing expires at the end: a date counts its whole day, a time is exact.
    period_fields = ()
    period_error = ""

    title = models.CharField("标题", max_length=60)
    description = models.TextField("详细说明", blank=True, max_length=2000)
    town = town_field()
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

    # --- period and expiry --------------------------------------------------------------------

    @property
    def period(self):
        """(start, end) values of ``period_fields``; (None, None) for a kind without a period."""
        start_name, end_name = self.period_fields or (None, None)
        return (getattr(self, start_name) if start_name else None, getattr(self, end_name) if end_name else None)

    @property
    def period_is_timed(self):
        """Whether the period ends at a time (traffic, events) rather than on a day."""
        if not self.period_fields:
            return False
        return isinstance(self._meta.get_field(self.period_fields[1]), models.DateTimeField)

    def clean(self):
        super().clean()
        start, end = self.period
        if start and end and (end <= start if self.period_is_timed else end < start):
            raise ValidationError({self.period_fields[1]: self.period_error})

    def natural_expiry(self):
        """When the listing ends by itself: at its period's end, or LISTINGS_DEFAULT_DAYS after it came."""
        end = self.period[1]
        if self.period_is_timed:
            return end
        if end:
            return end_of_day(end)
        start = self.created_at or timezone.now()
        return start + datetime.timedelta(days=settings.LISTINGS_DEFAULT_DAYS)

    def save(self, *args, **kwargs):
        if self.period_is_timed:
            self.expires_at = self.period[1]  # a timed listing leaves every list when its period ends
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
