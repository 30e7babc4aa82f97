"""Open311 GeoReport v2, reading side: discovery, services, definitions, requests, tokens.

Every JSON answer is checked against the JSON Schemas in ``../shared/datasets/open311/``
(and the swagger definitions where no schema file covers it); XML answers are parsed.
"""

import io
import json
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from townsquare.resident_requests import handling, public
from townsquare.resident_requests.models import Category, RequestPhoto, RequestType

pytestmark = pytest.mark.django_db
BASE = "/open311/v2/"
PERSONAL = ("13900001111", "13812345678", "lisi@example.com", "李四", "王小明")


# --- schemas ----------------------------------------------------------------------------------


def schema_dir():
    return Path(settings.DATASETS_DIR) / "open311"


def _format_checker():
    """Check date-time and uri strictly (jsonschema only does so with optional extra packages)."""
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def date_time(value):
        if not isinstance(value, str):
            return True
        moment = datetime.fromisoformat(value)
        return "T" in value and moment.tzinfo is not None

    @checker.checks("uri")
    def uri(value):
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.netloc)

    return checker


class Schemas:
    def __init__(self, folder):
        from jsonschema import Draft4Validator, Draft7Validator
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT7

        self.files = {path.name: json.loads(path.read_text(encoding="utf-8")) for path in folder.glob("*.json")}
        registry = Registry().with_resources(
            (name, Resource.from_contents(schema, default_specification=DRAFT7))
            for name, schema in self.files.items()
            if name != "swagger.json"
        )
        self._draft7, self._draft4, self._registry = Draft7Validator, Draft4Validator, registry
        self._checker = _format_checker()

    def check(self, name, data):
        """Validate ``data`` against schema file ``name``; raises ValidationError."""
        validator = self._draft7(self.files[name], registry=self._registry, format_checker=self._checker)
        validator.validate(data)

    def check_swagger(self, definition, data, many=True):
        """Validate against a definition of swagger.json (an array of them when ``many``)."""
        swagger = self.files["swagger.json"]
        item = {"$ref": f"#/definitions/{definition}"}
        schema = {"definitions": swagger["definitions"], **({"type": "array", "items": item} if many else item)}
        self._draft4(schema, format_checker=self._checker).validate(data)


@pytest.fixture(scope="session")
def schemas():
    pytest.importorskip("jsonschema", reason="jsonschema is not installed (requirements-dev)")
    folder = schema_dir()
    if not (folder / "request.json").exists():
        pytest.skip(f"Open311 schemas not found in {folder} (the shared data sets folder is absent)")
    return Schemas(folder)


# --- helpers ----------------------------------------------------------------------------------


def get_json(client, path, expect=200, **params):
    response = client.get(BASE + path, params)
    assert response.status_code == expect, response.content.decode()
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def get_xml(client, path, expect=200, **params):
    response = client.get(BASE + path, params)
    assert response.status_code == expect, response.content.decode()
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)


