"""Two app instances on one PostgreSQL and one Redis act as one site: what one receives, the other shows.

The instances are the production stack's gunicorn (scripts/serve_prod.py, without nginx, worker or
scheduler), pointed at this test run's database; the test's data is committed (transactional test),
so they see it. Each instance has one worker and no warm-up, to start in a few seconds.
"""

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from scripts.serve_prod import Stack
from tests.factories import NoticePageFactory
from townsquare.resident_requests import handling
from townsquare.resident_requests.models import ApiKey, Category, ResidentRequest

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql") or not settings.REDIS_URL,
        reason="需要 PostgreSQL 和 Redis（设置 DATABASE_URL=postgres://… 与 REDIS_URL）",
    ),
]
KEY = "two-instances-key"


def free_port():
    """A port with two free ones after it, most likely (the instances listen on the two after it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1] - 3


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def instances(county, tmp_path):
    env = {
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "TOWNSQUARE_VAR_DIR": str(tmp_path / "var"),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "SEARCH_WARM_UP": "0",
        "DB_CONN_MAX_AGE": "0",
    }
    stack = Stack(free_port(), instances=2, workers=1, nginx=False, background=False, env=env)
    with stack:
        assert stack.wait_ready(timeout=45), f"gunicorn 实例未启动：{stack.dead() or '超时'}"
        yield stack.app_ports


def call(port, path, data=None):
    body = urllib.parse.urlencode(data).encode() if data else None
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/open311/v2/{path}", body, timeout=20) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_request_filed_on_one_instance_is_shown_by_the_other(county, instances):
    first, second = instances
    Category.objects.create(code="roads", name="道路照明", unit=county.town_a.unit, keywords="路灯")
    ApiKey.objects.create(name="示范县 App", key=KEY)
    status, filed = call(
        first,
        "requests.json",
        {
            "api_key": KEY,
            "service_code": "roads",
            "lat": "30.27415",
            "long": "120.15515",
            "address_string": "东街与人民路交叉口",
            "first_name": "小明",
            "last_name": "王",
            "phone": "13900001111",
            "description": "东街口的路灯坏了一个星期，晚上很黑，请尽快修。",
            "attribute[request_type]": "help",
            "attribute[title]": "东街路灯不亮",
        },
    )
    assert status == 200, filed
    number = filed[0]["service_request_id"]
    handling.accept(ResidentRequest.objects.get(tracking_number=number), None)  # shown once a unit takes it up
    status, shown = call(second, f"requests/{number}.json")
    assert (status, shown and shown[0]["service_request_id"]) == (200, number)


def home_page(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=20) as response:
        return response.headers.get("X-Page-Cache", ""), response.read().decode()


def shows_within(port, text, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in home_page(port)[1]:
            return True
        time.sleep(0.2)
    return False


def wait_past_midnight_if_near(margin=30):
    """Cached pages end at local midnight by design: a test started in the day's last seconds waits for the next."""
    now = timezone.localtime()
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), tzinfo=now.tzinfo)
    left = (midnight - now).total_seconds()
    if left < margin:
        time.sleep(left + 1)


def test_a_notice_published_is_on_both_instances_home_pages_at_once(county, instances, settings):
    # This process invalidates through the instances' shared page cache in Redis (tests otherwise use memory).
    shared = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": settings.REDIS_URL}
    shared["KEY_PREFIX"] = "townsquare-pages"
    settings.CACHES = {**settings.CACHES, settings.PAGE_CACHE_ALIAS: shared}
    wait_past_midnight_if_near()
    for port in instances:
        home_page(port)
    assert [home_page(port)[0] for port in instances] == ["hit", "hit"]
    NoticePageFactory(parent=county.county.section("notice"), title="紧急通知：明日全县停水")
    assert [shows_within(port, "紧急通知：明日全县停水", 5) for port in instances] == [True, True]
