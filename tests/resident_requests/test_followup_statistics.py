"""回访 in 我要留言's statistics: solved / partly / not solved / no answer per unit and year."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from townsquare.core.models import Delivery
from townsquare.core.notify import followup
from townsquare.resident_requests import followup_stats, handling
from townsquare.resident_requests.models import ResidentRequest

from .stats_urls import PUBLIC_URL
from .test_statistics_views import queries, text_of

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 2, 10, 12, 0, tzinfo=SHANGHAI)
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.resident_requests.stats_urls")]


@pytest.fixture
def at_now():
    with time_machine.travel(NOW, tick=False):
        yield


def answered(desk, count, category=None):
    """``count`` requests answered in January whose 回访 went out."""
    made = []
    for index in range(count):
        received = datetime(2026, 1, 5, 9, tzinfo=SHANGHAI) + timedelta(days=index)
        request, _ = desk.file(category=category, now=received)
        handling.answer(request, "已处理。", desk.county.town_a.editor, now=received + timedelta(days=1))
        made.append(request)
    Delivery.objects.filter(kind="followup").update(status=Delivery.Status.SENT, address="")
    return made


def rate(request, outcome):
    case_type = ContentType.objects.get_for_model(ResidentRequest)
    followup.rate(case_type, request.pk, outcome, reference=request.tracking_number)


@pytest.fixture
def rated(desk, at_now):
    first, second, third, _fourth = answered(desk, 4)
    rate(first, "solved")
    rate(second, "solved")
    rate(third, "unsolved")
    return desk


def test_the_followup_answers_are_counted_per_unit(rated):
    figures = followup_stats.by_unit(2026)[rated.roads.unit_id]
    assert (figures.asked, figures.solved, figures.partly, figures.unsolved, figures.unanswered) == (4, 2, 0, 1, 1)


def test_a_request_whose_followup_has_not_gone_out_is_not_counted(desk, at_now):
    desk.file(now=datetime(2026, 1, 5, 9, tzinfo=SHANGHAI))
    assert followup_stats.by_unit(2026)[desk.roads.unit_id].asked == 0


def test_another_years_requests_are_not_counted(rated):
    assert followup_stats.by_unit(2025) == {}


def test_the_public_page_shows_the_shares(client, rated):
    words = text_of(client.get(PUBLIC_URL).content.decode())
    assert "2026年回访结果" in words and "青禾镇 4 50% 2/4 0% 0/4 25% 1/4 25% 1/4" in words


def test_a_new_answer_shows_on_the_page(client, rated):
    client.get(PUBLIC_URL)
    rate(ResidentRequest.objects.order_by("pk").last(), "partly")
    words = text_of(client.get(PUBLIC_URL).content.decode())
    assert "青禾镇 4 50% 2/4 25% 1/4 25% 1/4 0% 0/4" in words


def test_the_followup_figures_cost_one_query_however_many_requests(client, desk, at_now):
    answered(desk, 2)
    few, _ = queries(client)
    answered(desk, 12)
    many, sql = queries(client)
    assert many == few, "\n".join(sql)
