"""Helpers for the oversight tests: publications dated in the past, requests, guides."""

from datetime import timedelta

from wagtail.models import Page

from townsquare.publishing.models import SectionPage
from townsquare.resident_requests import handling
from townsquare.resident_requests.models import Category

from ..factories import NewsPageFactory, NoticePageFactory, PublicityPageFactory


def dated(page, when, written=None):
    """Say ``page`` was first published at ``when`` (and written at ``written``, by default then too)."""
    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    page.revisions.update(created_at=written or when)
    return page


def ago(now, days, hours=0):
    return now - timedelta(days=days, hours=hours)


ITEM_FACTORIES = {"news": NewsPageFactory, "notice": NoticePageFactory, "publicity": PublicityPageFactory}


def item_in(section, when, **fields):
    factory = ITEM_FACTORIES.get(section.kind, NewsPageFactory)
    return dated(factory(parent=section, **fields), when)


def add_section(home, kind, title=None, slug=None):
    count = SectionPage.objects.child_of(home).count()
    section = SectionPage(title=title or f"栏目{count}", slug=slug or f"lanmu-{kind}-{count}", kind=kind)
    home.add_child(instance=section)
    section.save_revision().publish()
    return SectionPage.objects.get(pk=section.pk)


def category_for(unit):
    return Category.objects.get_or_create(code=f"roads-{unit.slug}", defaults={"name": "道路照明", "unit": unit})[0]


def file_request(unit, received, title="东街路灯不亮"):
    data = {
        "request_type": "consult",
        "category": category_for(unit),
        "title": title,
        "details": "东街口路灯坏了一个星期，晚上很黑。",
        "contact_name": "李四",
        "contact_phone": "13900001111",
    }
    request, _ = handling.submit(data, now=received)
    return request
