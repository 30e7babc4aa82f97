"""What sets messages off: a publication going live (first time, or again with an 更新说明) and a
weather warning arriving for a place.

- First publication (also a scheduled go-live, which Wagtail publishes with the same signal):
  everyone following the page's unit, its column or its 主题分类.
- Published again: only with an 更新说明 new for this revision (a major change, the same rule as the
  public update history); minor fixes stay silent.
- A notice of 停水/停电/停气/封路 is urgent: it also reaches the 停水停电 or traffic subscribers of
  the towns it concerns, and every match gets it at once, whatever their digest choice.
- A weather warning for a place reaches that place's weather and unit subscribers at once; the county's
  warning (for the whole county) also reaches those who follow any town's weather warnings.
- A 生活服务 traffic notice for a town, once approved, reaches its traffic subscribers: a 封路 at once,
  a detour or bus change as their frequency says.
- An approved job or 文旅活动 reaches those who follow that kind for its town or for the whole county,
  as their frequency says.
"""

import logging

from django.db.models import Q
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import timezone
from wagtail.signals import page_published

from townsquare.listings.models import Event, JobListing, TrafficNotice
from townsquare.publishing.models import ArticlePage, NoticePage, UpdateRecord
from townsquare.weather.models import WeatherLocation

from .models import Kind, Subscription
from .notifying import Item, notify
from .tokens import absolute

logger = logging.getLogger(__name__)


def connect():
    page_published.connect(page_went_live, dispatch_uid="subscriptions.page_published")
    post_save.connect(weather_stored, sender=WeatherLocation, dispatch_uid="subscriptions.weather_stored")
    post_save.connect(traffic_saved, sender=TrafficNotice, dispatch_uid="subscriptions.traffic_saved")
    post_save.connect(listing_saved, sender=JobListing, dispatch_uid="subscriptions.job_saved")
    post_save.connect(listing_saved, sender=Event, dispatch_uid="subscriptions.event_saved")


def page_went_live(sender, instance, revision=None, **kwargs):
    # Wagtail sends page_published also when a revision is only scheduled (the page not live yet);
    # the go-live itself sends it again, live.
    if not isinstance(instance, ArticlePage) or revision is None or not instance.live:
        return
    try:
        item = page_item(instance, revision)
        if item is not None:
            notify(item, page_subscriptions(instance))
    except Exception:  # a subscription problem must never undo a publication
        logger.exception("subscriptions for page %s failed", instance.pk)


def is_first_publication(page, revision):
    return page.first_published_at is None or revision.created_at <= page.first_published_at


def page_item(page, revision):
    """The news a publication makes, or None (a minor fix, or a page not everyone may read)."""
    if page.get_view_restrictions().exists():
        return None
    if is_first_publication(page, revision):
        key, label = f"page:{page.pk}:published", ""
    elif UpdateRecord.objects.filter(revision=revision).exists():  # a new 更新说明 (publishing.signals)
        key, label = f"page:{page.pk}:update:{revision.pk}", "更新"
    else:
        return None
    disruption = getattr(page, "disruption", "")
    if disruption:
        label = page.get_disruption_display() + ("·更新" if label else "")
    summary = page.summary
    if label == "更新":
        summary = f"更新说明：{page.change_note}"
    url = page.get_url() or ""
    return Item(
        key=key,
        title=page.title,
        url=absolute(url) if url.startswith("/") else url,
        summary=summary,
        source=page.unit.name if page.unit_id else "",
        label=label,
        urgent=bool(disruption),
    )


def page_subscriptions(page):
    match = Q(kind=Kind.COLUMN, column_id=page.get_parent().pk)
    if page.unit_id:
        match |= Q(kind=Kind.UNIT, unit_id=page.unit_id)
    topic = getattr(page, "topic", "")
    if topic:
        match |= Q(kind=Kind.TOPIC, topic=topic)
    if isinstance(page, NoticePage) and page.disruption:
        kind = Kind.TRAFFIC if page.disruption == NoticePage.Disruption.ROAD else Kind.UTILITIES
        match |= Q(kind=kind, unit__in=page.affected_towns())
    return Subscription.objects.filter(match)