def photo_file():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return SimpleUploadedFile("road.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def cases(desk):
    """Requests in every state, sent as public, and one private; personal data typed into the texts.

    Listed are the ones the website shows too: taken up by a unit (accepted, answered, merged).
    Not yet accepted, declined and private ones are not. Names are masked where they are the
    request's own contact (the only names we know).
    """
    staff = desk.county.town_a.editor
    open_one, _ = desk.file(
        details="东街口路灯坏了，我是王小明，电话13812345678，邮箱 lisi@example.com，请联系王小明。",
        address="东街12号王小明家门口",
        lat="30.123456",
        long="120.654321",
        contact_name="王小明",
    )
    handling.accept(open_one, staff)
    answered, _ = desk.file(category=desk.schools, request_type=RequestType.SUGGEST, title="学校门口要斑马线")
    handling.answer(answered, "已联系交警，请李四（13900001111）留意。", staff)
    declined, _ = desk.file(title="外县的事")
    handling.decline(declined, "不属于本县管辖，已告知李四。", staff)
    merged, _ = desk.file(title="又一个路灯")
    handling.merge(merged, open_one, staff)
    private, _ = desk.file(title="不公开的事", is_public=False)
    handling.accept(private, staff)
    unaccepted, _ = desk.file(title="还没人看过的事")
    RequestPhoto.objects.create(request=answered, image=photo_file())
    return {
        "open": open_one,
        "answered": answered,
        "declined": declined,
        "merged": merged,
        "private": private,
        "unaccepted": unaccepted,
    }


# --- discovery, services, definitions --------------------------------------------------------------------


def test_discovery_names_the_spec_our_base_and_both_formats(client, desk):
    data = get_json(client, "discovery.json")
    endpoint = data["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert datetime.fromisoformat(data["changeset"]).tzinfo is not None
    assert "示范县人民政府" in data["contact"] and "api_key" in data["key_service"]
    root = get_xml(client, "discovery.xml")
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == ["text/xml", "application/json"]
    assert root.findtext("endpoints/endpoint/specification") == "http://wiki.open311.org/GeoReport_v2"


def test_every_active_category_is_a_service(client, desk, schemas):
    Category.objects.create(code="old", name="停用的分类", unit=desk.roads.unit, active=False)
    other = Category.objects.create(code="misc", name="其他事项", unit=desk.roads.unit, keywords="杂项，其他 事")
    data = get_json(client, "services.json")
    schemas.check("services.json", data)
    schemas.check_swagger("Service", data)
    by_code = {service["service_code"]: service for service in data}
    assert set(by_code) == {"roads", "schools", "misc"}
    assert by_code["roads"] == {
        "service_code": "roads",
        "service_name": "道路照明",
        "description": "",
        "metadata": True,
        "type": "realtime",
        "keywords": "路灯,道路",
        "group": "城乡建设",
    }
    assert by_code[other.code]["group"] == "其他" and by_code["misc"]["keywords"] == "杂项,其他,事"
    root = get_xml(client, "services.xml")
    assert root.tag == "services" and len(root.findall("service")) == 3
    assert root.find("service/metadata").text == "true"


def test_a_service_definition_lists_our_attributes(client, desk, schemas):
    data = get_json(client, "services/roads.json")
    schemas.check("service-definition.json", data)
    schemas.check_swagger("ServiceDefinition", data, many=False)
    attributes = {attribute["code"]: attribute for attribute in data["attributes"]}
    assert list(attributes) == ["request_type", "title", "is_public"]
    kinds = attributes["request_type"]
    assert kinds["datatype"] == "singlevaluelist" and kinds["required"] is True
    assert [value["name"] for value in kinds["values"]] == ["咨询", "建议", "投诉", "求助", "举报"]
    assert kinds["values"][0]["key"] == "consult"
    assert attributes["title"]["datatype"] == "string" and attributes["title"]["required"] is True
    assert attributes["is_public"]["required"] is False
    assert [value["key"] for value in attributes["is_public"]["values"]] == ["true", "false"]
    root = get_xml(client, "services/roads.xml")
    assert root.tag == "service_definition"
    assert [a.findtext("code") for a in root.findall("attributes/attribute")] == ["request_type", "title", "is_public"]
    assert len(root.findall("attributes/attribute/values/value")) == 7


def test_an_unknown_service_is_a_404_in_the_error_format(client, desk):
    errors = get_json(client, "services/nothing.json", expect=404)
    assert errors[0]["code"] == 404 and "nothing" in errors[0]["description"]
    root = get_xml(client, "services/nothing.xml", expect=404)
    assert root.tag == "errors" and root.findtext("error/code") == "404"
    assert root.findtext("error/description")


# --- service requests -------------------------------------------------------------------------


def test_the_list_shows_public_requests_in_the_spec_form(client, cases, schemas):
    data = get_json(client, "requests.json")
    schemas.check("requests.json", data)
    schemas.check_swagger("Request", data)
    by_id = {item["service_request_id"]: item for item in data}
    assert set(by_id) == {cases[name].tracking_number for name in ("open", "answered", "merged")}

    item = by_id[cases["open"].tracking_number]
    request = cases["open"]
    assert item["status"] == "open" and item["status_notes"] == "办理中"
    assert item["service_code"] == "roads" and item["service_name"] == "道路照明"
    assert item["agency_responsible"] == request.unit.name
    assert item["requested_datetime"] == timezone.localtime(request.received_at).isoformat(timespec="seconds")
    assert item["requested_datetime"].endswith("+08:00")
    assert item["expected_datetime"] == timezone.localtime(request.answer_due).isoformat(timespec="seconds")
    assert item["lat"] == 30.123 and item["long"] == 120.654
    assert item["address_id"] == "" and item["zipcode"] == ""
    assert "media_url" not in item
    assert "预计" in item["service_notice"]

    answered = by_id[cases["answered"].tracking_number]
    assert answered["status"] == "closed" and answered["status_notes"].startswith("已联系交警")
    assert "media_url" not in answered  # photos are never public
    assert "lat" not in answered
    merged = by_id[cases["merged"].tracking_number]
    assert merged["status"] == "closed" and request.tracking_number in merged["status_notes"]
    assert merged["updated_datetime"] >= merged["requested_datetime"]


def test_open311_lists_exactly_the_requests_of_the_public_website_list(client, cases):
    listed = {item["service_request_id"] for item in get_json(client, "requests.json")}
    assert listed == {item.tracking_number for item in public.public_requests()}
    page = client.get(reverse("resident_requests:public_list")).content.decode()
    for name in ("open", "answered", "merged"):
        assert cases[name].tracking_number in page
    for name in ("declined", "unaccepted", "private"):
        assert cases[name].tracking_number not in page and cases[name].tracking_number not in listed


@pytest.mark.parametrize("name", ["declined", "unaccepted", "private"])
def test_declined_not_yet_accepted_and_private_requests_are_not_found(client, cases, name):
    errors = get_json(client, f"requests/{cases[name].tracking_number}.json", expect=404)
    assert errors[0]["code"] == 404


def test_public_output_never_shows_names_phones_or_email(client, cases):
    for path in ("requests.json", "requests.xml", f"requests/{cases['open'].tracking_number}.json"):
        body = client.get(BASE + path).content.decode()
        for secret in PERSONAL:
            assert secret not in body, (path, secret)
    item = get_json(client, f"requests/{cases['open'].tracking_number}.json")[0]
    assert "138****5678" in item["description"] and "l***@example.com" in item["description"]
    assert "王**" in item["description"] and "王**" in item["address"]


def test_one_request_by_its_number_and_private_ones_are_not_found(client, cases, schemas):
    number = cases["answered"].tracking_number
    data = get_json(client, f"requests/{number}.json")
    schemas.check("requests.json", data)
    assert [item["service_request_id"] for item in data] == [number]
    root = get_xml(client, f"requests/{number}.xml")
    assert root.tag == "service_requests" and root.findtext("request/service_request_id") == number
    assert root.findtext("request/status") == "closed"
    errors = get_json(client, f"requests/{cases['private'].tracking_number}.json", expect=404)
    assert errors[0]["code"] == 404
    get_xml(client, "requests/000.xml", expect=404)


def test_tokens_are_the_request_numbers(client, cases, schemas):
    number = cases["open"].tracking_number
    data = get_json(client, f"tokens/{number}.json")
    schemas.check_swagger("TokenResponse", data)
    assert data == [{"service_request_id": number, "token": number}]
    root = get_xml(client, f"tokens/{number}.xml")
    assert root.tag == "service_requests" and root.findtext("request/token") == number
    get_json(client, "tokens/nope.json", expect=404)


def test_the_list_in_xml(client, cases):
    root = get_xml(client, "requests.xml")
    assert root.tag == "service_requests"
    items = root.findall("request")
    assert len(items) == 3
    assert {item.findtext("status") for item in items} == {"open", "closed"}
    assert all(item.find("requested_datetime").text for item in items)


def test_filters(client, cases):
    def numbers(**params):
        return {item["service_request_id"] for item in get_json(client, "requests.json", **params)}

    assert numbers(service_code="schools") == {cases["answered"].tracking_number}
    assert numbers(status="open") == {cases["open"].tracking_number}
    closed = {cases[name].tracking_number for name in ("answered", "merged")}
    assert numbers(status="closed") == closed
    assert numbers(status="open,closed") == closed | {cases["open"].tracking_number}
    wanted = f"{cases['open'].tracking_number},{cases['private'].tracking_number}, {cases['merged'].tracking_number}"
    assert numbers(service_request_id=wanted) == {cases["open"].tracking_number, cases["merged"].tracking_number}
    # service_request_id overrides the other filters.
    assert numbers(service_request_id=cases["open"].tracking_number, status="closed") == {cases["open"].tracking_number}
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert numbers(start_date=tomorrow) == set()
    assert len(numbers(end_date=tomorrow)) == 3
    now = timezone.now()
    start = (now - timedelta(hours=1)).isoformat()
    end = (now + timedelta(hours=1)).astimezone(timezone.get_fixed_timezone(0)).isoformat().replace("+00:00", "Z")
    assert len(numbers(start_date=start, end_date=end)) == 3


def test_by_default_the_list_covers_the_last_ninety_days(client, desk):
    old, _ = desk.file(title="很久以前", now=timezone.now() - timedelta(days=91))
    recent, _ = desk.file(title="最近", now=timezone.now() - timedelta(days=89))
    for request in (old, recent):
        handling.accept(request, None)
    listed = {item["service_request_id"] for item in get_json(client, "requests.json")}
    assert listed == {recent.tracking_number}
    asked = get_json(client, "requests.json", start_date=(timezone.now() - timedelta(days=95)).isoformat())
    assert {item["service_request_id"] for item in asked} == {old.tracking_number, recent.tracking_number}


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "昨天"},
        {"end_date": "2026-13-01"},
        {"status": "pending"},
        {"start_date": "2026-01-01", "end_date": "2026-06-01"},
        {"start_date": "2026-06-01", "end_date": "2026-01-01"},
    ],
)
def test_bad_filters_are_400_in_the_error_format(client, desk, params):
    errors = get_json(client, "requests.json", expect=400, **params)
    assert errors and all(error["code"] == 400 and error["description"] for error in errors)
    root = get_xml(client, "requests.xml", expect=400, **params)
    assert root.tag == "errors" and root.findtext("error/code") == "400"


