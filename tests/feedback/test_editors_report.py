"""页面反馈 in the admin: each unit's staff see their own pages' answers; county staff see all."""

import pytest
from django.urls import reverse

from tests.helpers import login
from townsquare.feedback.models import PageAnswer

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers(county):
    PageAnswer.objects.create(path="/qinghe/xinwen/", unit=county.town_a.unit, helpful=False, missing="没有联系电话")
    PageAnswer.objects.create(path="/shiqiao/xinwen/", unit=county.town_b.unit, helpful=True)


def test_a_town_editor_sees_the_town_s_pages(client, county, answers):
    login(client, county.town_a.editor)
    html = client.get(reverse("feedback_index")).content.decode()
    assert "/qinghe/xinwen/" in html


def test_a_town_editor_does_not_see_another_town_s_pages(client, county, answers):
    login(client, county.town_a.editor)
    html = client.get(reverse("feedback_index")).content.decode()
    assert "/shiqiao/xinwen/" not in html


def test_county_staff_see_every_town_s_pages(client, county, answers):
    login(client, county.county.editor)
    html = client.get(reverse("feedback_index")).content.decode()
    assert "/shiqiao/xinwen/" in html


def test_one_page_s_answers_show_what_was_missing(client, county, answers):
    login(client, county.town_a.editor)
    html = client.get(reverse("feedback_page") + "?path=/qinghe/xinwen/").content.decode()
    assert "没有联系电话" in html


def test_residents_cannot_open_the_report(client, county, answers):
    assert client.get(reverse("feedback_index")).status_code in (302, 403)
