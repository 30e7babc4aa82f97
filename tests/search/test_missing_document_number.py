"""A 文号 that no document has: the page says so plainly, lists the documents with the nearest numbers,
and does not search the number's pieces (国函, 2023, 98, 号) as loose words."""

import pytest

from tests.factories import NewsPageFactory, PolicyPageFactory
from townsquare.search.query import Params, search

pytestmark = pytest.mark.django_db


def test_a_number_no_document_has_is_said_plainly(client, county):
    PolicyPageFactory(
        parent=county.county.section("policy"), title="关于优化营商环境的意见", document_number="国函〔2023〕97号"
    )
    html = client.get("/search/", {"q": "国函〔2023〕98号"}).content.decode()
    assert "没有找到文号为“国函〔2023〕98号”的文件" in html


def test_a_missing_number_lists_the_documents_with_near_numbers(county):
    section = county.county.section("policy")
    PolicyPageFactory(parent=section, title="关于优化营商环境的意见", document_number="国函〔2023〕97号")
    PolicyPageFactory(parent=section, title="关于农村公路养护的通知", document_number="示交发〔2026〕2号")
    results = search(Params(q="国函〔2023〕98号"), log=False)
    assert [hit.title for hit in results.near_doc_numbers] == ["关于优化营商环境的意见"]


def test_a_missing_number_is_not_searched_by_its_pieces(county):
    NewsPageFactory(parent=county.county.section("news"), title="2023年第98号台风防御工作总结")
    assert search(Params(q="国函〔2023〕98号"), log=False).total == 0


def test_a_date_in_a_query_is_no_missing_number(county):
    assert search(Params(q="青禾镇2026年12号停水"), log=False).missing_doc_number == ""
