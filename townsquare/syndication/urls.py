"""Feeds, sitemap and robots.txt. Included before Wagtail's pages, so ``<page URL>feed/rss/`` reaches here."""

from django.urls import path, re_path
from wagtail.contrib.sitemaps import views as sitemap_views

from . import views
from .sitemaps import SITEMAPS

app_name = "syndication"

FORMAT = "(?P<feed_format>rss|atom)"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "syndication:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    re_path(rf"^search/feed/{FORMAT}/$", views.search_feed, name="search_feed"),
    re_path(rf"^feed/(?P<kind>[a-z]+)/{FORMAT}/$", views.kind_feed, name="kind_feed"),
    re_path(rf"^(?P<page_path>(?:[^/]+/)*)feed/{FORMAT}/$", views.page_feed, name="page_feed"),
]
