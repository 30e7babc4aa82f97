"""Fixtures for residents' requests: a category catalogue over the test county and a way to file requests."""

from dataclasses import dataclass

import pytest

from townsquare.resident_requests import handling
from townsquare.resident_requests.models import Category, RequestType


@dataclass
class Desk:
    """The test county plus categories: roads go to town A, schools to town B."""

    county: object
    roads: Category
    schools: Category

    def file(self, category=None, request_type=RequestType.CONSULT, now=None, key=None, **fields):
        data = {
            "request_type": request_type,
            "category": category or self.roads,
            "title": fields.pop("title", "东街路灯不亮"),
            "details": fields.pop("details", "东街口路灯坏了一个星期，晚上很黑，请尽快修。"),
            "contact_name": fields.pop("contact_name", "李四"),
            "contact_phone": fields.pop("contact_phone", "13900001111"),
            **fields,
        }
        request, password = handling.submit(data, submission_key=key, now=now)
        return request, password


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Residents' photos go to the private storage; here a folder of the test's own."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def desk(county):
    roads = Category.objects.create(
        code="roads", name="道路照明", unit=county.town_a.unit, routing_label="城乡建设", keywords="路灯 道路"
    )
    schools = Category.objects.create(
        code="schools", name="入学招生", unit=county.town_b.unit, routing_label="教育文体", keywords="入学 学校"
    )
    return Desk(county=county, roads=roads, schools=schools)
