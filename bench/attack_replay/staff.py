"""Attacks through staff log-ins: publishing without review via the archive import (High 2), log-in guessing (3),
other units' reply templates."""

import io
import tempfile
import zipfile
from pathlib import Path

# --- High 2: publishing without review through the archive import --------------------------------------------


def _zip_of_articles(first, count):
    from tests.archive.factories import write_articles

    with tempfile.TemporaryDirectory() as folder:
        write_articles(Path(folder), count, start=first)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(folder))
    return buffer.getvalue()


def _upload_archive(context, browser, first, count=2):
    """Upload as the logged-in ``browser``; wait for the import to finish. Returns the ImportRun."""
    import time

    from django.urls import reverse

    from townsquare.archive.models import ImportRun
    from townsquare.units.models import Unit

    unit = Unit.objects.get(slug="qinghe")
    before = set(ImportRun.objects.values_list("pk", flat=True))
    upload = {"upload": (f"qinghe-{first}.zip", _zip_of_articles(first, count), "application/zip")}
    response = browser.form(
        reverse("archive_upload"), "upload", unit=str(unit.pk), account_name="青禾镇发布", _files=upload
    )
    assert response.status_code == 302, f"upload refused ({response.status_code})"
    run = ImportRun.objects.exclude(pk__in=before).get()
    deadline = time.monotonic() + 120
    while run.state in (ImportRun.State.PENDING, ImportRun.State.RUNNING) and time.monotonic() < deadline:
        time.sleep(1)
        browser.get(reverse("archive_progress", args=[run.pk]))
        run.refresh_from_db()
    return run


def _editor(context):
    if "editor" not in context.shared:
        browser = context.browser()
        browser.login("qinghe_editor")
        assert browser.logged_in(), "qinghe_editor cannot log in"
        context.shared["editor"] = browser
    return context.shared["editor"]


def check_archive_upload_by_editor_goes_live(context):
    from wagtail.models import PageLogEntry

    from townsquare.archive.models import ArchivePage

    run = _upload_archive(context, _editor(context), 901)
    pages = ArchivePage.objects.filter(title__contains="第90")
    live = [page.url for page in pages.live()]
    published = PageLogEntry.objects.filter(action="wagtail.publish", page__in=pages).count()
    public = [url for url in live if context.browser().get(url).status_code == 200]
    blocked = pages.exists() and not live and not published and not public
    return blocked, f"import {run.state}: {pages.count()} pages, live {live}, publish log entries {published}"


def check_archive_editor_cannot_approve(context):
    from django.urls import reverse

    from townsquare.archive.models import ArchivePage, ImportRun

    browser = _editor(context)
    run = ImportRun.objects.filter(created_by__username="qinghe_editor").latest("pk")
    browser.post(reverse("archive_approve", args=[run.pk]), data={})
    live = ArchivePage.objects.filter(title__contains="第90").live().count()
    return live == 0, f"{live} pages went live after the editor's approve POST"


def check_archive_stale_run_is_failed_on_next_upload(context):
    """A run killed mid-way (simulated: a run left "running" two hours ago), then the next upload over HTTP."""
    from datetime import timedelta

    from django.utils import timezone

    from townsquare.archive.models import ImportRun
    from townsquare.units.models import Unit

    long_ago = timezone.now() - timedelta(hours=2)
    stale = ImportRun.objects.create(unit=Unit.objects.get(slug="qinghe"), account_name="青禾镇发布", source="x.zip")
    ImportRun.objects.filter(pk=stale.pk).update(
        state=ImportRun.State.RUNNING, started_at=long_ago, progressed_at=long_ago
    )
    browser = _editor(context)
    _upload_archive(context, browser, 951, 1)
    state = ImportRun.objects.get(pk=stale.pk).state
    return state == ImportRun.State.FAILED, f"the run killed mid-way is still “{ImportRun.State(state).label}”"


# --- Medium 3: guessing staff passwords ----------------------------------------------------------------------


def _guess(context, path, username):
    """30 wrong passwords for ``username`` at ``path``, then the right one; True when the right one logs in."""
    for n in range(30):
        context.browser().login(username, f"wrong-password-{n}", path=path)
    browser = context.browser()
    answer = browser.login(username, path=path)
    home = "/admin/" if path.startswith("/admin/") else "/django-admin/"
    return browser.get(home).status_code == 200, answer


def check_login_guessing_wagtail_admin(context):
    logged_in, answer = _guess(context, "/admin/login/", "county_head")
    return not logged_in, f"logged in after 30 wrong passwords (HTTP {answer.status_code})"


def check_login_guessing_django_admin(context):
    logged_in, answer = _guess(context, "/django-admin/login/", "admin")
    return not logged_in, f"logged in after 30 wrong passwords (HTTP {answer.status_code})"


# --- Low: other units' reply templates -------------------------------------------------------------------------


def check_reply_templates_of_other_units(context):
    from django.urls import reverse

    from townsquare.resident_requests.models import ReplyTemplate

    template = ReplyTemplate.objects.filter(unit__slug="qinghe").first()
    browser = context.browser()
    browser.login("shiqiao_editor")
    assert browser.logged_in(), "shiqiao_editor cannot log in"
    rows = []
    for view in ("history", "usage", "edit"):
        url = reverse(f"wagtailsnippets_resident_requests_replytemplate:{view}", args=[template.pk])
        response = browser.get(url)
        shown = response.status_code == 200 and template.title in response.text
        rows.append((view, not shown, f"{url} shows {template.unit}'s template “{template.title}”"))
    return rows
