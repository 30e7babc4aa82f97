"""依申请公开: applications for the disclosure of government information (《政府信息公开条例》2019, arts. 27–33).

Models hold the facts (received, 补正 asked and answered, consultations, the extension, the decision);
``deadlines.py`` derives every due date from them and ``handling.py`` changes them, one step at a time.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from townsquare.core.privatefiles import private_storage
from townsquare.core.tracking import QueryPasswordMixin, new_tracking_number
from townsquare.units.models import Unit

from . import outcomes


class ApplicantType(models.TextChoices):
    PERSON = "person", "公民"
    ORGANISATION = "organisation", "法人或其他组织"


class OrganisationKind(models.TextChoices):
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    WELFARE = "welfare", "社会公益组织"
    LEGAL = "legal", "法律服务机构"
    OTHER = "other", "其他"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    OTHER = "other", "其他证件"
    CREDIT_CODE = "credit_code", "统一社会信用代码"


class Channel(models.TextChoices):
    ONLINE = "online", "网上申请"
    LETTER = "letter", "信函申请"
    IN_PERSON = "in_person", "当面申请"
    FAX = "fax", "传真申请"
    FROM_MESSAGE = "from_message", "由留言转来"


class ProvisionForm(models.TextChoices):
    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"


class Delivery(models.TextChoices):
    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    IN_PERSON = "in_person", "当面领取"
    ONLINE = "online", "网上获取"


class Status(models.TextChoices):
    RECEIVED = "received", "办理中"
    CORRECTION = "correction", "待申请人补正"
    CONSULTING = "consulting", "征求第三方意见中"
    DECIDED = "decided", "已答复"


OPEN_STATUSES = (Status.RECEIVED, Status.CORRECTION, Status.CONSULTING)


class Application(QueryPasswordMixin, models.Model):
    tracking_number = models.CharField("申请编号", max_length=20, unique=True, default=new_tracking_number)
    query_password_hash = models.CharField(max_length=128, blank=True)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    unit = models.ForeignKey(Unit, verbose_name="受理机关", on_delete=models.PROTECT, related_name="disclosure_apps")
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices, default=Channel.ONLINE)

    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    organisation_kind = models.CharField(
        "法人或其他组织类别", max_length=20, choices=OrganisationKind.choices, blank=True
    )
    name = models.CharField("申请人姓名或名称", max_length=100)
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices)
    id_number = models.CharField("证件号码", max_length=40)
    representative = models.CharField("法定代表人", max_length=40, blank=True)
    contact_person = models.CharField("联系人", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30)
    address = models.CharField("通信地址", max_length=200)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    email = models.EmailField("电子邮箱", blank=True)

    description = models.TextField("所需政府信息的名称、文号或便于查询的其他特征", max_length=4000)
    purpose = models.CharField("用途", max_length=500, blank=True)
    provision_form = models.CharField("提供形式", max_length=20, choices=ProvisionForm.choices)
    delivery = models.CharField("获取方式", max_length=20, choices=Delivery.choices)
    # Private storage, never under /media/: served by views after checking who asks.
    id_proof = models.FileField("身份证明", upload_to="disclosure/proofs/%Y/%m/", storage=private_storage, blank=True)

    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField("收到申请时间", default=timezone.now, db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_message = models.OneToOneField(
        "resident_requests.ResidentRequest",
        verbose_name="转自留言",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="disclosure_application",
    )

    # 补正 (art. 30): asked once, with everything missing; the clock restarts on the day the answer arrives.
    correction_asked_at = models.DateTimeField("补正告知时间", null=True, blank=True)
    correction_missing = models.TextField("需要补正的内容", blank=True)
    correction_answered_at = models.DateTimeField("收到补正时间", null=True, blank=True)
    correction_answer = models.TextField("申请人补正内容", blank=True)

    # Extension (art. 33): once, at most DISCLOSURE_EXTENSION_MAX_WORKING_DAYS, approved by the unit's head.
    extension_working_days = models.PositiveSmallIntegerField("延长工作日数", default=0)
    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    extension_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extension_approved_at = models.DateTimeField("批准时间", null=True, blank=True)

    # Derived by deadlines.recompute (kept for the inbox's sorting and the reminders).
    correction_due = models.DateTimeField("补正告知期限")
    answer_due = models.DateTimeField("答复期限", null=True, blank=True, db_index=True)

    outcome = models.CharField("处理结果", max_length=8, choices=outcomes.choices(), blank=True)
    decision_text = models.TextField("答复内容及理由", blank=True)
    legal_basis = models.CharField("法律依据", max_length=300, blank=True)
    decided_at = models.DateTimeField("答复时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on_time = models.BooleanField("按期答复", null=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["unit", "status", "answer_due"])]

    def __str__(self):
        return f"{self.tracking_number} {self.name}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    @property
    def outcome_label(self):
        return outcomes.label_of(self.outcome) if self.outcome else ""


class Consultation(models.Model):
    """A third party asked for its opinion (art. 32): the time it has (up to 15 working days) is not counted."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    third_party = models.CharField("第三方", max_length=100)
    sent_at = models.DateTimeField("征求意见时间", default=timezone.now)
    answered_at = models.DateTimeField("收到意见时间", null=True, blank=True)
    answer = models.TextField("第三方意见", blank=True)

    class Meta:
        verbose_name = "第三方意见征询"
        verbose_name_plural = "第三方意见征询"
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return f"{self.application} · {self.third_party}"


class Notice(models.Model):
    """A 告知书 sent to the applicant: kept as a PDF in private storage, e-mailed when they gave an address."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "补正申请告知书"
        EXTENSION = "extension", "延期答复告知书"
        CONSULTATION = "consultation", "征求第三方意见告知书"
        DECISION = "decision", "政府信息公开申请答复书"
        TRANSFER = "transfer", "留言转为政府信息公开申请告知"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField("出具时间", default=timezone.now)
    pdf = models.FileField("告知书", upload_to="disclosure/notices/%Y/%m/", storage=private_storage, blank=True)
    emailed_to = models.CharField("已发送至", max_length=254, blank=True)

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.application.tracking_number}）"


class Event(models.Model):
    """One step of an application's timeline; the public ones are shown to the applicant on the query page."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("时间", default=timezone.now)
    what = models.CharField("事项", max_length=100)
    note = models.TextField("说明", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_public = models.BooleanField("申请人可见", default=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "pk"]

    def __str__(self):
        return self.what


class Reminder(models.Model):
    """A reminder sent to the handling unit about one due date; never twice for the same kind and moment."""

    class Kind(models.TextChoices):
        CORRECTION_DUE = "correction_due", "补正告知即将到期"
        DUE_SOON = "due_soon", "答复即将到期"
        OVERDUE = "overdue", "答复已超期"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField("提醒类型", max_length=20, choices=Kind.choices)
    deadline = models.DateTimeField("针对的期限")
    created_at = models.DateTimeField(default=timezone.now)
    emailed_to = models.TextField(blank=True)

    class Meta:
        verbose_name = "依申请公开提醒"
        verbose_name_plural = "依申请公开提醒"
        constraints = [
            models.UniqueConstraint(fields=["application", "kind", "deadline"], name="one_disclosure_reminder"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.application}"
