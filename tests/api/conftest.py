"""A county with something of every kind the API serves, and a residents' request full of personal data."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from tests.factories import (
    InterpretationPageFactory,
    NewsPageFactory,
    NoticePageFactory,
    PolicyPageFactory,
    PublicityPageFactory,
    TopicPageFactory,
)
from tests.listings import factories as listing_factories
from tests.services.factories import ServiceGuideFactory, index_of
from townsquare.demo.weather import demo_report
from townsquare.resident_requests import handling
from townsquare.resident_requests.models import Category, RequestType
from townsquare.weather.models import WeatherLocation

NAME = "张三丰"
PHONE = "13912345678"
EMAIL = "zhang.sanfeng@example.com"
ID_NUMBER = "430102199001011234"
CONTACT_PHONE = "13800138000"
CONTACT_EMAIL = "private.box@example.org"
LISTING_PHONE = "13700137000"
LISTING_EMAIL = "landlord.li@example.net"
# What must never leave the API (parts too: a masked phone keeps no more than its ends).
SECRETS = (
    NAME,
    PHONE,
    EMAIL,
    ID_NUMBER,
    CONTACT_PHONE,
    CONTACT_EMAIL,
    LISTING_PHONE,
    LISTING_EMAIL,
    "zhang.sanfeng@",
    "private.box@",
    "landlord.li@",
    "12345678",
    "19900101",
)


@dataclass
class Content:
    county: object
    pages: list = field(default_factory=list)
    guides: list = field(default_factory=list)
    listings: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    category: object = None


def _publish_request(category, staff, answer="", **fields):
    data = {
        "request_type": RequestType.CONSULT,
        "category": category,
        "title": "东街路灯不亮",
        "details": "东街口路灯坏了一个星期，晚上很黑，请尽快修。",
        "contact_name": "李四",
        "contact_phone": "13900001111",
        **fields,
    }
    request, _ = handling.submit(data)
    handling.accept(request, staff)
    if answer:
        handling.answer(request, answer, staff)
    return request


def fill(county, pages_per_type=1, listings_per_kind=1, requests=1):
    content = Content(county=county)
    a, b = county.town_a, county.town_b
    for _ in range(pages_per_type):
        content.pages += [
            NewsPageFactory(parent=a.section("news")),
            NoticePageFactory(parent=b.section("notice")),
            PublicityPageFactory(parent=a.section("publicity")),
        ]
        policy = PolicyPageFactory(parent=county.county.section("policy"))
        content.pages += [
            policy,
            InterpretationPageFactory(parent=county.county.section("interpretation"), policy=policy),
        ]
    content.pages.append(TopicPageFactory(parent=county.county.section("topic"), pages=content.pages[:2]))
    content.guides = [ServiceGuideFactory(parent=index_of(a.home)), ServiceGuideFactory(parent=index_of(b.home))]
    for _ in range(listings_per_kind):
        content.listings += [
            listing_factories.job(town=a.unit, unit=a.unit),
            listing_factories.rental(
                town=b.unit,
                source="public",
                description=f"房东{NAME}，电话{LISTING_PHONE}，邮箱{LISTING_EMAIL}。",
                contact_name=NAME,
                contact_phone=LISTING_PHONE,
                contact_email=LISTING_EMAIL,
            ),
            listing_factories.enrolment(town=a.unit),
            listing_factories.traffic(town=a.unit),
            listing_factories.event(town=b.unit),
            listing_factories.offer(town=b.unit),
        ]
    content.category = Category.objects.create(code="roads", name="道路照明", unit=a.unit, keywords="路灯")
    personal = _publish_request(
        content.category,
        a.editor,
        title=f"{NAME}反映路灯，电话{PHONE}",
        details=f"我是{NAME}，电话{PHONE}，身份证{ID_NUMBER}，邮箱{EMAIL}。东街口路灯坏了。",
        address=f"东街12号{NAME}家门口",
        contact_name=NAME,
        contact_phone=CONTACT_PHONE,
        contact_email=CONTACT_EMAIL,
        answer=f"{NAME}您好，路灯已修好，回访电话{PHONE}。",
    )
    handling.rate(personal, "satisfied", f"谢谢，{NAME}，有事打{PHONE}")
    content.requests.append(personal)
    for n in range(requests - 1):
        content.requests.append(_publish_request(content.category, a.editor, answer="已修好。" if n % 2 else ""))
    now = timezone.now()
    for place, slug in ((county.county, "shifan"), (a, "qinghe")):
        location = WeatherLocation.objects.create(unit=place.unit, latitude="27.85", longitude="114.93")
        location.store_report(demo_report(slug, now), now, demo=True)
    return content


@pytest.fixture
def content(county):
    return fill(county)


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, f"{url} {params}: {response.status_code} {response.content[:300]}"
    return response.json()


def walk(client, url, **params):
    """Every item of a list, following ``next_cursor`` (bounded: a loop would fail the test, not hang it)."""
    items, cursor = [], params.pop("cursor", "")
    for _ in range(200):
        data = get_json(client, url, **params, **({"cursor": cursor} if cursor else {}))
        items += data["items"]
        cursor = data["next_cursor"]
        if not cursor:
            return items
    raise AssertionError("the cursor never ended")


ONE_DAY = datetime.timedelta(days=1)
