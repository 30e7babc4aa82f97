"""Residents' requests (我要留言 / 接诉即办): what was asked, who handles it, by when.

The lifecycle rules (what may happen in which state, how deadlines move) live in
``handling.py``; deadline arithmetic in ``deadlines.py``. Models hold the facts.
"""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from townsquare.core.privatefiles import private_storage
from townsquare.core.tracking import QueryPasswordMixin, new_tracking_number
from townsquare.units.models import Unit


class RequestType(models.TextChoices):
    CONSULT = "consult", "咨询"
    SUGGEST = "suggest", "建议"
    COMPLAIN = "complain", "投诉"
    HELP = "help", "求助"
    REPORT = "report", "举报"


class Status(models.TextChoices):
    SUBMITTED = "submitted", "待受理"
    ACCEPTED = "accepted", "办理中"
    WAITING = "waiting", "待补充材料"
    ANSWERED = "answered", "已答复"
    DECLINED = "declined", "不予受理"
    MERGED = "merged", "已并案"


OPEN_STATUSES = (Status.SUBMITTED, Status.ACCEPTED, Status.WAITING)


class Category(models.Model):
    """A kind of matter residents raise; the county maps each to the unit responsible for it."""

    ROUTING_LABELS = [
        ("城乡建设", "城乡建设"),
        ("环境保护", "环境保护"),
        ("交通运输", "交通运输"),
        ("教育文体", "教育文体"),
        ("劳动和社会保障", "劳动和社会保障"),
        ("商贸旅游", "商贸旅游"),
        ("卫生计生", "卫生计生"),
    ]

    code = models.SlugField("编码", max_length=40, unique=True, help_text="对外接口中的 service_code。")
    name = models.CharField("名称", max_length=40)
    description = models.CharField("说明", max_length=200, blank=True)
    unit = models.ForeignKey(Unit, verbose_name="责任单位", on_delete=models.PROTECT, related_name="request_categories")
    routing_label = models.CharField(
        "分拨大类", max_length=20, choices=ROUTING_LABELS, blank=True, help_text="智能分拨识别出这一类时，建议本分类。"
    )
    keywords = models.CharField("关键词", max_length=200, blank=True, help_text="用空格分隔。")
    active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "留言分类"
        verbose_name_plural = "留言分类"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class DeadlinePolicy(models.Model):
    """Working days allowed for accepting and for answering one type of request."""

    request_type = models.CharField("留言类型", max_length=20, choices=RequestType.choices, unique=True)
    accept_within = models.PositiveSmallIntegerField("受理时限（工作日）", default=1)
    answer_within = models.PositiveSmallIntegerField("答复时限（工作日）")

    class Meta:
        verbose_name = "办理时限"
        verbose_name_plural = "办理时限"
        ordering = ["request_type"]

    def __str__(self):
        return f"{self.get_request_type_display()}：{self.accept_within}个工作日受理，{self.answer_within}个工作日答复"


