"""The archive's public pages, the admin upload with its progress page and report, and the command."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from townsquare.archive.importing import Importer
from townsquare.archive.models import ArchiveIndexPage, ArchivePage, ImportRun

from ..helpers import login
from .factories import ACCOUNT, write_articles


def zipped(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder))
    return buffer.getvalue()


# --- public pages -----------------------------------------------------------------------------------


def test_the_archive_index_lists_articles_by_original_date_and_says_the_account_stopped(
    town_a, tmp_path, client, django_assert_max_num_queries
):
    write_articles(tmp_path, 3)
    Importer(unit=town_a.unit, account_name=ACCOUNT, publish=True).run(tmp_path)
    index = ArchiveIndexPage.objects.get()

    with django_assert_max_num_queries(30):
        response = client.get(index.url)

    assert response.status_code == 200
    text = response.content.decode()
    assert "已停止更新" in text and "来源：青禾镇发布公众号（已停更）" in text
    assert text.index("青禾镇第3期村务简报") < text.index("青禾镇第1期村务简报")
    assert "2023-03-02" in text  # article 1's original date, not the import date


def test_an_archive_page_shows_its_original_date_and_source_line(town_a, tmp_path, client):
    write_articles(tmp_path, 1)
    Importer(unit=town_a.unit, account_name=ACCOUNT, publish=True).run(tmp_path)
    page = ArchivePage.objects.get()

    response = client.get(page.url)

    text = response.content.decode()
    assert response.status_code == 200
    assert "原发布时间" in text and "2023-03-02" in text
    assert "来源：青禾镇发布公众号（已停更）" in text
    assert "第1期：镇里本周修了三条机耕路。" in text


# --- admin ------------------------------------------------------------------------------------------


@pytest.fixture
def uploads(settings, tmp_path):
    settings.ARCHIVE_UPLOAD_DIR = tmp_path / "uploads"
    return settings.ARCHIVE_UPLOAD_DIR


def test_county_staff_upload_a_zip_and_read_the_report(county, tmp_path, client, uploads):
    write_articles(tmp_path / "src", 2)
    (tmp_path / "src" / "坏的.html").write_bytes(b"\x00\x01binary")
    login(client, county.county.editor)

    response = client.post(
        reverse("archive_upload"),
        {
            "unit": county.town_a.unit.pk,
            "account_name": ACCOUNT,
            "upload": SimpleUploadedFile("qinghe.zip", zipped(tmp_path / "src"), "application/zip"),
        },
    )

    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("archive_progress", args=[run.pk])
    assert (run.state, run.imported, run.failed) == ("done", 2, 1)  # the test settings run tasks at once
    assert not any(uploads.rglob("*.zip")), "the upload is removed once imported"
    page = client.get(response.url).content.decode()
    assert "导入报告" in page and "不是网页文件（内容是二进制数据）" in page and "坏的.html" in page
    assert 'http-equiv="refresh"' not in page
    assert run.created_by == county.county.editor
    listing = client.get(reverse("archive_imports")).content.decode()
    assert ACCOUNT in listing and "已完成" in listing


def test_the_progress_page_refreshes_itself_until_the_import_is_done(town_a, client):
    run = ImportRun.objects.create(unit=town_a.unit, account_name=ACCOUNT, source="x.zip", total=10, processed=4)
    run.state = ImportRun.State.RUNNING
    run.save()
    login(client, town_a.editor)

    page = client.get(reverse("archive_progress", args=[run.pk])).content.decode()

    assert '<meta http-equiv="refresh" content="2">' in page
    assert '<progress id="import-progress" max="100" value="40"' in page
    assert "现在刷新" in page


def test_a_towns_staff_import_only_for_their_own_town(county, client, uploads):
    login(client, county.town_b.editor)

    response = client.post(
        reverse("archive_upload"),
        {
            "unit": county.town_a.unit.pk,
            "account_name": "石桥发布",
            "upload": SimpleUploadedFile("a.html", b"<html></html>", "text/html"),
        },
    )

    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert "石桥发布" in response.content.decode()  # what was typed stays in the form
    assert not ImportRun.objects.exists()
    run = ImportRun.objects.create(unit=county.town_a.unit, account_name=ACCOUNT, source="x")
    refused = client.get(reverse("archive_progress", args=[run.pk]))
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))  # Wagtail's "no permission"


def test_the_form_asks_for_the_account_and_refuses_other_file_kinds(town_a, client, uploads):
    login(client, town_a.editor)

    response = client.post(
        reverse("archive_upload"),
        {"unit": town_a.unit.pk, "upload": SimpleUploadedFile("a.exe", b"MZ", "application/octet-stream")},
    )

    text = response.content.decode()
    assert "请选择原账号，或填写原公众号名称。" in text
    assert "不支持这种文件" in text


# --- the command --------------------------------------------------------------------------------------


def test_the_command_imports_and_reports_in_chinese(town_a, tmp_path):
    write_articles(tmp_path, 2)
    out = io.StringIO()

    call_command("import_archive", str(tmp_path), unit="青禾镇", no_progress=True, stdout=out)
    call_command("import_archive", str(tmp_path), unit="青禾镇", no_progress=True, stdout=out)

    text = out.getvalue()
    # The account name comes from the pages themselves (var nickname) when not given.
    assert "导入已完成：共 2 条，导入 2 条，跳过 0 条，失败 0 条。" in text
    assert "导入已完成：共 2 条，导入 0 条，跳过 2 条，失败 0 条。" in text
    assert ArchivePage.objects.count() == 2
    assert ArchiveIndexPage.objects.get().account_name == ACCOUNT


# --- review before publishing -------------------------------------------------------------------------


def upload_as(client, user, unit, folder):
    login(client, user)
    return client.post(
        reverse("archive_upload"),
        {
            "unit": unit.pk,
            "account_name": ACCOUNT,
            "upload": SimpleUploadedFile("qinghe.zip", zipped(folder), "application/zip"),
        },
    )


def test_an_editors_upload_puts_no_page_live(county, tmp_path, client, uploads):
    write_articles(tmp_path / "src", 2)

    upload_as(client, county.town_a.editor, county.town_a.unit, tmp_path / "src")

    assert not ArchivePage.objects.live().exists()


def test_an_editor_who_cannot_publish_reads_that_the_batch_waits_for_review(county, tmp_path, client, uploads):
    write_articles(tmp_path / "src", 2)
    response = upload_as(client, county.town_a.editor, county.town_a.unit, tmp_path / "src")

    page = client.get(response.url).content.decode()

    assert "已导入，等待审核发布" in page and "批准并发布这一批" not in page


def test_an_editor_cannot_approve_the_batch(county, tmp_path, client, uploads):
    write_articles(tmp_path / "src", 2)
    upload_as(client, county.town_a.editor, county.town_a.unit, tmp_path / "src")

    client.post(reverse("archive_approve", args=[ImportRun.objects.get().pk]))

    assert not ArchivePage.objects.live().exists()


def test_the_final_reviewer_sees_the_approve_button(county, tmp_path, client, uploads):
    write_articles(tmp_path / "src", 2)
    response = upload_as(client, county.town_a.editor, county.town_a.unit, tmp_path / "src")
    login(client, county.media.reviewer)

    page = client.get(response.url).content.decode()

    assert "批准并发布这一批" in page


def test_the_approved_batch_goes_live_and_the_log_names_the_approver(county, tmp_path, client, uploads):
    from wagtail.models import PageLogEntry

    write_articles(tmp_path / "src", 2)
    upload_as(client, county.town_a.editor, county.town_a.unit, tmp_path / "src")
    run = ImportRun.objects.get()
    login(client, county.media.reviewer)

    client.post(reverse("archive_approve", args=[run.pk]))

    published = PageLogEntry.objects.filter(action="wagtail.publish", page__in=ArchivePage.objects.all())
    assert sorted(published.values_list("user", flat=True)) == [county.media.reviewer.pk] * 2
    assert ArchivePage.objects.live().count() == 2


def test_the_command_logs_each_publish_with_the_given_user(town_a, tmp_path, admin_user):
    from wagtail.models import PageLogEntry

    write_articles(tmp_path, 2)

    call_command("import_archive", str(tmp_path), unit="青禾镇", user=admin_user.username, no_progress=True)

    published = PageLogEntry.objects.filter(action="wagtail.publish", page__in=ArchivePage.objects.live())
    assert list(published.values_list("user", flat=True)) == [admin_user.pk] * 2


def test_the_next_upload_marks_a_run_killed_mid_way_failed(county, tmp_path, client, uploads):
    from datetime import timedelta

    from django.utils import timezone

    long_ago = timezone.now() - timedelta(hours=2)
    stale = ImportRun.objects.create(
        unit=county.town_a.unit, account_name=ACCOUNT, source="x.zip", state=ImportRun.State.RUNNING
    )
    ImportRun.objects.filter(pk=stale.pk).update(started_at=long_ago, progressed_at=long_ago)
    write_articles(tmp_path / "src", 1)

    upload_as(client, county.town_a.editor, county.town_a.unit, tmp_path / "src")

    assert ImportRun.objects.get(pk=stale.pk).state == ImportRun.State.FAILED
