"""The inbox tabs (待受理、办理中、即将超期 …) as querysets, and which requests a staff member sees.

Who sees what follows ``units.access``: unit staff see the requests of the units they belong to;
county staff, the media centre and superusers see every request and decide extensions
(``media_center=True``). Only superusers and county staff manage the catalogue, deadlines and keys.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from townsquare.core.workdays import deadline_after
from townsquare.units.access import is_staff_member, roles_of, scope, sees_all

from .models import OPEN_STATUSES, ExtensionRequest, ResidentRequest, StaffNotice, Status


def can_decide_extensions(user):
    """County staff, the media centre and superusers decide extensions."""
    return sees_all(user, media_center=True)


# --- Deadlines as conditions ---------------------------------------------------------------


def remind_horizon(now):
    """Answers due before this moment count as due soon (REQUEST_REMIND_WORKING_DAYS ahead)."""
    return deadline_after(now, settings.REQUEST_REMIND_WORKING_DAYS)


def open_q():
    return Q(status__in=OPEN_STATUSES)


def due_soon_q(now):
    """``deadlines.is_due_soon`` as a condition; a request whose clock is paused is not counted.

    While the unit waits for the resident the answer deadline will still move, so
    neither 即将超期 nor 已超期 applies to it (as ``deadlines.is_overdue`` does).
    """
    return open_q() & Q(paused_at__isnull=True, answer_due__gte=now, answer_due__lte=remind_horizon(now))


def overdue_q(now):
    """``deadlines.is_overdue`` as a condition."""
    return open_q() & Q(paused_at__isnull=True, answer_due__lt=now)


def pending_extension_q():
    pending = ExtensionRequest.objects.filter(request=OuterRef("pk"), decision=ExtensionRequest.Decision.PENDING)
    return Q(Exists(pending))


# --- Inbox tabs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bucket:
    key: str
    label: str
    condition: Callable  # now -> Q
    county_only: bool = False
    newest_first: bool = False  # closed work: most recent first; open work: most urgent first


BUCKETS = (
    Bucket("new", "待受理", lambda now: Q(status=Status.SUBMITTED)),
    Bucket("working", "办理中", lambda now: Q(status__in=[Status.ACCEPTED, Status.WAITING])),
    Bucket("due_soon", "即将超期", due_soon_q),
    Bucket("overdue", "已超期", overdue_q),
    Bucket("answered", "已答复", lambda now: Q(status=Status.ANSWERED), newest_first=True),
    Bucket("waiting", "待补充", lambda now: Q(status=Status.WAITING), county_only=True),
    Bucket("extension", "延期待审批", lambda now: pending_extension_q(), county_only=True),
    Bucket("all", "全部", lambda now: Q()),
)
BUCKETS_BY_KEY = {bucket.key: bucket for bucket in BUCKETS}
DEFAULT_BUCKET = "new"


def buckets_for(user):
    show_county = sees_all(user, media_center=True)
    return [bucket for bucket in BUCKETS if show_county or not bucket.county_only]


def bucket_counts(user, now=None):
    """How many requests each of the user's tabs holds, in one query."""
    now = now or timezone.now()
    buckets = buckets_for(user)
    counts = scope(user, ResidentRequest.objects.all(), media_center=True).aggregate(
        **{bucket.key: Count("pk", filter=bucket.condition(now)) for bucket in buckets}
    )
    return {bucket.key: counts[bucket.key] or 0 for bucket in buckets}


def urgent_first(queryset, now):
    """Overdue first, then due soonest; requests waiting for the resident after those still running."""
    return queryset.annotate(
        urgency=Case(
            When(overdue_q(now), then=Value(0)),
            When(open_q() & Q(paused_at__isnull=True), then=Value(1)),
            When(open_q(), then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    ).order_by("urgency", "answer_due", "pk")


def search(queryset, text):
    text = (text or "").strip()
    if not text:
        return queryset
    return queryset.filter(Q(tracking_number__icontains=text) | Q(title__icontains=text))


def bucket_requests(user, key, query="", now=None):
    """The requests in one tab, most urgent first (closed ones newest first)."""
    now = now or timezone.now()
    bucket = BUCKETS_BY_KEY[key]
    requests = scope(user, ResidentRequest.objects.filter(bucket.condition(now)), media_center=True)
    requests = search(requests, query)
    requests = requests.select_related("category", "unit").annotate(has_pending_extension=pending_extension_q())
    if bucket.newest_first:
        return requests.order_by("-answered_at", "-pk")
    return urgent_first(requests, now)


def open_count(user):
    """The number shown beside 我要留言 in the menu: requests still open in the user's units."""
    if not is_staff_member(user):
        return 0
    return scope(user, ResidentRequest.objects.filter(open_q()), media_center=True).count()


# --- How a deadline reads in a list ---------------------------------------------------------


@dataclass(frozen=True)
class DueLabel:
    text: str
    tone: str  # "danger", "warning", "muted" or "" — the text always says the same as the colour


def due_label(request, now=None):
    now = now or timezone.now()
    if not request.is_open:
        return DueLabel(request.get_status_display(), "muted")
    if request.paused_at is not None:
        return DueLabel("暂停计时，等留言人补充", "muted")
    if request.answer_due < now:
        return DueLabel("已超期", "danger")
    if request.answer_due <= remind_horizon(now):
        return DueLabel("即将超期", "warning")
    return DueLabel("", "")


# --- Reminders shown to a user ----------------------------------------------------------------


def notices_for(user):
    """Unread reminders addressed to the user: their units' own, plus the county's copies for county staff."""
    audience = Q(for_county=False, request__unit_id__in=roles_of(user).unit_ids)
    if sees_all(user, media_center=True):
        audience |= Q(for_county=True)
    return StaffNotice.objects.filter(audience, read_at__isnull=True)