class ResidentRequest(QueryPasswordMixin, models.Model):
    tracking_number = models.CharField("受理编号", max_length=20, unique=True, default=new_tracking_number)
    query_password_hash = models.CharField(max_length=128, blank=True)
    # One submission = one request, however often the form is sent (double click, refresh, resend).
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    request_type = models.CharField("类型", max_length=20, choices=RequestType.choices)
    category = models.ForeignKey(Category, verbose_name="分类", on_delete=models.PROTECT, related_name="requests")
    unit = models.ForeignKey(Unit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="resident_requests")
    title = models.CharField("标题", max_length=60)
    details = models.TextField("内容", max_length=4000)
    address = models.CharField("地点", max_length=200, blank=True)
    lat = models.DecimalField("纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField("经度", max_digits=9, decimal_places=6, null=True, blank=True)

    contact_name = models.CharField("姓名", max_length=40)
    contact_phone = models.CharField("手机号", max_length=20, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    is_public = models.BooleanField("同意公开", default=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="resident_requests"
    )
    channel = models.CharField("来源渠道", max_length=20, default="web")
    # The Open311 key that filed it: that client may read it back before a unit accepts it.
    api_key = models.ForeignKey(
        "ApiKey", verbose_name="提交所用接口密钥", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    received_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    accept_due = models.DateTimeField("受理期限")
    answer_due = models.DateTimeField("答复期限", db_index=True)
    accepted_at = models.DateTimeField("受理时间", null=True, blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    paused_at = models.DateTimeField("暂停计时于", null=True, blank=True)
    paused_working_days = models.PositiveSmallIntegerField("累计暂停（工作日）", default=0)
    extension_working_days = models.PositiveSmallIntegerField("延期（工作日）", default=0)
    transferred_at = models.DateTimeField("最近转办时间", null=True, blank=True)

    reply = models.TextField("答复内容", blank=True)
    replied_by_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decline_reason = models.CharField("不予受理理由", max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name="并入", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_requests"
    )

    rating = models.CharField(
        "评价",
        max_length=20,
        blank=True,
        choices=[
            ("satisfied", "满意"),
            ("basically", "基本满意"),
            ("unsatisfied", "不满意"),
        ],
    )
    rating_comment = models.CharField("评价意见", max_length=500, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField("重办次数", default=0)
    reopened_at = models.DateTimeField("重新办理时间", null=True, blank=True)

    suggested_category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="建议分类"
    )
    suggestion_score = models.FloatField("建议置信度", null=True, blank=True)
    # The model's second class, kept so staff see both when the two are close (routing.adopt.shown_suggestions).
    runner_up_category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="第二建议分类"
    )
    runner_up_score = models.FloatField("第二建议置信度", null=True, blank=True)
    # How many residents said "我也遇到了" on it (MeToo rows), kept here so lists need no count per row.
    me_too_count = models.PositiveIntegerField("我也遇到了", default=0)

    class Meta:
        verbose_name = "留言"
        verbose_name_plural = "留言"
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "status", "answer_due"]),
            # The public list, newest first: deep pages walk this index instead of sorting every request.
            # (No index on status alone: SQLite would pick it for "status IN (...)" and sort the whole list.)
            models.Index(
                fields=["-received_at", "-id"], condition=models.Q(is_public=True), name="request_public_newest"
            ),
        ]

    def __str__(self):
        return f"{self.tracking_number} {self.title}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class RequestPhoto(models.Model):
    request = models.ForeignKey(ResidentRequest, on_delete=models.CASCADE, related_name="photos")
    # Private storage, never under /media/: served by views.photo after checking who asks.
    image = models.ImageField("照片", upload_to="requests/%Y/%m/", storage=private_storage)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "留言照片"
        verbose_name_plural = "留言照片"

    def __str__(self):
        return self.image.name


