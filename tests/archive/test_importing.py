"""Importing a closed account's archive: saved pages, feeds, tables; idempotent, resumable, safe."""

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from wagtail.images import get_image_model

from townsquare.archive.importing import Importer, parse_wechat
from townsquare.archive.importing import importer as importer_module
from townsquare.archive.models import ArchiveIndexPage, ArchiveItemKey, ArchivePage, ImportRun
from townsquare.archive.samples import png_bytes, write_saved_article

from .factories import ACCOUNT, article, with_images, write_articles

SHANGHAI = ZoneInfo("Asia/Shanghai")

SAMPLE = (
    Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "wechat" / "wechat_article_2017_sample.html"
)


def run_import(unit, source, **kwargs):
    """What the server command does: import and publish at once."""
    kwargs.setdefault("publish", True)
    return Importer(unit=unit, account_name=kwargs.pop("account_name", ACCOUNT), **kwargs).run(source)


def outcomes(run):
    return {item.name: (item.outcome, item.reason) for item in run.items.all()}


# --- the real saved page ------------------------------------------------------------------------


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/datasets/wechat is not here")
def test_the_real_saved_page_gives_title_account_original_time_and_its_ids():
    parsed = parse_wechat(SAMPLE.read_bytes(), SAMPLE)

    assert parsed.title == "初赛赛题解读 | 10分钟读懂2017华为软件精英挑战赛初赛赛题"
    assert parsed.account_name == "HUAWEI软件精英挑战赛"
    assert parsed.published_at == datetime(2017, 3, 3, 3, 59, 22, tzinfo=UTC)  # var ct = "1488513562"
    assert parsed.key == "wx:MzA5MjkzMTA1Mw==:2651688808:5"
    assert parsed.url.startswith("http://mp.weixin.qq.com/s?__biz=MzA5MjkzMTA1Mw==&mid=2651688808&idx=5")


@pytest.mark.skipif(not SAMPLE.exists(), reason="../shared/datasets/wechat is not here")
def test_the_real_saved_page_becomes_an_archive_page_dated_2017(town_a):
    run = run_import(town_a.unit, SAMPLE, account_name="HUAWEI软件精英挑战赛")

    assert (run.imported, run.failed) == (1, 0)
    page = ArchivePage.objects.get()
    assert page.first_published_at == page.original_published_at == datetime(2017, 3, 3, 3, 59, 22, tzinfo=UTC)
    assert "比赛问题定义" in page.body
    assert "<script" not in page.body and "style=" not in page.body
    # Its images were not saved beside it (no _files folder here): left out, and the report says so.
    assert "图片未随网页保存" in run.items.get().reason


# --- what an import makes -----------------------------------------------------------------------------


def test_articles_become_live_pages_of_the_unit_with_original_dates_and_source_line(town_a, tmp_path):
    write_articles(tmp_path, 3)

    run = run_import(town_a.unit, tmp_path)

    assert (run.state, run.total, run.imported, run.skipped, run.failed) == ("done", 3, 3, 0, 0)
    index = ArchiveIndexPage.objects.get()
    assert index.get_parent().specific == town_a.home.specific
    assert index.unit == town_a.unit
    pages = list(ArchivePage.objects.child_of(index).live().order_by("original_published_at"))
    assert [p.title for p in pages] == ["青禾镇第1期村务简报", "青禾镇第2期村务简报", "青禾镇第3期村务简报"]
    assert pages[0].original_published_at == article(1).published_at
    assert pages[0].first_published_at == article(1).published_at
    assert pages[0].unit == town_a.unit
    assert pages[0].source_line == "来源：青禾镇发布公众号（已停更）"
    assert pages[0].original_url.startswith("http://mp.weixin.qq.com/s?__biz=MzQ0NTU2Njc3OA==&mid=2650000001")


def test_an_article_saved_twice_and_imported_twice_exists_once(town_a, tmp_path):
    write_articles(tmp_path, 2)
    write_saved_article(tmp_path, "文章001-副本", article(1))  # the same article saved again under another name

    first = run_import(town_a.unit, tmp_path)
    second = run_import(town_a.unit, tmp_path)

    assert (first.imported, first.skipped) == (2, 1)
    assert (second.imported, second.skipped, second.failed) == (0, 3, 0)
    assert ArchivePage.objects.count() == 2
    assert ArchiveItemKey.objects.filter(unit=town_a.unit).count() == 2
    assert "已导入过" in outcomes(second)["文章001.html"][1]


