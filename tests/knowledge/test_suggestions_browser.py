"""In a real browser: a resident choosing 咨询 and typing sees a matching answer under the text, opens it in place
(counted, with nothing about them), and leaving for the full answer then 没解决？继续留言 brings the draft back."""

import pytest

from townsquare.knowledge.models import AnswerTally

pytestmark = pytest.mark.browser

TEXT = "孩子上个月刚出生，还没上户口，想问新生儿怎么参加医保？"


@pytest.fixture
def site(transactional_db, live_server):
    from tests.conftest import build_county, reset_to_fresh_install
    from tests.factories import KnowledgeEntryFactory
    from townsquare.knowledge import matching
    from townsquare.resident_requests.models import Category

    reset_to_fresh_install()
    county = build_county()
    Category.objects.create(code="yibao", name="医疗保险", unit=county.county.unit, routing_label="卫生计生")
    KnowledgeEntryFactory(unit=county.county.unit, question="新生儿怎么参加医保？", answer="凭出生医学证明就能参保。")
    matching._current["index"] = None
    return live_server.url


def _write(page, url):
    page.goto(f"{url}/liuyan/")
    page.get_by_label("咨询").check()
    page.fill("#id_details", TEXT)


def test_a_matching_answer_appears_under_the_text(site, phone):
    _write(phone, site)
    phone.wait_for_selector("#answer-suggestions:not([hidden])")
    assert phone.inner_text("#answer-suggestion-list summary") == "新生儿怎么参加医保？"


def test_opening_a_suggestion_is_counted(site, phone):
    _write(phone, site)
    phone.click("#answer-suggestion-list summary")
    phone.wait_for_function("() => sessionStorage.getItem('knowledge:opened') === '1'")
    phone.wait_for_timeout(500)  # the beacon is on its way
    assert AnswerTally.objects.filter(event="opened").values_list("count", flat=True).first() == 1


def test_writing_on_after_the_full_answer_brings_the_draft_back(site, phone):
    _write(phone, site)
    phone.click("#answer-suggestion-list summary")
    phone.click("text=看完整回答")
    phone.click("#knowledge-continue")
    assert phone.input_value("#id_details") == TEXT