def weather_stored(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and "report" not in update_fields:
        return
    try:
        warn_about(instance)
    except Exception:
        logger.exception("weather warning subscriptions for %s failed", instance.pk)


def warn_about(location, now=None):
    """Send each warning in effect for this place once; returns how many warnings were new."""
    from .models import Message

    report = location.get_report()
    if report is None:
        return 0
    now = now or timezone.now()
    unit = location.unit
    subscriptions = Subscription.objects.filter(Q(kind=Kind.WEATHER) | Q(kind=Kind.UNIT), unit=unit)
    if location.is_county:  # the warning for the whole county is every town's warning too
        subscriptions = Subscription.objects.filter(Q(kind=Kind.WEATHER) | Q(kind=Kind.UNIT, unit=unit))
    url = absolute(reverse("weather:page") if location.is_county else reverse("weather:place", args=[unit.slug]))
    new = 0
    for warning in report.warnings:
        key = f"warning:{unit.pk}:{warning.id}"[:120]
        if not warning.in_effect(now) or Message.objects.filter(key=key).exists():
            continue
        advice = f"\n防御指南：{warning.instruction}" if warning.instruction else ""
        item = Item(
            key=key,
            title=f"{unit.display_name}：{warning.title}",
            url=url,
            summary=(warning.text + advice)[:1000],
            source=warning.sender,
            label="天气预警",
            urgent=True,
        )
        notify(item, subscriptions)
        new += 1
    return new


def traffic_saved(sender, instance, **kwargs):
    if not instance.is_live() or instance.town_id is None:
        return
    try:
        notify(traffic_item(instance), Subscription.objects.filter(kind=Kind.TRAFFIC, unit_id=instance.town_id))
    except Exception:
        logger.exception("traffic subscriptions for listing %s failed", instance.pk)


def traffic_item(notice):
    when = f"{timezone.localtime(notice.starts_at):%m月%d日%H:%M}至{timezone.localtime(notice.ends_at):%m月%d日%H:%M}"
    advice = f"；{notice.advice}" if notice.advice else ""
    return Item(
        key=f"listing:traffic:{notice.pk}",
        title=notice.title,
        url=absolute(notice.get_absolute_url()),
        summary=f"{notice.place}，{when}{advice}"[:300],
        source=notice.unit.name if notice.unit_id else "",
        label=notice.get_notice_kind_display(),
        urgent=notice.notice_kind == TrafficNotice.Kind.CLOSURE,
    )


LISTING_KINDS = {JobListing: Kind.JOBS, Event: Kind.EVENTS}


def listing_saved(sender, instance, **kwargs):
    if not instance.is_live():
        return
    place = Q(unit__isnull=True) | (Q(unit_id=instance.town_id) if instance.town_id else Q(pk__in=[]))
    try:
        notify(listing_item(instance), Subscription.objects.filter(place, kind=LISTING_KINDS[type(instance)]))
    except Exception:
        logger.exception("subscriptions for listing %s failed", instance.pk)


def listing_item(listing):
    """A job or an event as news: where and when (an event) or who hires and until when (a job)."""
    if isinstance(listing, Event):
        when = f"{timezone.localtime(listing.starts_at):%m月%d日%H:%M}"
        summary = f"{listing.get_category_display()}，{when}，{listing.venue}，{listing.price}"
    else:
        summary = f"{listing.employer}，{listing.get_job_kind_display()}"
        if listing.closing_date:
            summary += f"，{listing.closing_date:%m月%d日}截止"
    place = listing.town.display_name if listing.town_id else ""
    return Item(
        key=f"listing:{listing.kind}:{listing.pk}",
        title=listing.title,
        url=absolute(listing.get_absolute_url()),
        summary=summary[:300],
        source=listing.unit.name if listing.unit_id else place,
        label=listing.kind_label,
    )