class RoutingCorrection(models.Model):
    """What staff decided about a request's routing class: training data for smart routing (routing.corrections).

    One row per request, the latest decision: adopting a suggestion, accepting the request in its category, or
    moving it to another category. No text is copied: retraining reads the request's (masked once closed) words.
    """

    class Kind(models.TextChoices):
        ADOPTED = "adopted", "采纳建议"
        OVERRIDDEN = "overridden", "未采纳建议"
        UNSUGGESTED = "unsuggested", "无模型建议"

    request = models.OneToOneField(ResidentRequest, on_delete=models.CASCADE, related_name="routing_correction")
    label = models.CharField("分拨大类", max_length=20, choices=Category.ROUTING_LABELS)
    suggested_label = models.CharField("建议的大类", max_length=20, blank=True)
    kind = models.CharField("处理", max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "智能分拨纠正"
        verbose_name_plural = "智能分拨纠正"

    def __str__(self):
        return f"{self.get_kind_display()}：{self.label}"


class MeToo(models.Model):
    """A resident who has the same problem as a public request ("我也遇到了"), instead of writing a new one.

    Holds no name or contact: only when, and what the resident chose to add. Staff see each one on the
    request's page; the public sees the count (``ResidentRequest.me_too_count``).
    """

    request = models.ForeignKey(ResidentRequest, on_delete=models.CASCADE, related_name="me_toos")
    # One press = one row, however often the form is sent.
    submission_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    details = models.CharField("补充情况", max_length=500, blank=True)

    class Meta:
        verbose_name = "我也遇到了"
        verbose_name_plural = "我也遇到了"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"我也遇到了：{self.request.tracking_number}"


class RequestEvent(models.Model):
    """One step in a request's timeline: who did what, when. Never edited afterwards."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "提交留言"
        ACCEPTED = "accepted", "受理"
        TRANSFERRED = "transferred", "转办"
        RETURNED = "returned", "退回重新分办"
        ASKED_INFO = "asked_info", "请留言人补充"
        INFO_ADDED = "info_added", "留言人补充"
        NOTE = "note", "内部备注"
        EXTENSION_REQUESTED = "extension_requested", "申请延期"
        EXTENSION_APPROVED = "extension_approved", "同意延期"
        EXTENSION_REFUSED = "extension_refused", "不同意延期"
        ANSWERED = "answered", "答复"
        DECLINED = "declined", "不予受理"
        MERGED = "merged", "并案办理"
        RATED = "rated", "评价"
        REOPENED = "reopened", "不满意，重新办理"
        REMINDED = "reminded", "到期提醒"
        OVERDUE = "overdue", "已超期"

    request = models.ForeignKey(ResidentRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间", default=timezone.now)
    action = models.CharField("动作", max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    note = models.TextField("说明", blank=True)
    is_public = models.BooleanField("公开显示", default=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    def step(self):
        """``(line, note)``: the step as one natural Chinese line of the timeline, and what goes below it.

        The line says who did what ("青禾镇受理", "居民评价：满意"); the note keeps the question, reason,
        reply or comment (as stored: the public pages mask it on the way out). Reads ``unit`` (select it).
        """
        action, Action = self.action, self.Action
        unit = self.unit.name if self.unit_id and self.unit else ""
        by = unit or "办理单位"
        note = self.note
        if action == Action.RATED:
            # Stored as "满意" or "满意：comment" (handling.rate): the rating goes into the line.
            rating, _, note = note.partition("：")
            return f"居民评价：{rating}", note
        lines = {
            Action.SUBMITTED: f"居民提交留言，交{unit}办理" if unit else "居民提交留言",
            Action.ACCEPTED: f"{by}受理",
            Action.TRANSFERRED: f"{by}转办",
            Action.RETURNED: f"{by}退回，重新分办",
            Action.ASKED_INFO: f"{by}请居民补充情况",
            Action.INFO_ADDED: "居民补充了情况",
            Action.NOTE: f"{by}内部备注",
            Action.EXTENSION_REQUESTED: f"{by}申请延期",
            Action.EXTENSION_APPROVED: "县里同意延期",
            Action.EXTENSION_REFUSED: "县里不同意延期",
            Action.ANSWERED: f"{by}作出答复",
            Action.DECLINED: f"{by}决定不予受理",
            Action.MERGED: f"{by}并案办理",
            Action.REOPENED: f"居民不满意，{by}重新办理",
            Action.REMINDED: "答复期限将到，已发提醒",
            Action.OVERDUE: "已超过答复期限，已发提醒",
        }
        return lines.get(action, self.get_action_display()), note


class ExtensionRequest(models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已同意"
        REFUSED = "refused", "不同意"

    request = models.ForeignKey(ResidentRequest, on_delete=models.CASCADE, related_name="extension_requests")
    working_days = models.PositiveSmallIntegerField("延期工作日数")
    reason = models.CharField("理由", max_length=300)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decision = models.CharField("审批", max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "延期申请"
        verbose_name_plural = "延期申请"

    def __str__(self):
        return f"{self.request} 延期{self.working_days}个工作日（{self.get_decision_display()}）"


class ReplyTemplate(models.Model):
    unit = models.ForeignKey(
        Unit, verbose_name="单位", null=True, blank=True, on_delete=models.CASCADE, help_text="留空则全县通用。"
    )
    title = models.CharField("名称", max_length=60)
    body = models.TextField(
        "答复模板",
        help_text="要经办人填写的地方写成【请填写：内容】，例如【请填写：办理结果】。没有填完的答复不能发布。",
    )

    class Meta:
        verbose_name = "答复模板"
        verbose_name_plural = "答复模板"

    def __str__(self):
        return self.title


class ApiKey(models.Model):
    """A key the county issues to an Open311 client (an app, a mini-program) that submits requests."""

    name = models.CharField("使用方", max_length=80)
    key = models.CharField("密钥", max_length=64, unique=True, default=secrets.token_urlsafe)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("签发时间", default=timezone.now)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    # Set once and never cleared: a revoked key (leaked from an app) is refused for good.
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "接口密钥"
        verbose_name_plural = "接口密钥"

    def __str__(self):
        return self.name

    @classmethod
    def usable(cls):
        """Keys that may submit: active and never revoked."""
        return cls.objects.filter(active=True, revoked_at__isnull=True)

    def revoke(self):
        """Refuse this key from now on, for good."""
        self.active = False
        self.revoked_at = self.revoked_at or timezone.now()
        self.save(update_fields=["active", "revoked_at"])

    @transaction.atomic
    def rotate(self):
        """A new key for the same client; this one is revoked. Returns the new key (show it once)."""
        new_key = ApiKey.objects.create(name=self.name)
        self.revoke()
        return new_key


class StaffNotice(models.Model):
    """A reminder shown to staff in the admin (and e-mailed): due soon, overdue, extension to decide."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", "即将超期"
        OVERDUE = "overdue", "已超期"
        EXTENSION = "extension", "延期待审批"
        NEW = "new", "新留言"

    request = models.ForeignKey(ResidentRequest, on_delete=models.CASCADE, related_name="staff_notices")
    kind = models.CharField("提醒类型", max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    for_county = models.BooleanField("抄送县里", default=False)
    # The answer deadline the notice is about: a reopened or extended request has a new one, and is
    # reminded again for it; the same deadline is never reminded twice.
    deadline = models.DateTimeField("针对的答复期限")
    created_at = models.DateTimeField(default=timezone.now)
    emailed_to = models.TextField(blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "办理提醒"
        verbose_name_plural = "办理提醒"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "kind", "for_county", "deadline"], name="one_notice_per_kind_and_deadline"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.request}"
