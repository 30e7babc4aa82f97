"""What may happen to a request, by whom, and what it changes (受理、转办、答复、评价 …).

Every function takes the request, checks the state, changes it inside one
transaction, records a RequestEvent and returns the request. Wrong moves raise
HandlingError with a message in Chinese that can be shown to the person.

Every function takes ``now=None`` (the clock when None): the moment of the state change
and of its RequestEvent in the timeline, so both always agree (the demo county and
imports pass the moment a step really happened).
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from townsquare.core.tracking import new_query_password
from townsquare.core.workdays import working_days_between

from . import blanks, progress
from .deadlines import paused_working_days, recompute_deadlines
from .models import OPEN_STATUSES, ExtensionRequest, RequestEvent, ResidentRequest, Status, new_tracking_number

Action = RequestEvent.Action
logger = logging.getLogger(__name__)


class HandlingError(Exception):
    pass


def _record(request, action, actor=None, note="", is_public=True, from_status="", unit=None, at=None):
    return RequestEvent.objects.create(
        request=request,
        action=action,
        actor=actor,
        unit=unit or request.unit,
        from_status=from_status,
        to_status=request.status,
        note=note,
        is_public=is_public,
        at=at or timezone.now(),
    )


def _require(request, statuses, what):
    if request.status not in statuses:
        raise HandlingError(f"这条留言现在是“{request.get_status_display()}”，不能{what}。")


def _change(request, status, action, actor=None, *, note="", at=None, **fields):
    """Move the request to ``status``, save ``fields`` with it, and record the step in the timeline."""
    before = request.status
    request.status = status
    for name, value in fields.items():
        setattr(request, name, value)
    request.save(update_fields=["status", *fields])
    _record(request, action, actor, note=note, from_status=before, at=at)
    return request


def submit(fields, submission_key=None, photos=(), actor=None, channel="web", now=None):
    """Store a new request in one transaction; a resent submission returns the first one.

    Returns (request, query_password or None when it was a resend).
    """
    if submission_key:
        existing = ResidentRequest.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing, None
    now = now or timezone.now()
    password = new_query_password()
    request = ResidentRequest(**fields, submission_key=submission_key or None, submitted_by=actor, channel=channel)
    request.received_at = now
    if not fields.get("unit") and not fields.get("unit_id"):
        request.unit = request.category.unit
    request.set_query_password(password)
    recompute_deadlines(request, now)
    photos = list(photos)
    try:
        for attempt in range(1, TRACKING_NUMBER_ATTEMPTS + 1):
            try:
                _store(request, photos, actor, now)
            except IntegrityError:
                # Two copies of the same submission raced; the other one won.
                if submission_key:
                    existing = ResidentRequest.objects.filter(submission_key=submission_key).first()
                    if existing is not None:
                        _discard_files(photos)
                        return existing, None
                # The random tracking number was taken already: draw another (the savepoint undid this try).
                taken = ResidentRequest.objects.filter(tracking_number=request.tracking_number).exists()
                if not taken or attempt == TRACKING_NUMBER_ATTEMPTS:
                    raise
                request.tracking_number = new_tracking_number()
                _unsaved(request, *photos)
                continue
            _suggest_later(request)
            return request, password
    except BaseException:
        _discard_files(photos)  # nothing of the request was kept, so neither are its photos
        raise


def _suggest_later(request):
    """Smart routing (智能分拨): have the task worker store a suggested category for staff; never raises.

    Computed off the request (``tasks.suggest_routing``): the classifier stays out of the web workers. The
    resident's chosen category keeps deciding the unit. A task that cannot be queued is logged: a suggestion is
    a help for staff, never a reason to lose a request.
    """
    try:
        from .tasks import suggest_routing

        with transaction.atomic():  # a savepoint: a failed INSERT of the task leaves the caller's transaction usable
            suggest_routing.enqueue(request.pk)
    except Exception:
        logger.exception("routing suggestion not queued; the request is stored without one")


# A clash of random tracking numbers is rare (one in a million per pair on a day); five draws in a row is not going
# to happen unless something else is wrong, which then surfaces as the IntegrityError.
TRACKING_NUMBER_ATTEMPTS = 5


def _store(request, photos, actor, now):
    with transaction.atomic():  # a savepoint when the caller has a transaction of its own
        request.save()
        for photo in photos:
            photo.request = request
            photo.save()
        _record(request, Action.SUBMITTED, actor=actor, at=now)


def _unsaved(*objects):
    """Rows whose INSERT was rolled back: the next save must insert them again."""
    for obj in objects:
        obj.pk = None
        obj._state.adding = True


def _discard_files(photos):
    for photo in photos:
        if photo.image and getattr(photo.image, "_committed", False) and photo.image.name:
            try:
                photo.image.storage.delete(photo.image.name)
            except OSError:
                pass


@transaction.atomic
def accept(request, actor, now=None):
    _require(request, [Status.SUBMITTED], "受理")
    now = now or timezone.now()
    _change(request, Status.ACCEPTED, Action.ACCEPTED, actor, at=now, accepted_at=now)
    _routing_decision(request, request.category, actor, now)
    progress.accepted(request)
    return request


def can_return(request, now=None):
    """A unit may hand a wrongly assigned request back within the allowed working days of receiving it."""
    now = now or timezone.now()
    assigned_on = timezone.localtime(request.transferred_at or request.received_at).date()
    waited = working_days_between(assigned_on, timezone.localtime(now).date())
    return waited <= settings.REQUEST_RETURN_WITHIN_WORKING_DAYS


@transaction.atomic
def transfer(request, to_unit, reason, actor, category=None, by_county=False, now=None):
    """Send the request to another unit (转办); units may do so only within the return window."""
    _require(request, [Status.SUBMITTED, Status.ACCEPTED], "转办")
    if not reason.strip():
        raise HandlingError("请写明转办理由。")
    if to_unit == request.unit:
        raise HandlingError("不能转给本单位。")
    now = now or timezone.now()
    if not by_county and not can_return(request, now):
        days = settings.REQUEST_RETURN_WITHIN_WORKING_DAYS
        raise HandlingError(f"已超过{days}个工作日的退回期限，请联系县里统一调度。")
    before, from_unit = request.status, request.unit
    request.unit = to_unit
    if category is not None:
        request.category = category
    request.status = Status.SUBMITTED
    request.accepted_at = None
    request.transferred_at = now
    request.save(update_fields=["unit", "category", "status", "accepted_at", "transferred_at"])
    _record(
        request,
        Action.TRANSFERRED,
        actor,
        note=f"由{from_unit}转至{to_unit}：{reason}",
        from_status=before,
        unit=from_unit,
        at=now,
    )
    if category is not None:
        _routing_decision(request, category, actor, now)
    return request


def _routing_decision(request, category, actor, now):
    """Staff settled the request's category: training data for smart routing (routing.corrections)."""
    from .routing.corrections import record_decision  # imported here: routing loads jieba

    record_decision(request, category, actor, now)


