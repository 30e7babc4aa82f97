"""监管 lists the pages people find unhelpful: enough answers, enough of them 没有."""

import pytest
from django.urls import reverse

from tests.helpers import login
from townsquare.feedback.models import PageAnswer
from townsquare.feedback.reports import unhelpful_pages

pytestmark = pytest.mark.django_db


def _answers(path, unit, no, yes, missing=""):
    for _ in range(no):
        PageAnswer.objects.create(path=path, unit=unit, helpful=False, missing=missing)
    for _ in range(yes):
        PageAnswer.objects.create(path=path, unit=unit, helpful=True)


def test_a_page_mostly_answered_no_is_listed(county, settings):
    settings.FEEDBACK_UNHELPFUL_MIN_ANSWERS = 4
    _answers("/qinghe/banshi/", county.town_a.unit, no=3, yes=1)
    assert [row.path for row in unhelpful_pages()] == ["/qinghe/banshi/"]


def test_a_page_with_too_few_answers_is_not_listed(county, settings):
    settings.FEEDBACK_UNHELPFUL_MIN_ANSWERS = 5
    _answers("/qinghe/banshi/", county.town_a.unit, no=3, yes=1)
    assert unhelpful_pages() == []


def test_a_page_mostly_answered_yes_is_not_listed(county, settings):
    settings.FEEDBACK_UNHELPFUL_MIN_ANSWERS = 4
    _answers("/qinghe/banshi/", county.town_a.unit, no=1, yes=3)
    assert unhelpful_pages() == []


def test_a_listed_page_shows_what_was_missing(county, settings):
    settings.FEEDBACK_UNHELPFUL_MIN_ANSWERS = 2
    _answers("/qinghe/banshi/", county.town_a.unit, no=2, yes=0, missing="没写办公时间")
    assert unhelpful_pages()[0].missing[0][0] == "没写办公时间"


def test_a_unit_sees_only_its_own_unhelpful_pages(county, settings):
    settings.FEEDBACK_UNHELPFUL_MIN_ANSWERS = 2
    _answers("/qinghe/banshi/", county.town_a.unit, no=2, yes=0)
    assert unhelpful_pages({county.town_b.unit.pk}) == []


def test_the_supervisors_dashboard_lists_them(client, county, settings):
    settings.FEEDBACK_UNHELPFUL_MIN_ANSWERS = 2
    _answers("/qinghe/banshi/", county.town_a.unit, no=2, yes=0, missing="电话打不通")
    login(client, county.county.head)
    html = client.get(reverse("oversight_dashboard")).content.decode()
    assert "电话打不通" in html
