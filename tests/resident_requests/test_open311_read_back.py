"""Open311: a client reads back the request it has just filed, with the key that filed it."""

import pytest

from townsquare.resident_requests.models import ApiKey

from .test_open311 import BASE

pytestmark = pytest.mark.django_db
KEY = "app-read-back-key"
OTHER_KEY = "another-app-key"


@pytest.fixture
def filed(client, desk):
    ApiKey.objects.create(name="示范县 App", key=KEY)
    ApiKey.objects.create(name="别的 App", key=OTHER_KEY)
    data = {
        "api_key": KEY,
        "service_code": "roads",
        "address_string": "东街与人民路交叉口",
        "first_name": "小明",
        "last_name": "王",
        "phone": "13900001111",
        "description": "东街口的路灯坏了一个星期，王小明晚上回家很黑，电话13900001111。",
        "attribute[request_type]": "help",
        "attribute[title]": "东街路灯不亮",
    }
    response = client.post(f"{BASE}requests.json", data)
    assert response.status_code == 200, response.content.decode()
    return response.json()[0]["service_request_id"]


def detail(client, number, **params):
    return client.get(f"{BASE}requests/{number}.json", params)


def test_the_key_that_filed_a_request_reads_it_before_it_is_accepted(client, filed):
    response = detail(client, filed, api_key=KEY)
    assert response.status_code == 200 and response.json()[0]["service_request_id"] == filed


def test_a_read_back_request_is_masked(client, filed):
    description = detail(client, filed, api_key=KEY).json()[0].get("description", "")
    assert "路灯" in description and "13900001111" not in description and "王小明" not in description


def test_without_a_key_a_new_request_stays_hidden_until_accepted(client, filed):
    assert detail(client, filed).status_code == 404


def test_another_key_cannot_read_a_new_request(client, filed):
    assert detail(client, filed, api_key=OTHER_KEY).status_code == 404


def test_a_revoked_key_no_longer_reads_its_new_request(client, filed):
    ApiKey.objects.get(key=KEY).revoke()
    assert detail(client, filed, api_key=KEY).status_code == 404
