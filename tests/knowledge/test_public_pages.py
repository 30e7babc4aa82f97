"""/wenda/: the list of answers and one answer's page, with 没解决？继续留言."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import KnowledgeEntryFactory
from tests.helpers import building_pages

pytestmark = pytest.mark.django_db


def test_an_entry_page_shows_the_answer(client, entries):
    html = client.get(entries[0].get_absolute_url()).content.decode()
    assert "先打12333挂失" in html


def test_an_entry_page_offers_to_write_on_with_its_question(client, entries):
    html = client.get(entries[0].get_absolute_url()).content.decode()
    assert "/liuyan/?type=consult&amp;title=%E7%A4%BE%E4%BF%9D%E5%8D%A1" in html


def test_an_unpublished_entry_is_not_found(client, entries):
    entries[0].published = False
    entries[0].save()
    assert client.get(entries[0].get_absolute_url()).status_code == 404


def test_the_list_shows_every_published_question(client, entries):
    html = client.get("/wenda/").content.decode()
    assert all(entry.question in html for entry in entries)


def _queries(client):
    with building_pages(), CaptureQueriesContext(connection) as captured:
        assert client.get("/wenda/").status_code == 200
    return len(captured.captured_queries)


def test_the_list_needs_as_many_queries_for_3_entries_as_for_15(client, entries, county):
    client.get("/wenda/")
    few = _queries(client)
    for n in range(12):
        KnowledgeEntryFactory(unit=county.town_a.unit, question=f"第{n}个问题")
    assert _queries(client) == few
