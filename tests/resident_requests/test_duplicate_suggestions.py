"""并案 suggestions in the staff inbox: near-duplicates that were sent anyway, merged with one button."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from townsquare.resident_requests.models import Status

pytestmark = pytest.mark.django_db
LAMP = "东街口路灯坏了一个星期，晚上很黑，老人走路摔了跤。"


def page(client, request):
    return client.get(reverse("resident_requests_detail", args=[request.pk])).content.decode()


@pytest.fixture
def pair(desk):
    """An older request and a newer one about the same lamp, both not yet accepted."""
    older, _ = desk.file(title="东街口路灯不亮", details=LAMP, now=timezone.now() - timedelta(days=2))
    newer, _ = desk.file(title="东街口路灯坏了", details="东街口路灯坏了好几天，晚上很黑。")
    return older, newer


def test_the_newer_request_suggests_merging_into_the_older(client, town_a, pair):
    older, newer = pair
    client.force_login(town_a.editor)
    assert f'name="merge-tracking_number" value="{older.tracking_number}"' in page(client, newer)


def test_the_older_request_shows_the_newer_without_a_merge_button(client, town_a, pair):
    older, newer = pair
    client.force_login(town_a.editor)
    html = page(client, older)
    assert newer.tracking_number in html and f'value="{newer.tracking_number}"' not in html


def test_the_suggestion_merges(client, town_a, pair):
    older, newer = pair
    client.force_login(town_a.editor)
    client.post(
        reverse("resident_requests_detail", args=[newer.pk]),
        {"action": "merge", "merge-tracking_number": older.tracking_number},
    )
    newer.refresh_from_db()
    assert newer.status == Status.MERGED and newer.merged_into == older


def test_a_request_at_the_same_spot_is_suggested_whatever_its_words(client, desk, town_a):
    point = {"lat": Decimal("27.850000"), "long": Decimal("114.930000")}
    older, _ = desk.file(title="井盖松动", details="人民路口井盖晃。", now=timezone.now() - timedelta(days=1), **point)
    newer, _ = desk.file(title="有个坑", details="路上有个坑，车过去很颠。", **point)
    client.force_login(town_a.editor)
    assert older.tracking_number in page(client, newer)


def test_unrelated_requests_are_not_suggested(client, desk, town_a):
    older, _ = desk.file(title="井盖松动", details="人民路口井盖晃。", now=timezone.now() - timedelta(days=1))
    newer, _ = desk.file(title="东街口路灯坏了", details=LAMP)
    client.force_login(town_a.editor)
    assert older.tracking_number not in page(client, newer)


def test_a_closed_request_gets_no_suggestions(client, desk, town_a, pair):
    older, newer = pair
    from townsquare.resident_requests import handling

    handling.decline(newer, "重复留言", town_a.editor)
    client.force_login(town_a.editor)
    assert "并案建议" not in page(client, newer)


def test_the_inbox_marks_a_new_request_with_a_merge_suggestion(client, town_a, pair):
    client.force_login(town_a.editor)
    assert "可能重复" in client.get(reverse("resident_requests_inbox"), {"tab": "new"}).content.decode()


def test_the_inbox_marks_nothing_without_duplicates(client, desk, town_a):
    desk.file(title="井盖松动", details="人民路口井盖晃。")
    client.force_login(town_a.editor)
    assert "可能重复" not in client.get(reverse("resident_requests_inbox"), {"tab": "new"}).content.decode()