@transaction.atomic
def ask_for_information(request, question, actor, now=None):
    """Ask the resident for more; the answer clock stops until they reply."""
    _require(request, [Status.ACCEPTED], "请留言人补充")
    if not question.strip():
        raise HandlingError("请写明需要留言人补充什么。")
    now = now or timezone.now()
    _change(request, Status.WAITING, Action.ASKED_INFO, actor, note=question, at=now, paused_at=now)
    progress.more_info_asked(request, now)
    return request


@transaction.atomic
def add_information(request, text, now=None):
    """The resident's reply restarts the clock; the paused working days extend the deadline."""
    _require(request, [Status.WAITING], "补充")
    if not text.strip():
        raise HandlingError("请填写补充的内容。")
    now = now or timezone.now()
    before = request.status
    request.paused_working_days = paused_working_days(request, now)
    request.paused_at = None
    request.status = Status.ACCEPTED
    recompute_deadlines(request, now)
    request.save(update_fields=["paused_working_days", "paused_at", "status", "answer_due", "accept_due"])
    _record(request, Action.INFO_ADDED, note=text, from_status=before, at=now)
    return request


@transaction.atomic
def add_note(request, note, actor, now=None):
    """An internal note for staff (not in the resident's timeline); returns the RequestEvent."""
    if not note.strip():
        raise HandlingError("备注不能为空。")
    return _record(request, Action.NOTE, actor, note=note, is_public=False, from_status=request.status, at=now)


