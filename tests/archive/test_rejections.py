"""Every refused file or item carries a Rejection code; the Chinese message comes from the code."""

import io
import json
import zipfile

import pytest

from townsquare.archive.importing import Importer, ItemError, Rejection, parse_wechat
from townsquare.archive.importing.feeds import parse_feed
from townsquare.archive.importing.items import WorkItem
from townsquare.archive.importing.sources import collect
from townsquare.archive.importing.tables import parse_table
from townsquare.archive.models import ArchivePage
from townsquare.archive.samples import png_bytes, write_saved_article

from .factories import ACCOUNT, article, write_articles


def rejection_of(load):
    with pytest.raises(ItemError) as caught:
        load()
    return caught.value.rejection


def refused(items):
    """{name: code} of the items refused before parsing, and of those refused while parsing."""
    codes = {}
    for item in items:
        if item.error is not None:
            codes[item.name] = item.error.rejection
        else:
            try:
                item.load()
            except ItemError as error:
                codes[item.name] = error.rejection
    return codes


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry, data in entries:
            archive.writestr(entry, data)
    return buffer.getvalue()


def test_every_code_is_distinct_and_its_message_is_the_chinese_label():
    assert len({r.value for r in Rejection}) == len(Rejection)
    assert str(ItemError(Rejection.EMPTY_PAGE)) == "网页文件是空的"
    assert str(ItemError(Rejection.FILE_TOO_BIG, size="2.0 MB", limit="1.0 MB")) == "文件过大（2.0 MB，上限 1.0 MB）"
    assert ItemError("no_body").rejection is Rejection.NO_BODY


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda page: "\x00binary", Rejection.BINARY),
        (lambda page: "   ", Rejection.EMPTY_PAGE),
        (lambda page: page.replace('id="js_content"', 'id="other"'), Rejection.NO_BODY),
        (lambda page: page.replace('var ct = "', 'var ct_removed = "'), Rejection.NO_TIME),
    ],
)
def test_a_bad_saved_page_is_refused_with_its_code(tmp_path, change, code):
    page = write_saved_article(tmp_path, "文章", article(1)).read_text()

    assert rejection_of(lambda: parse_wechat(change(page).encode())) == code


def test_feed_entries_and_feed_files_are_refused_with_their_codes(tmp_path):
    path = tmp_path / "feed.xml"
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>青禾镇发布</title>'
        "<item><title>没有日期</title><description>正文</description></item>"
        "<item><pubDate>Tue, 10 Oct 2023 08:00:00 +0800</pubDate><description>没有标题</description></item>"
        "</channel></rss>"
    )

    assert refused(parse_feed(feed.encode(), path)) == {
        "feed.xml 第1条": Rejection.ENTRY_NO_DATE,
        "feed.xml 第2条": Rejection.ENTRY_NO_TITLE,
    }
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>空</title></channel></rss>'
    assert rejection_of(lambda: parse_feed(empty.encode(), path)) == Rejection.EMPTY_FEED


def test_table_rows_and_table_files_are_refused_with_their_codes(tmp_path):
    rows = [{"title": "", "date": "2024-06-19"}, {"title": "坏日期", "date": "三月某天"}, ["不是对象"]]

    assert refused(parse_table(json.dumps(rows).encode(), tmp_path / "a.json")) == {
        "a.json 第1条": Rejection.ROW_NO_TITLE,
        "a.json 第2条": Rejection.ROW_BAD_DATE,
        "a.json 第3条": Rejection.ROW_NOT_OBJECT,
    }
    assert rejection_of(lambda: parse_table(b"{not json", tmp_path / "b.json")) == Rejection.BROKEN_JSON
    assert rejection_of(lambda: parse_table(b'{"rows": []}', tmp_path / "c.json")) == Rejection.JSON_NOT_LIST
    assert rejection_of(lambda: parse_table(b"title,date\n", tmp_path / "d.csv")) == Rejection.EMPTY_CSV


def test_files_are_refused_with_their_codes(tmp_path, settings):
    settings.ARCHIVE_MAX_FILE_BYTES = 100
    (tmp_path / "大.csv").write_text("title,date\n" + "长" * 100 + ",2024-01-01\n")
    (tmp_path / "文档.docx").write_bytes(b"PK")

    assert refused(collect(tmp_path, tmp_path)[0]) == {"大.csv": Rejection.FILE_TOO_BIG}
    assert refused(collect(tmp_path / "文档.docx", tmp_path)[0]) == {"文档.docx": Rejection.UNSUPPORTED}


