"""更新记录: an important change, published with a note, becomes a public line of the page's history."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from townsquare.publishing.models import UpdateRecord

from ..factories import NoticePageFactory
from ..helpers import fresh, login

SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=SHANGHAI)
SECOND = datetime.datetime(2026, 6, 2, 14, 30, tzinfo=SHANGHAI)
THIRD = datetime.datetime(2026, 6, 3, 16, 45, tzinfo=SHANGHAI)


def edit_and_publish(page, at, note, **changes):
    with time_machine.travel(at, tick=False):
        page = fresh(page)
        for name, value in changes.items():
            setattr(page, name, value)
        page.change_note = note
        page.save_revision().publish()
    return fresh(page)


@pytest.fixture
def notice(town_a):
    with time_machine.travel(FIRST, tick=False):
        return NoticePageFactory(
            parent=town_a.section("notice"), title="东街停水通知", summary="6月3日停水。", change_note="首次发布"
        )


def history(page):
    return list(UpdateRecord.objects.filter(page_id=page.pk).values_list("note", flat=True))


def test_the_first_publication_adds_no_record(client, notice):
    assert history(notice) == []
    html = client.get(notice.url).content.decode()
    assert "更新记录" not in html


def test_a_republication_with_a_note_adds_one_public_line(client, notice):
    page = edit_and_publish(notice, SECOND, "停水时间由6月3日改为6月4日", summary="6月4日停水。")

    assert history(page) == ["停水时间由6月3日改为6月4日"]
    record = UpdateRecord.objects.get(page_id=page.pk)
    assert record.noted_at == SECOND
    assert record.revision_id == page.live_revision_id
    html = client.get(page.url).content.decode()
    assert "更新记录" in html
    assert "停水时间由6月3日改为6月4日" in html
    assert "2026-06-02 14:30" in html


def test_a_minor_fix_with_no_note_adds_nothing(client, notice):
    page = edit_and_publish(notice, SECOND, "", title="东街停水通知（改错字）")

    assert history(page) == []
    assert "更新记录" not in client.get(page.url).content.decode()


def test_a_note_of_spaces_counts_as_no_note(notice):
    page = edit_and_publish(notice, SECOND, "   ")

    assert history(page) == []


def test_each_noted_change_adds_a_line_newest_first(client, notice):
    edit_and_publish(notice, SECOND, "停水时间改为6月4日")
    page = edit_and_publish(notice, THIRD, "增加了临时供水点")

    assert history(page) == ["增加了临时供水点", "停水时间改为6月4日"]
    assert [r.note for r in page.public_update_history()] == ["增加了临时供水点", "停水时间改为6月4日"]
    html = client.get(page.url).content.decode()
    assert html.index("增加了临时供水点") < html.index("停水时间改为6月4日")


def test_publishing_again_with_the_old_note_left_in_place_adds_no_duplicate(notice):
    edit_and_publish(notice, SECOND, "停水时间改为6月4日")
    page = edit_and_publish(notice, THIRD, "停水时间改为6月4日", title="东街停水通知（补充）")

    assert history(page) == ["停水时间改为6月4日"]


def test_saving_a_draft_with_a_note_adds_nothing_until_published(notice):
    with time_machine.travel(SECOND, tick=False):
        page = fresh(notice)
        page.change_note = "停水时间改为6月4日"
        revision = page.save_revision()

    assert history(notice) == []
    with time_machine.travel(THIRD, tick=False):
        revision.publish()
    assert history(notice) == ["停水时间改为6月4日"]


def test_the_admin_asks_for_a_fresh_note_when_a_live_page_is_edited_again(client, town_a, notice):
    edit_and_publish(notice, SECOND, "停水时间改为6月4日")
    login(client, town_a.editor)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk]))

    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    assert data["change_note"] == ""
    assert data["title"] == "东街停水通知"


def test_the_admin_keeps_the_note_of_unpublished_changes(client, town_a, notice):
    with time_machine.travel(SECOND, tick=False):
        page = fresh(notice)
        page.change_note = "停水时间改为6月4日"
        page.save_revision()
    login(client, town_a.editor)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[notice.pk]))

    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    assert data["change_note"] == "停水时间改为6月4日"
