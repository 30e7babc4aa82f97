"""这个页面对您有帮助吗？ at the end of every public page, the same for every visitor so that pages stay cached."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_town_home_asks_whether_it_helped(client, county):
    html = client.get("/qinghe/").content.decode()
    assert "这个页面对您有帮助吗？" in html


def test_the_widget_sends_the_page_it_is_on(client, county):
    html = client.get("/qinghe/").content.decode()
    assert f'name="page" value="{county.town_a.home.pk}"' in html


def test_a_page_with_the_widget_is_kept_in_the_page_cache(client, county):
    client.get("/qinghe/")
    assert client.get("/qinghe/")["X-Page-Cache"] == "hit"


def test_the_widget_sets_no_cookie(client, county):
    assert not client.get("/qinghe/").cookies


def test_back_from_an_answer_the_page_thanks(client, county):
    html = client.get("/qinghe/?fankui=1").content.decode()
    assert "谢谢您的回答" in html


def test_a_missing_page_does_not_ask(client, county):
    html = client.get("/no-such-page/").content.decode()
    assert "这个页面对您有帮助吗？" not in html
