"""The index follows publishing and editors' words by itself, and queries find (and mark) what residents mean."""

import pytest

from tests.factories import NewsPageFactory, PolicyPageFactory
from townsquare.search.models import GovTerm, SearchDocument
from townsquare.search.query import Params, search

pytestmark = pytest.mark.django_db


def test_published_page_is_found_and_unpublished_is_gone(county, find):
    page = NewsPageFactory(parent=county.county.section("news"), title="青禾镇开展社会保险政策宣传")
    assert find("社会保险") == ["青禾镇开展社会保险政策宣传"]
    page.unpublish()
    assert find("社会保险") == []
    assert not SearchDocument.objects.filter(object_id=str(page.pk)).exists()


def test_draft_is_never_found(county, find):
    NewsPageFactory(parent=county.county.section("news"), title="尚未发布的养老保险草稿", publish=False)
    assert find("养老保险") == []


def test_edit_is_reflected_after_publish(county, find):
    page = NewsPageFactory(parent=county.county.section("news"), title="冬季供暖安排")
    page.title = "冬季取暖补贴发放安排"
    page.save_revision().publish()
    assert find("取暖补贴") == ["冬季取暖补贴发放安排"]
    assert find("供暖") == []


def test_deleted_page_leaves_the_index(county, find):
    page = NewsPageFactory(parent=county.county.section("news"), title="农机购置补贴申报开始")
    assert find("农机") == ["农机购置补贴申报开始"]
    page.delete()
    assert find("农机") == []
    assert not SearchDocument.objects.filter(source="publishing.newspage").exists()


def test_synonym_finds_the_other_word(county, find):
    NewsPageFactory(parent=county.county.section("news"), title="城乡居民社会保险缴费指南")
    NewsPageFactory(parent=county.county.section("news"), title="住房公积金提取办法")
    assert find("社保") == ["城乡居民社会保险缴费指南"]
    assert find("公积金") == ["住房公积金提取办法"]


def test_pinyin_and_initials(county, find):
    NewsPageFactory(parent=county.county.section("news"), title="社保卡补办流程")
    NewsPageFactory(parent=county.county.section("news"), title="公积金贷款额度调整")
    assert "社保卡补办流程" in find("shebao")
    assert "社保卡补办流程" in find("sb")
    assert "社保卡补办流程" in find("she bao")
    assert find("gongjijin") == ["公积金贷款额度调整"]


def test_document_number_variants_put_that_document_first(county, find):
    section = county.county.section("policy")
    PolicyPageFactory(parent=section, title="关于国函〔2023〕98号文件的学习体会", document_number="示政办发〔2026〕1号")
    PolicyPageFactory(parent=section, title="关于优化营商环境的意见", document_number="国函〔2023〕98号")
    for typed in ("国函〔2023〕98号", "国函[2023]98号", "国函2023 98", "国函（2023）98号", "国函〔２０２３〕９８号"):
        assert find(typed)[0] == "关于优化营商环境的意见", typed


def test_full_width_and_punctuation_are_normalised(county, find):
    NewsPageFactory(parent=county.county.section("news"), title="5G基站建设进度通报")
    assert find("５Ｇ基站") == ["5G基站建设进度通报"]
    assert find("  5g，基站！ ") == ["5G基站建设进度通报"]


def test_homophone_typo_is_corrected(county):
    from townsquare.search.query import Params, search

    NewsPageFactory(parent=county.county.section("news"), title="公积金贷款额度调整")
    results = search(Params(q="公基金"), log=False)
    assert [h.title for h in results.hits] == ["公积金贷款额度调整"]
    assert results.corrections == [("公基金", "公积金")]


def test_policy_in_force_ranks_above_repealed(county, find):
    section = county.county.section("policy")
    PolicyPageFactory(parent=section, title="示范县城乡低保实施办法", validity="repealed")
    PolicyPageFactory(parent=section, title="示范县城乡低保实施办法（2026年修订）")
    assert find("低保实施办法") == ["示范县城乡低保实施办法（2026年修订）", "示范县城乡低保实施办法"]


def test_filters_by_type_unit_and_date(county, find):
    NewsPageFactory(parent=county.town_a.section("news"), title="青禾镇道路维修")
    NewsPageFactory(parent=county.town_b.section("news"), title="石桥镇道路维修")
    PolicyPageFactory(parent=county.county.section("policy"), title="道路维修资金管理办法")
    assert set(find("道路维修")) == {"道路维修资金管理办法", "石桥镇道路维修", "青禾镇道路维修"}
    assert find("道路维修", kinds=["policy"]) == ["道路维修资金管理办法"]
    assert find("道路维修", unit_id=county.town_b.unit.pk) == ["石桥镇道路维修"]
    import datetime

    assert find("道路维修", date_from=datetime.date(2026, 3, 5), date_to=datetime.date(2026, 3, 5)) == [
        "道路维修资金管理办法"
    ]


def test_document_number_query_marks_no_lone_characters(county):
    PolicyPageFactory(
        parent=county.county.section("policy"),
        title="示范县老年人免费乘车办法",
        summary="出示身份证就能上车，政府办发的通知。",
        document_number="示政办发〔2026〕8号",
    )
    results = search(Params(q="示政办发[2026]8号"), log=False)
    hit = results.hits[0]
    assert hit.title == "示范县老年人免费乘车办法"
    assert "<mark>" not in str(hit.snippet_html), hit.snippet_html
    assert results.corrections == []
    results = search(Params(q="查一下示政办发2026 8"), log=False)
    assert results.hits[0].title == "示范县老年人免费乘车办法" and results.corrections == []


def test_a_corrected_typo_marks_the_word_not_its_characters(county):
    NewsPageFactory(
        parent=county.county.section("news"), title="低保标准调整", summary="收入低于标准的家庭可以申请低保。"
    )
    hit = search(Params(q="低宝"), log=False).hits[0]
    assert "<mark>低保</mark>" in str(hit.snippet_html)
    assert "<mark>低</mark>" not in str(hit.snippet_html)


def test_new_synonym_group_finds_documents_indexed_before_it(county, find, django_capture_on_commit_callbacks):
    from townsquare.search.models import Synonym

    NewsPageFactory(parent=county.county.section("news"), title="电动自行车上牌点增加")
    assert find("电驴") == []
    with django_capture_on_commit_callbacks(execute=True):
        Synonym.objects.create(terms="电驴 电动自行车")
    assert find("电驴") == ["电动自行车上牌点增加"]
    assert find("电动自行车") == ["电动自行车上牌点增加"]


def test_dictionary_word_added_by_editors_segments_and_reindexes(county, find, django_capture_on_commit_callbacks):
    from townsquare.search import analysis

    NewsPageFactory(parent=county.county.section("news"), title="推进高效办成一件事改革")
    NewsPageFactory(parent=county.county.section("news"), title="禾丰路口施工绕行提示")
    assert "禾丰路口" not in analysis.dictionary().segment("禾丰路口施工")
    assert find("禾丰路口") == ["禾丰路口施工绕行提示"]  # single characters still meet
    with django_capture_on_commit_callbacks(execute=True):
        GovTerm.objects.create(word="禾丰路口")
    assert "禾丰路口" in analysis.dictionary().segment("禾丰路口施工")
    assert "禾丰路口" in SearchDocument.objects.get(title="禾丰路口施工绕行提示").title
    assert find("禾丰路口") == ["禾丰路口施工绕行提示"]
    assert "一件事" in analysis.dictionary().segment("高效办成一件事")  # from the starting dictionary
