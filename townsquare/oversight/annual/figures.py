"""The parts of the annual report: a ``Report`` of ``Row``s, each with a ``Figure`` that knows its items.

A figure's ``parts`` are querysets with a label; the admin page lists their rows as ``Item``s,
so every figure links to the items behind it and its count equals that list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from ..admin_links import reverse_or_blank

REPORT_TIMEZONE = ZoneInfo("Asia/Shanghai")
FILL_IN = "请填写"


def year_bounds(year):
    """First moment of ``year`` and of the next, Beijing time."""
    return datetime(year, 1, 1, tzinfo=REPORT_TIMEZONE), datetime(year + 1, 1, 1, tzinfo=REPORT_TIMEZONE)


@dataclass
class Item:
    """One thing a figure counts: what it is, when, and where to look at it."""

    title: str
    date: datetime | date | None
    kind: str = ""
    url: str = ""
    admin_url: str = ""
    note: str = ""


class Part:
    """A queryset a figure counts, with how to show its rows as items."""

    label = ""

    def __init__(self, queryset, label=""):
        self.queryset = queryset
        self.label = label or self.label
        self._count = None

    def count(self):
        if self._count is None:
            self._count = self.queryset.count()
        return self._count

    def items(self):
        raise NotImplementedError


class PagePart(Part):
    """Wagtail pages, dated by first publication."""

    def items(self):
        rows = self.queryset.select_related("content_type").order_by("first_published_at", "pk")
        items = []
        for page in rows:
            model = page.content_type.model_class()
            items.append(
                Item(
                    title=page.title,
                    date=page.first_published_at,
                    kind=str(model._meta.verbose_name) if model else self.label,
                    url=page.get_url() or "",
                    admin_url=reverse_or_blank("wagtailadmin_pages:edit", page.pk),
                )
            )
        return items


class PublishLogPart(Part):
    """Publish actions on pages (Wagtail's log), dated by the action."""

    def items(self):
        items = []
        for entry in self.queryset.select_related("page").order_by("timestamp", "pk"):
            page = entry.page
            items.append(
                Item(
                    title=entry.label or (page.title if page else ""),
                    date=entry.timestamp,
                    kind=self.label,
                    url=(page.get_url() or "") if page else "",
                    admin_url=reverse_or_blank("wagtailadmin_pages:edit", entry.page_id) if page else "",
                    note="发布更新",
                )
            )
        return items


class RequestPart(Part):
    """Residents' requests: title and tracking number only (no personal data)."""

    def items(self):
        items = []
        rows = self.queryset.select_related("unit").order_by("received_at", "pk")
        for request in rows.only("pk", "tracking_number", "title", "received_at", "answered_at", "unit__name"):
            note = f"承办：{request.unit.name}"
            if request.answered_at:
                days = (request.answered_at - request.received_at).total_seconds() / 86400
                note += f"；答复于{timezone.localtime(request.answered_at, REPORT_TIMEZONE):%Y-%m-%d}，用时{days:.1f}天"
            items.append(
                Item(
                    title=f"{request.tracking_number} {request.title}",
                    date=request.received_at,
                    kind=self.label,
                    admin_url=reverse_or_blank("resident_requests_detail", request.pk),
                    note=note,
                )
            )
        return items


class BookingPart(Part):
    """Appointments: the service, the day and the code; never the name or phone."""

    def items(self):
        rows = self.queryset.select_related("slot", "service__guide", "service__window").order_by(
            "slot__day", "slot__start", "pk"
        )
        return [
            Item(
                title=f"{booking.service.guide.title}（{booking.display_code}）",
                date=booking.slot.day,
                kind=self.label,
                note=booking.service.window.name,
            )
            for booking in rows
        ]


class ChannelPart(Part):
    def items(self):
        return [
            Item(
                title=channel.name,
                date=getattr(channel, "opened_on", None),
                kind=channel.get_kind_display(),
                note="；".join(
                    text
                    for text in (
                        getattr(getattr(channel, "unit", None), "name", ""),
                        channel.get_status_display() if hasattr(channel, "get_status_display") else "",
                    )
                    if text
                ),
            )
            for channel in self.queryset.select_related("unit").order_by("unit__sort_order", "kind", "name", "pk")
        ]


@dataclass
class Figure:
    """The value of one row. ``parts`` (if any) are the items it counts; ``fill_in`` marks 请填写."""

    key: str
    value: object = None
    parts: list = field(default_factory=list)
    fill_in: bool = False
    note: str = ""

    @property
    def traceable(self):
        return bool(self.parts)

    @property
    def display(self):
        if self.fill_in and self.value in (None, ""):
            return FILL_IN
        if self.value is None:
            return "—"
        return str(self.value)

    def items(self):
        items = []
        for part in self.parts:
            items.extend(part.items())
        return items


@dataclass
class Row:
    """A row of the form: its headings from outer to inner (1 to 3) and its figure."""

    labels: tuple
    figure: Figure
    unit: str = ""

    @property
    def label(self):
        return " — ".join(self.labels)

    @property
    def key(self):
        return self.figure.key


@dataclass
class Report:
    year: int
    unit: object
    rows: list
    generated_at: datetime
    title: str = "政府网站与政务新媒体工作年度报表"
    signature: list = field(default_factory=list)

    def figure(self, key):
        for row in self.rows:
            if row.key == key:
                return row.figure
        raise KeyError(key)

    def row(self, key):
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    @property
    def scope_label(self):
        return self.unit.name if self.unit is not None else "全县（本平台所有单位）"

    def text_rows(self):
        """(heading path, value) for plain-text output."""
        return [
            (" / ".join(row.labels) + (f"（{row.unit}）" if row.unit else ""), row.figure.display) for row in self.rows
        ]
