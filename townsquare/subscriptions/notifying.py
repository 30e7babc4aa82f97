"""From a piece of news to the people who follow it: at once, or into their next digest.

``notify(item, subscriptions)`` takes the confirmed subscriptions that match. Those who chose
"immediate" — and everyone, when the item is urgent (停水停电、封路, weather warnings) — get one
message now; the others find the item in their next daily or weekly digest. An item is known by
its key: published twice, it is still sent once and listed once.
"""

from dataclasses import dataclass

from .models import DigestItem, Frequency, Message
from .sending import queue


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    url: str
    summary: str = ""
    source: str = ""
    label: str = ""  # a word before the title: 停水, 更新, 天气预警
    urgent: bool = False

    @property
    def heading(self):
        return f"【{self.label}】{self.title}" if self.label else self.title

    def text(self):
        lines = [self.heading, ""]
        if self.source:
            lines.append(f"发布单位：{self.source}")
        if self.summary:
            lines += [self.summary, ""]
        lines.append(f"查看全文：{self.url}")
        return "\n".join(lines)


def recipients(item, subscriptions):
    """(subscriber ids to send to now, {subscriber id: digest frequency}) of the matching confirmed subscriptions."""
    now, digest = set(), {}
    rows = subscriptions.filter(
        confirmed_at__isnull=False, subscriber__confirmed_at__isnull=False, subscriber__unreachable_at__isnull=True
    ).values_list("subscriber_id", "frequency")
    for subscriber_id, frequency in rows:
        if item.urgent or frequency == Frequency.IMMEDIATE:
            now.add(subscriber_id)
        elif digest.get(subscriber_id) != Frequency.DAILY:
            digest[subscriber_id] = frequency  # daily wins when both match
    return now, {pk: frequency for pk, frequency in digest.items() if pk not in now}


def notify(item, subscriptions):
    """Send ``item`` now to some, file it for the digest of the others; returns (sent now, filed) counts."""
    now, later = recipients(item, subscriptions)
    if now:
        purpose = Message.Purpose.URGENT if item.urgent else Message.Purpose.IMMEDIATE
        message, _ = Message.objects.get_or_create(
            key=item.key,
            defaults={
                "purpose": purpose,
                "subject": item.heading[:200],
                "body": item.text(),
                "source": item.source[:100],
                "url": item.url[:500],
            },
        )
        queue(message, sorted(now))
    if later:
        DigestItem.objects.bulk_create(
            [
                DigestItem(
                    subscriber_id=pk,
                    frequency=frequency,
                    key=item.key,
                    title=item.heading[:255],
                    url=item.url[:500],
                    summary=item.summary[:300],
                )
                for pk, frequency in later.items()
            ],
            ignore_conflicts=True,
            batch_size=2000,
        )
    return len(now), len(later)
