"""Segmentation with the county's dictionary, normalisation, pinyin and document numbers (no database for most)."""

import pytest

from townsquare.search import analysis
from townsquare.search.models import GovTerm, Synonym

pytestmark = pytest.mark.django_db


def test_normalise_full_width_case_and_spaces():
    assert analysis.normalize("  ＳＨＥＢＡＯ　５Ｇ\t基站 ") == "shebao 5g 基站"


def test_dictionary_terms_stay_whole_and_index_adds_inner_words():
    dictionary = analysis.dictionary()
    assert "一件事" in dictionary.segment("高效办成一件事")
    assert "公积金" in dictionary.segment("提取公积金")
    index_tokens = dictionary.segment_for_index("城乡居民社会保险")
    assert "社会保险" in index_tokens and "保险" in index_tokens


def test_tokens_never_mix_scripts_or_keep_punctuation():
    tokens = analysis.dictionary().segment("办理5G套餐，App下载！")
    assert all(analysis.is_han(t) or t.isascii() for t in tokens)
    assert "，" not in tokens and "！" not in tokens and "5g" in tokens


def test_editor_word_changes_segmentation_and_removal_undoes_it():
    assert "青禾便民站" not in analysis.dictionary().segment("去青禾便民站办")
    term = GovTerm.objects.create(word="青禾便民站")
    assert "青禾便民站" in analysis.dictionary().segment("去青禾便民站办")
    term.delete()
    assert "青禾便民站" not in analysis.dictionary().segment("去青禾便民站办")


def test_synonyms_are_editable():
    assert "退役军人" not in analysis.dictionary().synonyms.get("老兵", [])
    Synonym.objects.create(terms="老兵，退役军人")
    assert analysis.dictionary().synonyms["老兵"] == ["退役军人"]
    assert analysis.dictionary().synonyms["退役军人"] == ["老兵"]


def test_pinyin_and_initials():
    assert analysis.pinyin("社保") == "shebao"
    assert analysis.pinyin("公积金") == "gongjijin"
    assert analysis.pinyin("银行") == "yinhang"  # phrase reading of a polyphonic character
    assert analysis.initials("社保") == "sb"
    dictionary = analysis.dictionary()
    assert "社保" in dictionary.term_pinyin["shebao"]
    assert "社保" in dictionary.term_initials["sb"]


@pytest.mark.parametrize(
    "typed",
    [
        "国函〔2023〕98号",
        "国函[2023]98号",
        "国函［2023］98号",
        "国函(2023)98号",
        "国函（2023）98号",
        "国函2023 98",
        "国函 2023 98号",
        "国函2023年98号",
        "国函〔2023〕第98号",
        "国函〔２０２３〕９８号",
    ],
)
def test_document_number_variants_share_one_key(typed):
    assert analysis.doc_number_key("国函〔2023〕98号") == "国函2023-98"
    assert "国函2023-98" in analysis.doc_number_candidates(typed)


def test_words_typed_before_a_document_number_are_tolerated():
    assert "国函2023-98" in analysis.doc_number_candidates("查一下国函2023 98")
    assert analysis.doc_number_candidates("社保卡怎么办") == []
    assert analysis.doc_number_key("无文号") == ""