def test_zip_entries_are_refused_with_their_codes_and_only_attacks_are_reported_for_images(tmp_path, settings):
    settings.ARCHIVE_MAX_ZIP_RATIO = 100
    page = write_saved_article(tmp_path / "src", "好文章", article(1)).read_bytes()
    source = tmp_path / "归档.zip"
    source.write_bytes(
        _zip(
            [
                ("archive/好文章.html", page),
                ("../../逃出去.html", page),
                ("/etc/绝对路径.png", png_bytes("x")),
                ("archive/炸弹.html", b"<html>" + b"\0" * (5 * 1024 * 1024)),
                ("archive/炸弹_files/640.png", b"\0" * (5 * 1024 * 1024)),
                ("archive/坏图_files/空.png", b""),
            ]
        )
    )
    settings.ARCHIVE_MAX_FILE_BYTES = 4 * 1024 * 1024  # the bombs are also too big: the ratio is checked after

    codes = refused(collect(source, tmp_path / "work")[0])

    assert codes == {
        "../../逃出去.html": Rejection.ZIP_PATH_OUTSIDE,
        "/etc/绝对路径.png": Rejection.ZIP_PATH_OUTSIDE,  # an image, reported all the same: an attack
        "archive/炸弹.html": Rejection.FILE_TOO_BIG,
    }


def test_a_zip_bomb_and_a_zip_over_its_limits_are_refused_with_their_codes(tmp_path, settings):
    settings.ARCHIVE_MAX_ZIP_RATIO = 100
    bomb = tmp_path / "炸弹.zip"
    bomb.write_bytes(_zip([("炸弹.html", b"\0" * (5 * 1024 * 1024)), ("炸弹_files/a.png", b"\0" * (5 * 1024 * 1024))]))
    assert refused(collect(bomb, tmp_path / "w1")[0]) == {
        "炸弹.html": Rejection.ZIP_RATIO,
        "炸弹_files/a.png": Rejection.ZIP_RATIO,
    }

    many = tmp_path / "多.zip"
    many.write_bytes(_zip([(f"{n}.html", b"<html></html>") for n in range(3)]))
    settings.ARCHIVE_MAX_ZIP_ENTRIES = 2
    assert refused(collect(many, tmp_path / "w2")[0]) == {"多.zip": Rejection.ZIP_TOO_MANY}

    settings.ARCHIVE_MAX_ZIP_ENTRIES = 20
    settings.ARCHIVE_MAX_ZIP_BYTES = 20
    codes = refused(collect(many, tmp_path / "w3")[0])
    # The first entry fits (and is then refused as a page without a body); the rest would pass the total.
    assert codes == {"0.html": Rejection.NO_BODY, "1.html": Rejection.ZIP_TOTAL, "2.html": Rejection.ZIP_TOTAL}

    broken = tmp_path / "坏.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert refused(collect(broken, tmp_path / "w4")[0]) == {"坏.zip": Rejection.ZIP_BROKEN}


def test_the_importer_refuses_with_codes_too(town_a, tmp_path):
    write_articles(tmp_path, 1)
    importer = Importer(unit=town_a.unit, account_name=ACCOUNT)
    importer.run(tmp_path)
    parsed = parse_wechat((tmp_path / "文章001.html").read_bytes(), tmp_path / "文章001.html")

    again = importer.store(parsed, tmp_path)

    assert (again.outcome, again.rejection) == ("skipped", Rejection.DUPLICATE)
    assert again.reason.startswith("已导入过（")

    def crashes():
        raise ValueError("bad")

    _, outcome = importer.load(WorkItem(name="x", load=crashes))
    assert (outcome.outcome, outcome.rejection, outcome.reason) == (
        "failed",
        Rejection.PARSE_CRASHED,
        "处理时出错（ValueError）",
    )


def test_an_item_without_an_account_name_fails_with_its_message(town_a, tmp_path):
    (tmp_path / "文章.json").write_text(json.dumps([{"title": "春耕", "date": "2024-03-02", "body": "正文"}]))

    run = Importer(unit=town_a.unit).run(tmp_path)

    item = run.items.get()
    assert (item.outcome, item.reason) == ("failed", Rejection.NO_ACCOUNT.label)


def test_an_importer_called_from_code_makes_drafts_unless_asked_to_publish(town_a, tmp_path):
    write_articles(tmp_path, 1)

    Importer(unit=town_a.unit, account_name=ACCOUNT).run(tmp_path)

    assert not ArchivePage.objects.live().exists()
