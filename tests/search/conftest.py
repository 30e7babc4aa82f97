"""Fixtures for search: the test county, requests filed through the real handling code, a search helper."""

import pytest

from townsquare.resident_requests import handling
from townsquare.resident_requests.models import Category, RequestType
from townsquare.search import analysis, logbuffer
from townsquare.search.query import Params, search


@pytest.fixture(autouse=True)
def _fresh_dictionary():
    """Each test reads the dictionary as its own database holds it."""
    analysis.DICTIONARY.mark_stale()
    yield
    analysis.DICTIONARY.mark_stale()


@pytest.fixture(autouse=True)
def _query_log_written_at_once(settings):
    """Tests here read the query log right after a search: each search is flushed at once, from an empty
    buffer (test_query_log_buffer.py sets a larger size to see searches wait)."""
    settings.SEARCH_LOG_FLUSH_SIZE = 1
    logbuffer.take()
    yield
    logbuffer.take()


def titles(q, **params):
    return [hit.title for hit in search(Params(q=q, **params), log=False).hits]


@pytest.fixture
def find():
    return titles


@pytest.fixture
def roads(county):
    return Category.objects.create(
        code="roads", name="道路照明", unit=county.town_a.unit, routing_label="城乡建设", keywords="路灯 道路"
    )


@pytest.fixture
def file_request(roads, county):
    def file(accept=True, answer="", **fields):
        data = {
            "request_type": RequestType.CONSULT,
            "category": roads,
            "title": fields.pop("title", "东街路灯不亮"),
            "details": fields.pop("details", "东街口路灯坏了一个星期，晚上很黑，请尽快修。"),
            "contact_name": fields.pop("contact_name", "李四"),
            "contact_phone": fields.pop("contact_phone", "13900001111"),
            **fields,
        }
        request, _password = handling.submit(data)
        if accept:
            handling.accept(request, county.town_a.editor)
        if answer:
            handling.answer(request, answer, county.town_a.editor)
        request.refresh_from_db()
        return request

    return file
