"""The platform's own sections as channels: one per home page (county home and every unit home).

Their last update is not reported by anyone: it is the newest publication in that home's own
columns (a unit's columns do not count for the county home).
"""

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from wagtail.models import Page

from townsquare.publishing.models import HomePage, SectionPage, UnitHomePage

from .models import Channel, ChannelEvent


def last_published_on(home):
    """The local date of the newest live publication in ``home`` itself or its own columns (None if none)."""
    sections = list(SectionPage.objects.child_of(home).values_list("path", flat=True))
    condition = Q(pk=home.pk)
    for path in sections:
        condition |= Q(path__startswith=path)
    newest = Page.objects.live().filter(condition).aggregate(newest=Max("last_published_at"))["newest"]
    return timezone.localdate(newest) if newest else None


def sync_platform_channels(now=None):
    """Create or refresh the ``platform`` channel of every home page; returns (created, updated)."""
    now = now or timezone.now()
    homes = [*HomePage.objects.select_related("unit"), *UnitHomePage.objects.select_related("unit")]
    existing = {channel.page_id: channel for channel in Channel.objects.platform().filter(page__isnull=False)}
    created = updated = 0
    with transaction.atomic():
        for home in homes:
            last = last_published_on(home)
            channel = existing.get(home.pk)
            if channel is None:
                channel = Channel.objects.create(
                    unit=home.unit,
                    kind=Channel.Kind.PLATFORM,
                    name=home.title,
                    page=home,
                    opened_on=timezone.localdate(home.first_published_at) if home.first_published_at else None,
                    last_update_on=last,
                    status=Channel.Status.ACTIVE if home.live else Channel.Status.SUSPENDED,
                    created_at=now,
                )
                ChannelEvent.objects.create(
                    channel=channel,
                    action=ChannelEvent.Action.REGISTER,
                    at=now,
                    detail=f"本平台栏目“{home.title}”，由网站自动登记",
                )
                created += 1
                continue
            wanted = {"name": home.title, "unit_id": home.unit_id, "last_update_on": last}
            changed = [name for name, value in wanted.items() if getattr(channel, name) != value]
            if changed:
                for name in changed:
                    setattr(channel, name, wanted[name])
                channel.save(update_fields=changed)
                updated += 1
    return created, updated
