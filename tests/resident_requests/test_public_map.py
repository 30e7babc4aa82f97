"""The map of public requests (/liuyan/ditu/): rounded points, a list without tiles, filters, few queries."""

import json
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import building_pages
from townsquare.resident_requests import handling

pytestmark = pytest.mark.django_db
URL = "/liuyan/ditu/"
TILES = "https://t{s}.tiles.example.cn/{z}/{x}/{y}.png"


def accepted(desk, lat="27.851234", long="114.936789", **fields):
    request, _ = desk.file(lat=Decimal(lat) if lat else None, long=Decimal(long) if long else None, **fields)
    handling.accept(request, desk.county.town_a.editor)
    return request


def points(response):
    match = re.search(r'<script id="map-points" type="application/json">(.*?)</script>', response.content.decode())
    return json.loads(match.group(1))


@pytest.fixture
def tiles(settings):
    settings.REQUEST_MAP_TILE_URL = TILES


def test_points_are_rounded_to_about_100_meters(client, desk, tiles):
    accepted(desk)
    assert points(client.get(URL))[0]["lat"] == 27.851 and points(client.get(URL))[0]["lng"] == 114.937


def test_the_exact_point_is_nowhere_on_the_page(client, desk, tiles):
    accepted(desk)
    page = client.get(URL).content.decode()
    assert "27.851234" not in page and "114.936789" not in page


def test_without_tiles_the_page_is_a_list_and_loads_no_map(client, desk):
    request = accepted(desk)
    page = client.get(URL).content.decode()
    assert request.tracking_number in page and "leaflet.js" not in page


def test_with_tiles_the_map_script_is_loaded(client, desk, tiles):
    accepted(desk)
    assert "vendor/leaflet/leaflet.markercluster.js" in client.get(URL).content.decode()


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[114.9, 27.8], [115.0, 27.8], [115.0, 27.9], [114.9, 27.9], [114.9, 27.8]]],
}  # a town's boundary


def test_without_tiles_a_town_with_a_boundary_gives_a_map_on_its_outline(client, desk):
    accepted(desk)
    town = desk.county.town_a.unit
    town.boundary = SQUARE
    town.save()
    page = client.get(URL).content.decode()
    outline = json.loads(re.search(r'<script id="map-outline" type="application/json">(.*?)</script>', page).group(1))
    assert outline["features"][0]["properties"]["name"] == (town.short_name or town.name)


def test_a_boundary_that_is_no_area_is_refused(desk):
    town = desk.county.town_a.unit
    town.boundary = {"type": "Point", "coordinates": [114.9, 27.8]}
    with pytest.raises(ValidationError):
        town.full_clean()


def test_the_tile_servers_are_allowed_images(client, settings):
    settings.CSP_IMG_SOURCES = ["https://t0.tiles.example.cn"]
    assert "https://t0.tiles.example.cn" in client.get(URL)["Content-Security-Policy"]


def test_requests_without_a_point_are_not_listed(client, desk):
    request = accepted(desk, lat=None, long=None)
    assert request.tracking_number not in client.get(URL).content.decode()


def test_private_requests_are_not_shown(client, desk):
    request = accepted(desk, is_public=False)
    assert request.tracking_number not in client.get(URL).content.decode()


def test_no_contact_data_is_shown(client, desk, tiles):
    accepted(desk, title="路灯坏了，电话13912345678", contact_phone="13900001111")
    page = client.get(URL).content.decode()
    assert "13912345678" not in page and "13900001111" not in page


def test_filter_by_category(client, desk):
    roads = accepted(desk)
    schools = accepted(desk, category=desk.schools, title="学校门口")
    page = client.get(URL, {"category": desk.roads.code}).content.decode()
    assert roads.tracking_number in page and schools.tracking_number not in page


def test_filter_by_town(client, desk, county):
    roads = accepted(desk)  # 青禾镇 handles roads
    schools = accepted(desk, category=desk.schools, title="学校门口")  # 石桥镇 handles schools
    page = client.get(URL, {"unit": county.town_b.unit.slug}).content.decode()
    assert schools.tracking_number in page and roads.tracking_number not in page


def test_filter_by_status(client, desk):
    open_one = accepted(desk)
    answered = accepted(desk, title="已修好的路灯")
    handling.answer(answered, "已修好。", desk.county.town_a.editor)
    page = client.get(URL, {"status": "answered"}).content.decode()
    assert answered.tracking_number in page and open_one.tracking_number not in page


def queries(client):
    with building_pages(), CaptureQueriesContext(connection) as captured:
        client.get(URL)
    return len(captured)


def test_queries_do_not_grow_with_points(client, desk, tiles):
    accepted(desk)
    queries(client)  # the site, its root page and the categories' choices are kept after the first
    few = queries(client)
    for index in range(10):
        accepted(desk, title=f"路灯{index}")
    assert queries(client) == few