def test_the_list_needs_the_same_number_of_queries_however_long(client, desk):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(BASE + "requests.json").status_code == 200
        return len(captured.captured_queries)

    request, _ = desk.file()
    handling.accept(request, None)
    RequestPhoto.objects.create(request=request, image=photo_file())
    queries()  # the first answer also reads the units' public numbers (kept in the cache for masking)
    few = queries()
    for number in range(12):
        created, _ = desk.file(title=f"第{number}条", category=desk.schools if number % 2 else desk.roads)
        handling.accept(created, None)
        RequestPhoto.objects.create(request=created, image=photo_file())
    assert len(get_json(client, "requests.json")) == 13
    assert queries() == few <= 2


def test_xml_survives_control_characters_and_markup(client, desk):
    request, _ = desk.file(details="路灯<坏了> & \x01\x0b 请修 ]]>")
    handling.accept(request, None)
    root = get_xml(client, f"requests/{request.tracking_number}.xml")
    assert root.findtext("request/description") == "路灯<坏了> &  请修 ]]>"


def test_wrong_methods_and_unknown_paths_answer_in_the_error_format(client, desk):
    response = client.put(BASE + "services.json")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert response.json()[0]["code"] == 405
    response = client.delete(BASE + "requests.xml")
    assert response.status_code == 405 and ET.fromstring(response.content).tag == "errors"
    response = client.get(BASE + "nothing.json")
    assert response.status_code == 404 and response.json()[0]["code"] == 404
    response = client.get(BASE + "services.csv")
    assert response.status_code == 404 and ET.fromstring(response.content).findtext("error/code") == "404"