@pytest.mark.parametrize(("batch", "kept"), [(1, 2), (2, 2), (25, 0)])
def test_an_import_killed_halfway_finishes_on_the_next_run_with_every_item_once(
    town_a, tmp_path, monkeypatch, settings, batch, kept
):
    settings.ARCHIVE_BATCH_ITEMS = batch  # items committed together; the open batch is lost on a kill
    write_articles(tmp_path, 5)
    real_create = importer_module.create_page
    calls = []

    def dies_on_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the process is stopped while storing the 3rd article
        return real_create(*args, **kwargs)

    monkeypatch.setattr(importer_module, "create_page", dies_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        run_import(town_a.unit, tmp_path)
    assert ArchivePage.objects.count() == ArchiveItemKey.objects.count() == kept
    assert ImportRun.objects.get().state == ImportRun.State.FAILED

    monkeypatch.setattr(importer_module, "create_page", real_create)
    rerun = run_import(town_a.unit, tmp_path)

    assert (rerun.imported, rerun.skipped, rerun.failed) == (5 - kept, kept, 0)
    titles = sorted(ArchivePage.objects.values_list("title", flat=True))
    assert titles == sorted(f"青禾镇第{n}期村务简报" for n in range(1, 6))


def test_an_item_that_fails_while_saving_takes_nothing_else_with_it(town_a, tmp_path, monkeypatch):
    write_articles(tmp_path, 2)
    real_create = importer_module.create_page
    calls = []

    def fails_first(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("disk full")  # after the archive column was made for this first item
        return real_create(*args, **kwargs)

    monkeypatch.setattr(importer_module, "create_page", fails_first)

    run = run_import(town_a.unit, tmp_path)

    assert outcomes(run)["文章001.html"] == ("failed", "保存时出错（RuntimeError）")
    assert (run.imported, run.failed) == (1, 1)
    assert ArchivePage.objects.get().get_parent().pk == ArchiveIndexPage.objects.get().pk == run.index_page_id


# --- bad files fail alone ------------------------------------------------------------------------------


def test_each_bad_file_fails_alone_with_its_reason(town_a, tmp_path, settings):
    settings.ARCHIVE_MAX_FILE_BYTES = 200_000
    write_articles(tmp_path, 1)
    (tmp_path / "乱码.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00binary")
    (tmp_path / "空白.html").write_bytes(b"   ")
    page = write_saved_article(tmp_path, "无时间", article(2)).read_text()
    (tmp_path / "无时间.html").write_text(page.replace('var ct = "', 'var ct_removed = "'))
    (tmp_path / "无正文.html").write_text(page.replace('id="js_content"', 'id="other"'))
    (tmp_path / "超大.html").write_text(page + "<!--" + "x" * 300_000 + "-->")

    run = run_import(town_a.unit, tmp_path)

    result = outcomes(run)
    assert result["文章001.html"][0] == "imported"
    assert result["乱码.html"] == ("failed", "不是网页文件（内容是二进制数据）")
    assert result["空白.html"] == ("failed", "网页文件是空的")
    assert "找不到发布时间（var ct）" in result["无时间.html"][1]
    assert "找不到正文（id=js_content）" in result["无正文.html"][1]
    assert "文件过大" in result["超大.html"][1]
    assert (run.imported, run.failed) == (1, 5)
    assert ArchivePage.objects.count() == 1


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_with_paths_outside_and_a_bomb_keeps_the_good_articles(town_a, tmp_path, settings):
    settings.ARCHIVE_MAX_ZIP_RATIO = 100
    good = write_saved_article(tmp_path / "src", "好文章", with_images(7, count=1))
    bomb = b"<html>" + b"\0" * (5 * 1024 * 1024)
    source = tmp_path / "归档.zip"
    source.write_bytes(
        _zip(
            [
                ("archive/好文章.html", good.read_bytes()),
                ("archive/好文章_files/640", (good.parent / "好文章_files" / "640").read_bytes()),
                ("../../逃出去.html", good.read_bytes()),
                ("/etc/绝对路径.html", good.read_bytes()),
                ("archive/炸弹.html", bomb),
            ]
        )
    )

    run = run_import(town_a.unit, source)

    result = outcomes(run)
    assert result["archive/好文章.html"][0] == "imported"
    assert "目录之外" in result["../../逃出去.html"][1]
    assert "目录之外" in result["/etc/绝对路径.html"][1]
    assert "压缩炸弹" in result["archive/炸弹.html"][1]
    assert (run.imported, run.failed) == (1, 3)
    assert not (tmp_path.parent / "逃出去.html").exists()
    assert "<embed" in ArchivePage.objects.get().body  # the image from the zip's _files folder


def test_a_broken_zip_is_one_failed_item(town_a, tmp_path):
    source = tmp_path / "坏的.zip"
    source.write_bytes(b"PK\x03\x04 not really a zip")

    run = run_import(town_a.unit, source)

    assert (run.total, run.failed) == (1, 1)
    assert "压缩包已损坏" in run.items.get().reason


# --- sanitising and images -------------------------------------------------------------------------------


def test_the_body_is_sanitised(town_a, tmp_path):
    nasty = article(
        1,
        paragraphs=["正常的一段。"],
    )
    path = write_saved_article(tmp_path, "坏内容", nasty)
    html = path.read_text().replace(
        "正常的一段。",
        '正常的一段。</span></p><script>alert(1)</script><p onclick="x()">点我</p>'
        '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">链接</a>'
        '<iframe src="http://evil.example/"></iframe><p style="color:red">红字</p><span>',
    )
    path.write_text(html)

    run_import(town_a.unit, tmp_path)

    body = ArchivePage.objects.get().body
    for bad in ("<script", "alert", "onclick", "onerror", "javascript:", "<iframe", "style="):
        assert bad not in body, bad
    assert "点我" in body and "红字" in body and "正常的一段。" in body


def test_saved_images_go_to_the_media_library_once_per_file(town_a, tmp_path):
    write_saved_article(tmp_path, "有图", with_images(1, count=2, remote=1))
    shared = with_images(2, count=1)
    shared.images = [png_bytes("1-0")]  # the same picture as the first one of the other article
    write_saved_article(tmp_path, "同图", shared)

    run = run_import(town_a.unit, tmp_path)

    assert run.imported == 2
    images = get_image_model().objects.filter(collection__name=f"公众号归档·{ACCOUNT}")
    assert images.count() == 2
    first = ArchivePage.objects.get(title="青禾镇第1期村务简报")
    assert first.body.count('<embed embedtype="image"') == 2
    assert "有 1 张图片未随网页保存" in outcomes(run)["有图.html"][1]
    second = ArchivePage.objects.get(title="青禾镇第2期村务简报")
    assert f'id="{images.order_by("pk").first().pk}"' in second.body


# --- feeds and tables ------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>青禾镇发布</title><link>http://example.org/</link>
<item><title>秋收农机调度会召开</title><link>http://example.org/a/1</link>
<pubDate>Tue, 10 Oct 2023 08:00:00 +0800</pubDate>
<description><![CDATA[<p>全镇调度收割机40台。</p><script>x()</script>]]></description></item>
<item><title>没有日期的一条</title><link>http://example.org/a/2</link><description>正文</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>青禾镇发布</title>
<entry><title>禾丰路路灯亮了</title><id>tag:example.org,2024:1</id><link href="http://example.org/b/1"/>
<updated>2024-01-05T19:30:00+08:00</updated><content type="html">&lt;p&gt;新装路灯62盏。&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_and_atom_entries_import_with_their_dates_and_a_dateless_one_fails(town_a, tmp_path):
    (tmp_path / "feed.xml").write_text(RSS)
    (tmp_path / "atom.atom").write_text(ATOM)

    run = run_import(town_a.unit, tmp_path)

    assert (run.imported, run.failed) == (2, 1)
    autumn = ArchivePage.objects.get(title="秋收农机调度会召开")
    assert autumn.original_published_at == datetime(2023, 10, 10, 0, 0, tzinfo=UTC)
    assert autumn.original_url == "http://example.org/a/1"
    assert "<script" not in autumn.body and "全镇调度收割机40台。" in autumn.body
    assert ArchivePage.objects.get(title="禾丰路路灯亮了").original_published_at == datetime(
        2024, 1, 5, 11, 30, tzinfo=UTC
    )
    assert outcomes(run)["feed.xml 第2条"] == ("failed", "缺少发布时间（published/updated）")
    assert run_import(town_a.unit, tmp_path).imported == 0


def test_csv_and_json_in_the_documented_layout(town_a, tmp_path):
    (tmp_path / "文章.csv").write_text(
        "title,date,body,url\n"
        '春耕备耕会,2024-03-02 09:30,"第一段\n第二段",http://example.org/c/1\n'
        "坏日期,三月某天,正文,\n",
        encoding="utf-8-sig",
    )
    (tmp_path / "文章.json").write_text(
        json.dumps(
            [
                {"title": "夏季防汛演练", "date": "2024-06-18", "body": "<p>演练在青禾河堤举行。</p>", "url": ""},
                {"title": "", "date": "2024-06-19", "body": "无标题"},
            ],
            ensure_ascii=False,
        )
    )

    run = run_import(town_a.unit, tmp_path)

    assert (run.imported, run.failed) == (2, 2)
    spring = ArchivePage.objects.get(title="春耕备耕会")
    assert spring.original_published_at == datetime(2024, 3, 2, 1, 30, tzinfo=UTC)  # Asia/Shanghai 09:30
    assert spring.body == "<p>第一段</p><p>第二段</p>"
    summer = ArchivePage.objects.get(title="夏季防汛演练")
    assert summer.original_published_at == datetime(2024, 6, 17, 16, 0, tzinfo=UTC)
    result = outcomes(run)
    assert "日期（date）缺失或看不懂：三月某天" == result["文章.csv 第2条"][1]
    assert result["文章.json 第2条"] == ("failed", "缺少标题（title）")
    again = run_import(town_a.unit, tmp_path)
    assert (again.imported, again.skipped) == (0, 2)


# --- the closed channel ------------------------------------------------------------------------------------


def test_the_closed_channel_links_to_its_archive(town_a, tmp_path):
    from townsquare.channels.models import Channel

    channel = Channel.objects.create(
        unit=town_a.unit, kind=Channel.Kind.WECHAT, name=ACCOUNT, status=Channel.Status.CLOSED
    )
    write_articles(tmp_path, 1)

    # Imported before the channel was named, then again with it: nothing new, but the record gets its link.
    Importer(unit=town_a.unit, account_name=ACCOUNT, publish=True).run(tmp_path)
    Importer(unit=town_a.unit, channel=channel, publish=True).run(tmp_path)
    Importer(unit=town_a.unit, channel=channel, publish=True).run(tmp_path)

    channel.refresh_from_db()
    assert channel.archive_page_id == ArchiveIndexPage.objects.get(account_name=ACCOUNT).pk
    # Recorded as one 并入平台 step of the channel's lifecycle, not once per import.
    assert list(channel.events.values_list("action", flat=True)) == ["merge"]


def test_imported_articles_are_found_by_the_site_search(town_a, tmp_path, client):
    write_articles(tmp_path, 2)
    write_saved_article(
        tmp_path, "机耕路", article(9, title="青禾镇机耕路全部修好", paragraphs=["新修的机耕路通到每个村。"])
    )

    run_import(town_a.unit, tmp_path)

    found = client.get("/api/search/", {"q": "机耕路 修好"}).json()["results"]
    assert found[0]["title"] == "青禾镇机耕路全部修好"
    assert found[0]["date"].startswith(article(9).published_at.astimezone(SHANGHAI).strftime("%Y-%m-%d"))


# --- runs killed mid-way ------------------------------------------------------------------------------


def test_a_run_whose_progress_stopped_moving_is_marked_failed(town_a, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.ARCHIVE_STALE_RUN_MINUTES = 30
    long_ago = timezone.now() - timedelta(minutes=31)
    run = ImportRun.objects.create(
        unit=town_a.unit, account_name=ACCOUNT, source="x.zip", state=ImportRun.State.RUNNING, started_at=long_ago
    )
    ImportRun.objects.filter(pk=run.pk).update(progressed_at=long_ago)

    ImportRun.fail_stale_runs()

    assert ImportRun.objects.get(pk=run.pk).state == ImportRun.State.FAILED


def test_a_running_import_that_still_moves_is_left_alone(town_a, settings):
    from django.utils import timezone

    settings.ARCHIVE_STALE_RUN_MINUTES = 30
    run = ImportRun.objects.create(
        unit=town_a.unit, account_name=ACCOUNT, source="x.zip", state=ImportRun.State.RUNNING
    )
    ImportRun.objects.filter(pk=run.pk).update(progressed_at=timezone.now())

    ImportRun.fail_stale_runs()

    assert ImportRun.objects.get(pk=run.pk).state == ImportRun.State.RUNNING
