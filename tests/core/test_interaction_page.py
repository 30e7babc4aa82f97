"""互动交流 (/hudong/): the apps' ways to take part on one page, reached from the home grid and the footer."""

import pytest
from wagtail import hooks

from townsquare.core.life import LifeService

pytestmark = pytest.mark.django_db


def _vote():
    return [LifeService("vote", "民生实事投票", "list-checks", "选出明年要办的事", url_name="interaction")]


def test_the_page_lists_the_requests_and_answers_entries(client):
    html = client.get("/hudong/").content.decode()
    assert all(label in html for label in ("我要留言", "大家的留言", "留言地图", "常见问答"))


def test_an_app_adds_its_entry_through_the_hook(client):
    with hooks.register_temporarily("townsquare_interaction_entries", _vote):
        html = client.get("/hudong/").content.decode()
    assert "民生实事投票" in html


def test_the_life_grid_leads_to_it(client, county):
    assert 'href="/hudong/"' in client.get(county.county.home.url).content.decode()


def test_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/hudong/")
