"""What may happen to an application, by whom, and what it changes.

Every function checks the state, changes the application inside one transaction, recomputes its due
dates (deadlines.recompute), records an Event, issues the 告知书 the step requires (notices.issue) and
returns the application. Wrong moves raise HandlingError with a Chinese message for the person.
Every function takes ``now=None``: the moment of the step (the demo county passes past moments).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from townsquare.core.tracking import new_query_password, new_tracking_number
from townsquare.units.access import roles_of
from townsquare.units.models import Role

from . import deadlines, notices, outcomes, progress
from .models import Application, Consultation, Event, Notice, Status


class HandlingError(Exception):
    pass


def _record(application, what, actor=None, note="", at=None, is_public=True):
    Event.objects.create(application=application, what=what, actor=actor, note=note, at=at, is_public=is_public)


def _save(application, now, *fields):
    deadlines.recompute(application, now)
    application.save(update_fields=[*fields, "correction_due", "answer_due"])


def _require_open(application, what):
    if not application.is_open:
        raise HandlingError(f"这件申请已经答复，不能再{what}。")


def submit(
    fields, *, submission_key=None, actor=None, channel="online", now=None, from_message=None, query_password_hash=None
):
    """Store a new application; a resent submission (same key) returns the first one with no password.
    ``query_password_hash``: the applicant already holds a password (a 我要留言 request's); None is returned."""
    now = now or timezone.now()
    if submission_key:
        existing = Application.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, None
    for _attempt in range(5):  # a tracking number drawn twice is drawn again
        application = Application(
            **fields,
            submission_key=submission_key,
            channel=channel,
            registered_by=actor,
            from_message=from_message,
            tracking_number=new_tracking_number(),
        )
        application.received_at = fields.get("received_at") or now
        password = new_query_password()
        if query_password_hash:
            application.query_password_hash, password = query_password_hash, None
        else:
            application.set_query_password(password)
        deadlines.recompute(application, now)
        try:
            with transaction.atomic():
                application.save()
                what = "收到申请" if channel == "online" else f"登记{application.get_channel_display()}"
                _record(application, what, actor, at=application.received_at)
                if from_message is not None:
                    notices.issue(application, Notice.Kind.TRANSFER, now)
                progress.accepted(application)
            return application, password
        except IntegrityError:
            if submission_key and Application.objects.filter(submission_key=submission_key).exists():
                return Application.objects.get(submission_key=submission_key), None
    raise HandlingError("申请编号暂时分配不出来，请稍后再试。")


@transaction.atomic
def ask_correction(application, missing, actor=None, now=None):
    """补正告知 (art. 30): everything missing at once; the clock stops until the completed application arrives."""
    now = now or timezone.now()
    _require_open(application, "要求补正")
    if application.correction_asked_at:
        raise HandlingError("补正只能一次性告知，这件申请已经告知过补正。")
    if not missing.strip():
        raise HandlingError("请写明需要申请人补正的内容。")
    application.correction_asked_at = now
    application.correction_missing = missing.strip()
    application.status = Status.CORRECTION
    _save(application, now, "correction_asked_at", "correction_missing", "status")
    _record(application, "告知补正", actor, missing.strip(), at=now)
    notices.issue(application, Notice.Kind.CORRECTION, now)
    progress.correction_asked(application)
    return application


@transaction.atomic
def receive_correction(application, answer, actor=None, now=None):
    """The completed application arrived (by post, in person, or on the query page): the 20 days run again."""
    now = now or timezone.now()
    if application.status != Status.CORRECTION:
        raise HandlingError("这件申请现在不需要补正。")
    if not answer.strip():
        raise HandlingError("请填写补正的内容。")
    application.correction_answered_at = now
    application.correction_answer = answer.strip()
    application.status = Status.RECEIVED
    _save(application, now, "correction_answered_at", "correction_answer", "status")
    _record(application, "收到补正，重新起算答复期限", actor, answer.strip(), at=now)
    progress.deadline_moved(application, now)
    return application


@transaction.atomic
def extend(application, working_days, reason, approved_by, now=None):
    """The one extension (art. 33), approved by the unit's head; the applicant gets a 延期告知."""
    now = now or timezone.now()
    _require_open(application, "延期")
    if application.extension_working_days:
        raise HandlingError("答复期限只能延长一次，这件申请已经延长过。")
    limit = settings.DISCLOSURE_EXTENSION_MAX_WORKING_DAYS
    if not 1 <= working_days <= limit:
        raise HandlingError(f"延长的期限最多{limit}个工作日。")
    if not reason.strip():
        raise HandlingError("请写明延期理由。")
    roles = roles_of(approved_by)
    if not (roles.is_superuser or application.unit_id in roles.unit_ids_with(Role.HEAD)):
        raise HandlingError("延期须经本单位负责人同意，请由负责人账号批准。")
    application.extension_working_days = working_days
    application.extension_reason = reason.strip()
    application.extension_approved_by = approved_by
    application.extension_approved_at = now
    fields = ["extension_working_days", "extension_reason", "extension_approved_by", "extension_approved_at"]
    _save(application, now, *fields)
    _record(application, f"延长答复期限{working_days}个工作日", approved_by, reason.strip(), at=now)
    notices.issue(application, Notice.Kind.EXTENSION, now)
    progress.deadline_moved(application, now)
    return application


@transaction.atomic
def consult(application, third_party, actor=None, now=None):
    """Ask a third party's opinion (art. 32); its time is not counted."""
    now = now or timezone.now()
    if application.status not in (Status.RECEIVED, Status.CONSULTING):
        raise HandlingError(f"这件申请现在是“{application.get_status_display()}”，不能征求第三方意见。")
    if not third_party.strip():
        raise HandlingError("请填写征求意见的第三方。")
    Consultation.objects.create(application=application, third_party=third_party.strip(), sent_at=now)
    application.status = Status.CONSULTING
    _save(application, now, "status")
    _record(application, "征求第三方意见", actor, third_party.strip(), at=now)
    notices.issue(application, Notice.Kind.CONSULTATION, now)
    return application


@transaction.atomic
def record_opinion(consultation, answer, actor=None, now=None):
    """The third party answered (or its time ran out: staff record that); the clock runs again."""
    now = now or timezone.now()
    application = consultation.application
    if consultation.answered_at:
        raise HandlingError("这个第三方的意见已经登记过。")
    consultation.answered_at = now
    consultation.answer = answer.strip() or "逾期未提出意见"
    consultation.save(update_fields=["answered_at", "answer"])
    if not application.consultations.filter(answered_at__isnull=True).exists():
        application.status = Status.RECEIVED
    _save(application, now, "status")
    _record(application, "收到第三方意见", actor, consultation.third_party, at=now, is_public=False)
    if application.status == Status.RECEIVED:
        progress.deadline_moved(application, now)  # the days the third party took are not counted
    return application


@transaction.atomic
def decide(application, outcome, text, legal_basis="", actor=None, now=None):
    """The answer in one of the 30号 categories, with its reason and legal basis; the 答复书 goes out."""
    now = now or timezone.now()
    _require_open(application, "答复")
    if outcome not in outcomes.leaf_codes():
        raise HandlingError("请选择处理结果。")
    if not text.strip():
        raise HandlingError("请填写答复内容及理由。")
    if application.status == Status.CONSULTING:
        raise HandlingError("还有第三方意见没有登记，请先登记第三方意见（逾期未答复的也登记）。")
    application.outcome = outcome
    application.decision_text = text.strip()
    application.legal_basis = legal_basis.strip()
    application.decided_at = now
    application.decided_by = actor
    application.status = Status.DECIDED
    deadlines.recompute(application, now)
    application.decided_on_time = application.answer_due is None or now <= application.answer_due
    application.save(
        update_fields=[
            *("outcome", "decision_text", "legal_basis", "decided_at", "decided_by", "status", "decided_on_time"),
            *("correction_due", "answer_due"),
        ]
    )
    _record(application, f"作出答复：{application.outcome_label}", actor, at=now)
    notices.issue(application, Notice.Kind.DECISION, now)
    progress.decided(application)
    return application
