"""Saved WeChat pages of about 2018 write their title with an inline script: the title is the real one."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from townsquare.archive.importing import Importer, parse_wechat
from townsquare.archive.models import ArchivePage

PAGE = Path(__file__).with_name("pages") / "wechat_2018_script_title.html"
TITLE = "青禾镇春耕备耕现场会召开"
SCRIPT_TITLE = (
    "if(/(iPhone|iPad|iPod|iOS)/i.test(navigator.userAgent)){ "
    "document.write(\"<span class='rich_media_title_ios'>青禾镇春耕备耕现场会召开</span>\"); "
    '}else{ document.write("青禾镇春耕备耕现场会召开"); }'
)


def test_a_page_with_a_title_script_takes_msg_title():
    assert parse_wechat(PAGE.read_bytes(), PAGE).title == TITLE


def test_without_msg_title_the_title_element_is_read_without_its_script():
    text = PAGE.read_text(encoding="utf-8").replace("var msg_title", "var other_title")
    text = text.replace('<meta property="og:title" content="青禾镇春耕备耕现场会召开">', "")
    assert parse_wechat(text.encode("utf-8")).title == TITLE


@pytest.fixture
def imported_with_script_title(town_a, tmp_path):
    """An archive page as imports made it before: the title script as its title, in its revision too."""
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(PAGE, folder / PAGE.name)
    Importer(unit=town_a.unit, account_name="青禾镇发布").run(folder)
    page = ArchivePage.objects.get()
    ArchivePage.objects.filter(pk=page.pk).update(title=SCRIPT_TITLE, draft_title=SCRIPT_TITLE)
    revision = page.latest_revision
    revision.content = {**revision.content, "title": SCRIPT_TITLE, "draft_title": SCRIPT_TITLE}
    revision.save(update_fields=["content"])
    return page


def test_retitle_archive_gives_pages_imported_with_the_script_their_real_title(imported_with_script_title):
    call_command("retitle_archive", stdout=io.StringIO())
    page = ArchivePage.objects.get()
    assert (page.title, page.draft_title, page.latest_revision.content["title"]) == (TITLE, TITLE, TITLE)
