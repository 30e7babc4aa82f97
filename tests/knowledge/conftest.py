"""Fixtures for the knowledge base: each test reads the dictionary and the entries as its database holds them."""

import pytest

from tests.resident_requests.conftest import desk  # noqa: F401 (the 留言 form's categories, for sending requests)
from townsquare.knowledge import matching
from townsquare.search import analysis


@pytest.fixture(autouse=True)
def _fresh_index():
    analysis.DICTIONARY.mark_stale()
    matching._current["index"] = None
    yield
    analysis.DICTIONARY.mark_stale()
    matching._current["index"] = None


@pytest.fixture
def entries(county):
    from tests.factories import KnowledgeEntryFactory

    unit = county.county.unit
    return [
        KnowledgeEntryFactory(
            unit=unit,
            question="社保卡丢了怎么补办？",
            other_questions="社保卡补办要带什么",
            answer="先打12333挂失，再带身份证到人社窗口补卡，立等可取。",
        ),
        KnowledgeEntryFactory(unit=unit, question="新生儿怎么参加医保？", answer="凭出生医学证明就能参保。"),
        KnowledgeEntryFactory(
            unit=unit, question="低保申请要什么条件？", answer="家庭人均收入低于低保标准的可以申请。"
        ),
    ]
