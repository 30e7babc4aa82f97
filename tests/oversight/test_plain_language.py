"""说人话 advice: stock phrases, long titles and sentences, missing summary; shown in the editor, never blocking."""

from django.urls import reverse

from townsquare.oversight import plain_language, rules, scoring

from ..factories import NewsPageFactory
from ..helpers import admin_edit_form, fresh, login


def codes(advice):
    return [item.code for item in advice]


def test_plain_writing_gets_no_advice():
    assert plain_language.advise("东街周三停水", "东街居民周三上午停水，请提前储水。", "停水从8点到12点。") == []


def test_stock_phrases_are_named():
    [advice] = plain_language.advise("镇里开会", "开会了。", "镇党委高度重视，要求切实做好防汛工作。")
    assert advice.code == "stock_phrases"
    assert "“高度重视”" in advice.message and "“切实做好”" in advice.message


def test_stock_phrases_come_from_the_setting(settings):
    settings.OVERSIGHT_STOCK_PHRASES = ["抓紧抓实"]
    assert codes(plain_language.advise("标题", "摘要。", "要抓紧抓实。")) == ["stock_phrases"]
    assert plain_language.advise("标题", "摘要。", "高度重视。") == []


def test_title_longer_than_the_limit(settings):
    settings.OVERSIGHT_TITLE_MAX_CHARS = 10
    assert plain_language.advise("一" * 10, "摘要。") == []
    assert codes(plain_language.advise("一" * 11, "摘要。")) == ["long_title"]


def test_sentence_longer_than_the_limit(settings):
    settings.OVERSIGHT_SENTENCE_MAX_CHARS = 20
    assert plain_language.advise("标题", "摘要。", "二" * 20 + "。短句。") == []
    [advice] = plain_language.advise("标题", "摘要。", "二" * 21 + "。短句。")
    assert advice.code == "long_sentences" and "21字" in advice.message


def test_missing_summary_only_where_a_page_has_one():
    assert codes(plain_language.advise("标题", "  ")) == ["no_summary"]
    assert plain_language.advise("标题", None) == []


def test_body_text_reads_rich_text_and_questions():
    raw = [
        {"type": "text", "value": "<p>第一段。</p><p>第二&amp;段。</p>"},
        {"type": "qa", "value": {"question": "怎么办？", "answer": "<p>打电话。</p>"}},
    ]
    text = plain_language.body_text(raw)
    assert "第一段。" in text and "第二&段。" in text and "怎么办？" in text and "打电话。" in text


def test_editor_shows_advice_without_blocking_saving(client, town_a):
    page = NewsPageFactory(parent=town_a.section("news"), summary="", title="镇里高度重视冬季防火工作")
    login(client, town_a.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    content = response.content.decode()
    assert "说人话建议" in content and "高度重视" in content and "没有摘要" in content
    url, data = admin_edit_form(client, page)
    data["title"] = "镇里切实做好冬季防火工作"
    response = client.post(url, data)
    assert response.status_code == 302
    assert fresh(page).get_latest_revision().content["title"] == "镇里切实做好冬季防火工作"


def test_recent_drafts_get_advice_on_the_dashboard(town_a):
    page = NewsPageFactory(parent=town_a.section("news"), publish=False, title="全面推进村庄清洁行动")
    found = [f for f in rules.check(town_a.unit).findings if f.code == "plain_language"]
    assert [f.url for f in found] == [reverse("wagtailadmin_pages:edit", args=[page.pk])]
    assert found[0].severity == scoring.ADVICE and found[0].points == 0
