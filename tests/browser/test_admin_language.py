"""The admin speaks 简体中文: its main screens show no English words, names and product names aside."""

import re

import pytest

pytestmark = pytest.mark.browser

# Product names, file formats and abbreviations staff read as they are.
ALLOWED_WORDS = {
    "Wagtail", "IP", "URL", "Open311", "PDF", "ICP", "TOTP", "QR", "API", "RSS", "Excel", "CSV", "XLSX",
    "JavaScript", "ID", "KB", "MB", "JPG", "JPEG", "PNG", "GIF", "WEBP", "AVIF",
}  # fmt: skip
LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]+")
# Chunks that are names, not words: e-mail addresses, log-in names, file and web addresses, numbers like jobs-16.
NAME_CHUNK = re.compile(r"\S*[A-Za-z0-9][@_/.:-][A-Za-z0-9]\S*")
DESKTOP = {"width": 1366, "height": 900}
# Our own admin views, by URL name.
OWN_VIEWS = [
    "resident_requests_inbox",
    "oversight_dashboard",
    "privacy_access_log",
    "sitesearch_report",
    "services_completeness",
    "channels_admin_index",
    "listings_moderation",
    "appointments_day",
    "archive_imports",
    "resident_requests_stats",
    "oversight_annual_report",
]


def admin_screens():
    """The main screens of the admin on the demo county, as the administrator sees them."""
    from django.urls import reverse
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from townsquare.publishing.models import HomePage, NewsPage

    home = HomePage.objects.get()
    news = NewsPage.objects.live().child_of(home.section("news")).first()
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("wagtailadmin_pages:edit", args=[news.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[home.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:edit", args=[Image.objects.first().pk]),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:edit", args=[Document.objects.first().pk]),
        reverse("wagtailsnippets:index"),
        *[reverse(f"wagtailsnippets_sitesearch_{model}:list") for model in ("govterm", "synonym", "bestbet")],
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_groups:index"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_collections:index"),
        reverse("wagtailredirects:index"),
        *[reverse(name) for name in OWN_VIEWS],
    ]


def english_words(page):
    """Latin-script words the screen shows (text, placeholders), without names and allowed product names."""
    text = page.evaluate(
        """() => [document.body.innerText,
                  ...[...document.querySelectorAll('[placeholder]')].map(el => el.placeholder)].join('\\n')"""
    )
    words = LATIN_WORD.findall(NAME_CHUNK.sub(" ", text))
    # A word with a digit is a code (booking codes, bus lines), not a word of the interface.
    return sorted({word for word in words if word not in ALLOWED_WORDS and not any(c.isdigit() for c in word)})


def data_names():
    """Words of what the demo's data is called (log-in names, Wagtail's default groups, pages, account IDs...)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Page, Task, Workflow

    from townsquare.channels.models import Channel
    from townsquare.search.models import QueryLog

    names = [*get_user_model().objects.values_list("username", flat=True)]
    names += Group.objects.values_list("name", flat=True)
    names += Workflow.objects.values_list("name", flat=True)
    names += Task.objects.values_list("name", flat=True)
    names += Page.objects.values_list("title", flat=True)
    names += Collection.objects.values_list("name", flat=True)
    names += Channel.objects.values_list("account_id", flat=True)
    names += QueryLog.objects.values_list("query", flat=True)
    return {word for name in names for word in LATIN_WORD.findall(name)}


def test_the_main_admin_screens_are_all_in_chinese(demo_site, browser):
    from townsquare.demo.content.staff import PASSWORD

    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.goto(demo_site + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(demo_site + "/admin/")

    names = data_names()
    found = {}
    for url in admin_screens():
        page.goto(demo_site + url)
        page.wait_for_selector("#wagtail-sidebar .sidebar")  # the menu is drawn by script
        words = [word for word in english_words(page) if word not in names]
        if words:
            found[url] = words
    context.close()

    assert not found, "\n".join(f"{url}: {' '.join(words)}" for url, words in found.items())
