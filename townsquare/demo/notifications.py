"""The demo's 办理进度提醒: the log of messages residents got about their requests, applications and
bookings, and a few answers to 回访 ("问题解决了吗？").

The messages themselves were made by the other demo modules, through the same handling functions as
real use (受理, 答复, 预约 … call core.notify). Here what was due before ``now`` is marked as sent at its
moment, by the console SMS backend and the mail server of the time, so nothing goes out when the demo
loads and the log reads like a working county's. 回访 due later stay pending for the job. Idempotent:
a sent message stays sent, a rated case keeps its rating.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType

from townsquare.core.models import Delivery, FollowupRating
from townsquare.resident_requests.models import ResidentRequest

# (outcome, comment) for the first answered requests whose 回访 went out, oldest first.
RATINGS = [
    ("solved", "路灯当天晚上就亮了，谢谢！"),
    ("partly", "坑填上了，但下雨天还是积水，希望再看看排水。"),
    ("unsolved", ""),
]


def mark_sent(now, tally):
    for delivery in Delivery.objects.filter(due_at__lte=now).exclude(status=Delivery.Status.SKIPPED).order_by("pk"):
        pending = delivery.status == Delivery.Status.PENDING
        tally.count("办理进度提醒", pending)
        if not pending:
            continue
        sms = delivery.channel == Delivery.Channel.SMS
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.SENT,
            attempts=1,
            address="",
            sent_at=max(delivery.due_at, delivery.created_at) + timedelta(seconds=20),
            provider_id=f"demo-{delivery.pk:06d}" if sms else "",
        )


def ensure_ratings(now, tally):
    case_type = ContentType.objects.get_for_model(ResidentRequest)
    followed = (
        Delivery.objects.filter(
            case_type=case_type, kind="followup", status=Delivery.Status.SENT, channel=Delivery.Channel.SMS
        )
        .order_by("sent_at", "pk")
        .values_list("case_id", "reference", "sent_at")
    )
    for (case_id, reference, sent_at), (outcome, comment) in zip(followed, RATINGS, strict=False):
        _, created = FollowupRating.objects.get_or_create(
            case_type=case_type,
            case_id=case_id,
            defaults={
                "reference": reference,
                "outcome": outcome,
                "comment": comment,
                "rated_at": min(sent_at + timedelta(hours=3), now),
            },
        )
        tally.count("回访结果", created)


def ensure_notifications(units, now, tally):
    """After the requests, applications and bookings: their messages sent, three 回访 answered."""
    mark_sent(now, tally)
    ensure_ratings(now, tally)
