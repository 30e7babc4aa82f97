"""Everyday words residents type (生孩子) find the guides written in the offices' words (生育登记, 出生医学证明,
新生儿落户), and such a one-way group does not turn the offices' words into the everyday ones."""

import pytest

from tests.services.factories import ServiceGuideFactory, index_of
from townsquare.search.models import Synonym

pytestmark = pytest.mark.django_db


def _guide(county, title, summary):
    return ServiceGuideFactory(
        parent=index_of(county.county.home),
        title=title,
        summary=summary,
        keywords="",
        applicants="本县户籍居民。",
        conditions="材料齐全",
    )


def test_shenghaizi_finds_the_birth_guides(county, find):
    _guide(county, "生育登记", "夫妻生育子女，登记后享受生育保险待遇。")
    _guide(county, "《出生医学证明》补发", "出生医学证明遗失的，可以申请补发。")
    _guide(county, "新生儿落户", "新生儿报户口。")
    _guide(county, "营业执照办理", "个体工商户办理营业执照。")
    assert sorted(find("生孩子")) == ["《出生医学证明》补发", "新生儿落户", "生育登记"]


def test_a_one_way_group_does_not_lead_back(county, find):
    Synonym.objects.create(terms="养娃 育儿补贴 托育", one_way=True)
    _guide(county, "育儿补贴申领", "三岁以下婴幼儿的家庭可以申领。")
    _guide(county, "托育机构备案", "开办托育机构，先来备案。")
    assert find("育儿补贴") == ["育儿补贴申领"]


def test_no_everyday_word_hides_a_longer_dictionary_word(county):
    """Each word of a group becomes a dictionary word; one holding a longer word (社会保险缴费 ⊃ 社会保险)
    would keep that word out of the index of every text holding both."""
    from townsquare.search import analysis

    dictionary = analysis.dictionary()
    hidden = []
    for group in Synonym.objects.filter(one_way=True):
        for word in group.members():
            for start in range(len(word)):
                for end in range(start + 4, len(word) + 1):
                    inner = word[start:end]
                    known = inner in dictionary.added or dictionary.tokenizer.FREQ.get(inner)
                    if inner != word and known and analysis.is_han(inner):
                        hidden.append((word, inner))
    assert hidden == []