@transaction.atomic
def request_extension(request, working_days, reason, actor, now=None):
    _require(request, [Status.ACCEPTED, Status.WAITING], "申请延期")
    limit = settings.REQUEST_EXTENSION_MAX_WORKING_DAYS
    if not 1 <= working_days <= limit:
        raise HandlingError(f"延期天数要在1到{limit}个工作日之间。")
    if not reason.strip():
        raise HandlingError("请写明延期理由。")
    if request.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).exists():
        raise HandlingError("已有一个延期申请在等县里审批。")
    now = now or timezone.now()
    extension = ExtensionRequest.objects.create(
        request=request, working_days=working_days, reason=reason, requested_by=actor, requested_at=now
    )
    _record(
        request,
        Action.EXTENSION_REQUESTED,
        actor,
        note=f"申请延期{working_days}个工作日：{reason}",
        is_public=False,
        from_status=request.status,
        at=now,
    )
    return extension


@transaction.atomic
def decide_extension(extension, approve, actor, now=None):
    if extension.decision != ExtensionRequest.Decision.PENDING:
        raise HandlingError("这个延期申请已经审批过了。")
    now = now or timezone.now()
    request = extension.request
    extension.decision = ExtensionRequest.Decision.APPROVED if approve else ExtensionRequest.Decision.REFUSED
    extension.decided_by = actor
    extension.decided_at = now
    extension.save()
    if approve:
        request.extension_working_days += extension.working_days
        recompute_deadlines(request, now)
        request.save(update_fields=["extension_working_days", "answer_due", "accept_due"])
        _record(
            request,
            Action.EXTENSION_APPROVED,
            actor,
            note=f"答复期限延长{extension.working_days}个工作日",
            from_status=request.status,
            at=now,
        )
        progress.deadline_moved(request, now)
    else:
        _record(request, Action.EXTENSION_REFUSED, actor, is_public=False, from_status=request.status, at=now)
    return extension


@transaction.atomic
def answer(request, reply, actor, now=None):
    _require(request, [Status.SUBMITTED, Status.ACCEPTED], "答复")
    if not reply.strip():
        raise HandlingError("答复内容不能为空。")
    if blanks.refusal(reply):
        raise HandlingError(blanks.refusal(reply))
    now = now or timezone.now()
    _change(
        request,
        Status.ANSWERED,
        Action.ANSWERED,
        actor,
        note=reply,
        at=now,
        reply=reply,
        answered_at=now,
        accepted_at=request.accepted_at or now,
        replied_by_unit=request.unit,
    )
    progress.answered(request)
    return request


@transaction.atomic
def decline(request, reason, actor, now=None):
    _require(request, [Status.SUBMITTED, Status.ACCEPTED], "不予受理")
    if not reason.strip():
        raise HandlingError("请写明不予受理的理由，留言人会看到。")
    return _change(request, Status.DECLINED, Action.DECLINED, actor, note=reason, at=now, decline_reason=reason)


@transaction.atomic
def merge(duplicate, into, actor, now=None):
    """重复诉求并单处理: the duplicate follows the main case and is answered with it."""
    _require(duplicate, OPEN_STATUSES, "并案")
    if into.pk == duplicate.pk:
        raise HandlingError("不能和自己并案。")
    while into.merged_into_id:
        into = into.merged_into
    note = f"与留言 {into.tracking_number} 反映的是同一件事，合并办理。"
    return _change(duplicate, Status.MERGED, Action.MERGED, actor, note=note, at=now, merged_into=into)


RATINGS = {"satisfied": "满意", "basically": "基本满意", "unsatisfied": "不满意"}


@transaction.atomic
def rate(request, rating, comment="", now=None):
    """The resident rates the answer; 不满意 sends it back to the same unit once."""
    _require(request, [Status.ANSWERED], "评价")
    if rating not in RATINGS:
        raise HandlingError("请选择满意、基本满意或不满意。")
    if request.rated_at is not None and request.answered_at and request.rated_at >= request.answered_at:
        raise HandlingError("这次答复已经评价过了。")
    now = now or timezone.now()
    request.rating = rating
    request.rating_comment = comment
    request.rated_at = now
    fields = ["rating", "rating_comment", "rated_at"]
    _record(
        request,
        Action.RATED,
        note=f"{RATINGS[rating]}{'：' + comment if comment else ''}",
        from_status=request.status,
        at=now,
    )
    if rating == "unsatisfied" and request.reopened_count == 0:
        before = request.status
        request.status = Status.ACCEPTED
        request.reopened_count = 1
        request.reopened_at = now
        request.answered_at = None
        recompute_deadlines(request, now)
        fields += ["status", "reopened_count", "reopened_at", "answered_at", "answer_due", "accept_due"]
        _record(request, Action.REOPENED, from_status=before, at=now)
    request.save(update_fields=fields)
    return request
