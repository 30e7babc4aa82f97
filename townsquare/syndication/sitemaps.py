"""sitemap.xml: an index of sections — the live public pages, then what apps publish outside the page tree.

Pages come from Wagtail's sitemap (``get_sitemap_urls`` of each page, so a page type may list more
than its own address), loaded with the base fields only. Outside the tree: the public answers of
我要留言, the approved listings of 生活服务 with the school and attraction directories, and the fixed
public entry pages. Nothing that needs a tracking number, a code or a log-in is listed.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap

from townsquare.listings import public as listings
from townsquare.resident_requests import public as answers


class PageSitemap(WagtailSitemap):
    limit = settings.SITEMAP_URLS_PER_FILE

    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .specific(defer=True)
        )

    def get_latest_lastmod(self):
        """The index's date for this section in one query (Django would load every page for it)."""
        return self.items().order_by().aggregate(latest=Max("last_published_at"))["latest"]


class AnswerSitemap(Sitemap):
    """大家的留言: each public request with its answer, as masked on its public page."""

    limit = settings.SITEMAP_URLS_PER_FILE

    def items(self):
        return answers.public_requests().select_related(None).only("tracking_number", "received_at", "answered_at")

    def location(self, item):
        return reverse("resident_requests:public_detail", args=[item.tracking_number])

    def lastmod(self, item):
        return item.answered_at or item.received_at

    def get_latest_lastmod(self):
        latest = answers.public_requests().order_by().aggregate(Max("answered_at"), Max("received_at"))
        return max((moment for moment in latest.values() if moment), default=None)


class ListingSitemap(Sitemap):
    """生活服务: each approved listing of every kind that has a detail page, and the two directories."""

    limit = settings.SITEMAP_URLS_PER_FILE

    def items(self):
        found = []
        for kind, page in listings.KIND_PAGES.items():
            found.extend((f"listings:{kind}_detail", item.pk, item.updated_at) for item in page.rows())
        found.extend(("listings:school_detail", school.pk, None) for school in listings.schools())
        found.extend(("listings:attraction_detail", place.pk, None) for place in listings.attractions())
        return found

    def location(self, item):
        return reverse(item[0], args=[item[1]])

    def lastmod(self, item):
        return item[2]

    def get_latest_lastmod(self):
        return None  # directories carry no date: the index gives none rather than a wrong one


class EntrySitemap(Sitemap):
    """The public entry pages outside the page tree."""

    NAMES = (
        "services:index",
        "listings:index",
        "resident_requests:public_list",
        "resident_requests:stats",
        "channels:index",
        "weather:page",
        "privacy:notice",
    )

    def items(self):
        return list(self.NAMES)

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": PageSitemap, "answers": AnswerSitemap, "listings": ListingSitemap, "entries": EntrySitemap}
