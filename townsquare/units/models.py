"""Units (单位): the county, its towns and streets, departments and villages.

One platform serves them all (集约化); each unit owns a section of the page tree
and its staff work in it with one of three roles.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import models, transaction

# 统一社会信用代码 (GB 32100-2015): 18 characters from this alphabet, the last a check character.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# 组织机构代码 (GB 11714-1997): 8 digits or capital letters, then a check character (0-9 or X).
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def credit_code_check(first17):
    """The check character of a 统一社会信用代码 whose first 17 characters are ``first17``."""
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def org_code_check(first8):
    """The check character of a 组织机构代码 whose first 8 characters are ``first8``."""
    total = sum(int(c, 36) * w for c, w in zip(first8, ORG_CODE_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def validate_organization_code(value):
    """A 统一社会信用代码 (18 characters) or a 组织机构代码 (9, written with or without the hyphen)."""
    code = value.strip().upper()
    if len(code) == 18:
        if any(c not in CREDIT_CODE_ALPHABET for c in code):
            raise ValidationError("统一社会信用代码只含数字和大写字母（不含 I、O、Z、S、V），请核对。")
        if credit_code_check(code[:17]) != code[17]:
            raise ValidationError("统一社会信用代码的最后一位（校验码）不对，请逐位核对。")
        return
    plain = code.replace("-", "")
    if len(plain) == 9 and plain[:8].isalnum() and plain[:8].isascii():
        if org_code_check(plain[:8]) != plain[8]:
            raise ValidationError("组织机构代码的最后一位（校验码）不对，请逐位核对。")
        return
    raise ValidationError("请填写18位统一社会信用代码，或9位组织机构代码（如 12345678-9）。")


def is_area(geometry):
    """Whether ``geometry`` is a GeoJSON Polygon or MultiPolygon whose rings are lists of [longitude, latitude]."""
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return False
    polygons = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    try:
        return bool(polygons) and all(
            len(ring) >= 4 and all(-180 <= lng <= 180 and -90 <= lat <= 90 for lng, lat in ring)
            for polygon in polygons
            for ring in polygon
        )
    except (TypeError, ValueError):
        return False


class Unit(models.Model):
    class Kind(models.TextChoices):
        COUNTY = "county", "县（区）政府"
        TOWN = "town", "镇"
        STREET = "street", "街道"
        DEPARTMENT = "department", "部门"
        VILLAGE = "village", "村（社区）"

    name = models.CharField("单位名称", max_length=60, unique=True)
    short_name = models.CharField("简称", max_length=20, blank=True, help_text="如“青禾镇”，用于切换器和标签。")
    slug = models.SlugField("网址名", max_length=60, unique=True)
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_media_center = models.BooleanField(
        "县融媒体中心", default=False, help_text="勾选后，本单位的审核人和负责人承担全县内容的终审。"
    )
    description = models.TextField("简介", blank=True)
    address = models.CharField("办公地址", max_length=120, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=80, blank=True)
    organization_code = models.CharField(
        "机构代码",
        max_length=20,
        blank=True,
        validators=[validate_organization_code],
        help_text="18位统一社会信用代码或9位组织机构代码；政府信息公开目录的索引号以它开头。",
    )
    responsible_person = models.CharField("负责人", max_length=40, blank=True)
    responsible_title = models.CharField("负责人职务", max_length=40, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)
    boundary = models.JSONField(
        "辖区范围",
        null=True,
        blank=True,
        help_text="镇（街道）的辖区，GeoJSON 多边形（Polygon 或 MultiPolygon，经度在前）。"
        "留言地图没有底图时画出各镇街的范围，居民也能看清留言在哪个镇。",
    )

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name

    def clean(self):
        super().clean()
        self.organization_code = self.organization_code.strip().upper()
        if self.boundary not in (None, "") and not is_area(self.boundary):
            raise ValidationError(
                {"boundary": '辖区范围要是 GeoJSON 的 Polygon 或 MultiPolygon，经度在前，如 {"type": "Polygon", ...}。'}
            )

    @property
    def index_prefix(self):
        """What a 索引号 of this unit starts with: its 机构代码, else its URL name (until the code is entered)."""
        return self.organization_code or self.slug.upper()

    @property
    def is_town_level(self):
        return self.kind in (self.Kind.TOWN, self.Kind.STREET)

    def ancestors(self):
        """This unit's parents, nearest first."""
        chain, unit = [], self.parent
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return chain

    def group_for(self, role):
        """The Wagtail group that holds this unit's staff in ``role`` (created on demand)."""
        group, _ = Group.objects.get_or_create(name=f"{self.name}·{Role(role).label}")
        return group


class Role(models.TextChoices):
    EDITOR = "editor", "编辑"
    REVIEWER = "reviewer", "审核"
    HEAD = "head", "负责人"


FINAL_REVIEW_GROUP = "县融媒体中心·终审"


def final_review_group():
    group, _ = Group.objects.get_or_create(name=FINAL_REVIEW_GROUP)
    return group


class Membership(models.Model):
    """A staff member's role in a unit; keeps their Wagtail groups in step."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="人员", on_delete=models.CASCADE, related_name="unit_memberships"
    )
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "人员角色"
        verbose_name_plural = "人员角色"
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} · {self.unit} · {self.get_role_display()}"

    def groups(self):
        groups = [self.unit.group_for(self.role)]
        if self.unit.is_media_center and self.role in (Role.REVIEWER, Role.HEAD):
            groups.append(final_review_group())
        return groups

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            sync_user_groups(self.user)

    def delete(self, *args, **kwargs):
        user = self.user
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            sync_user_groups(user)
        return result


def managed_group_names():
    names = {FINAL_REVIEW_GROUP}
    for unit_name in Unit.objects.values_list("name", flat=True):
        names.update(f"{unit_name}·{role.label}" for role in Role)
    return names


def sync_user_groups(user):
    """Make the user's unit groups exactly those their memberships imply; other groups stay."""
    wanted = {group for membership in user.unit_memberships.select_related("unit") for group in membership.groups()}
    managed = managed_group_names()
    current = {group for group in user.groups.all() if group.name in managed}
    user.groups.remove(*(current - wanted))
    user.groups.add(*(wanted - current))
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for group in wanted:
        group.permissions.add(access_admin)
