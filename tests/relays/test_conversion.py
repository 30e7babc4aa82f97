"""The body as a 公众号 article: inline styles only, WeChat-hosted pictures, links that show their address."""

import pytest

from tests.factories import ImageFactory, NewsPageFactory
from townsquare.relays.wechat.convert import Converter, styled

pytestmark = pytest.mark.django_db


class RecordingClient:
    """Stands in for the API client: hands out WeChat-like addresses for uploads."""

    def __init__(self):
        self.uploads = []

    def upload_content_image(self, filename, content):
        self.uploads.append(filename)
        return f"http://mmbiz.qpic.cn/test/{len(self.uploads)}.jpg"

    def add_image_material(self, filename, content):
        self.uploads.append(filename)
        return "cover-media-id"


def convert(town, body, **kwargs):
    page = NewsPageFactory(parent=town.section("news"), body=body, **kwargs)
    client = RecordingClient()
    return Converter(page, client).content(), client


def test_an_outside_link_keeps_its_href_and_shows_its_address(town_a):
    html, _ = convert(town_a, [("text", '<p><a href="https://example.org/a">办事指南</a></p>')])

    assert '<a href="https://example.org/a">办事指南</a>（网址：https://example.org/a）' in html


def test_a_link_to_another_official_account_article_shows_no_address(town_a):
    html, _ = convert(town_a, [("text", '<p><a href="https://mp.weixin.qq.com/s/abc">上期回顾</a></p>')])

    assert "网址" not in html


def test_a_picture_in_rich_text_is_uploaded_and_shown_from_wechat(town_a):
    image = ImageFactory()
    html, client = convert(
        town_a, [("text", f'<embed embedtype="image" id="{image.pk}" alt="地图" format="fullwidth"/>')]
    )

    assert 'src="http://mmbiz.qpic.cn/test/1.jpg"' in html


def test_the_same_picture_is_uploaded_once(town_a):
    image = ImageFactory()
    graphic = {"image": image, "alt": "图", "caption": ""}
    _, client = convert(town_a, [("graphic", graphic), ("graphic", graphic)])

    assert len(client.uploads) == 1


def test_scripts_classes_and_ids_are_dropped():
    html = styled('<p class="lead" id="x" onclick="go()">你好</p><script>alert(1)</script>')

    assert html == '<p style="margin:0 0 1em;line-height:1.75;font-size:17px;color:#222;">你好</p>'


def test_a_question_and_answer_reads_as_two_paragraphs(town_a):
    html, _ = convert(town_a, [("qa", {"question": "去哪里办？", "answer": "<p>镇便民服务中心。</p>"})])

    assert "问：去哪里办？" in html and "镇便民服务中心。" in html


def test_the_article_ends_with_the_page_address(town_a):
    html, _ = convert(town_a, [("text", "<p>正文</p>")])

    assert "原文发布于政府网站：http://localhost/qinghe/" in html