def test_reading_is_open_to_other_sites(client, desk):
    response = client.get(BASE + "services.json")
    assert response["Access-Control-Allow-Origin"] == "*"


# --- privacy and bad input ----------------------------------------------------------------------------


def test_public_coordinates_are_rounded_to_three_decimals_in_xml(client, cases):
    root = get_xml(client, f"requests/{cases['open'].tracking_number}.xml")
    assert (root.findtext("request/lat"), root.findtext("request/long")) == ("30.123", "120.654")


def test_a_private_request_number_gets_the_same_token_answer_as_an_unknown_one(client, cases):
    private = client.get(f"{BASE}tokens/{cases['private'].tracking_number}.json")
    unknown = client.get(f"{BASE}tokens/{cases['private'].tracking_number[:-1]}0.json")
    assert (
        (private.status_code, private.json()[0]["code"])
        == (unknown.status_code, unknown.json()[0]["code"])
        == (
            404,
            404,
        )
    )


def test_deeply_nested_json_is_a_400_in_the_error_format(client, desk):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post(f"{BASE}requests.json", body, content_type="application/json")
    assert (response.status_code, response.json()[0]["code"]) == (400, 400)


@pytest.mark.parametrize(
    "params",
    [{"start_date": "9999-12-31"}, {"end_date": "0001-01-01"}, {"end_date": "9999-12-31T23:59:59-12:00"}],
)
def test_an_extreme_date_filter_is_a_400_in_the_error_format(client, desk, params):
    errors = get_json(client, "requests.json", expect=400, **params)
    assert errors[0]["code"] == 400 and errors[0]["description"]
