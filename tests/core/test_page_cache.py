"""Anonymous pages come from the shared cache and change as soon as what they show changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import NewsPageFactory, publish
from tests.listings import factories as listing_factories
from townsquare.core import pagecache
from townsquare.core.pagecache import tags
from townsquare.core.pagecache.sql import building
from townsquare.listings.models import JobListing, Status

pytestmark = pytest.mark.django_db


def news_column(place):
    return place.section("news")


def get(client, path, **headers):
    return client.get(path, **headers)


def test_a_second_anonymous_visit_is_served_from_the_cache_without_queries(client, county):
    get(client, "/")
    with CaptureQueriesContext(connection) as queries:
        response = get(client, "/")
    assert (response["X-Page-Cache"], len(queries)) == ("hit", 0)


def test_cached_pages_carry_an_etag_and_answer_304(client, county):
    etag = get(client, "/")["ETag"]
    response = get(client, "/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_public_pages_tell_proxies_how_long_to_keep_them(client, county, settings):
    response = get(client, "/")
    headers = (response["Cache-Control"], response["X-Accel-Expires"], "Cookie" in response["Vary"])
    assert headers == ("public, no-cache", str(settings.PAGE_CACHE_PROXY_SECONDS), True)


def test_elder_mode_has_its_own_entry(client, county):
    get(client, "/")
    client.cookies["elder"] = "1"
    assert '<body class="elder' in get(client, "/").content.decode()


def test_visitors_with_a_session_are_not_served_from_the_cache(client, county):
    get(client, "/")
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in get(client, "/")


def test_a_page_with_a_form_is_not_kept(client, county):
    first = get(client, reverse("resident_requests:submit"))
    second = client.__class__().get(reverse("resident_requests:submit"))
    assert (first.status_code, "X-Page-Cache" in second) == (200, False)


def test_publishing_news_shows_on_the_county_home_at_once(client, county):
    get(client, "/")
    NewsPageFactory(parent=news_column(county.town_a), title="暴雨过后道路已抢通")
    assert "暴雨过后道路已抢通" in get(client, "/").content.decode()


def test_publishing_in_one_town_leaves_the_other_towns_home_cached(client, county):
    town_b = county.town_b.home.url
    get(client, town_b)
    NewsPageFactory(parent=news_column(county.town_a), title="甲镇新闻")
    assert get(client, town_b)["X-Page-Cache"] == "hit"


def test_an_edited_live_article_shows_its_new_title(client, county):
    page = NewsPageFactory(parent=news_column(county.town_a), title="旧标题")
    get(client, page.url)
    page.title = "新标题"
    publish(page)
    assert "新标题" in get(client, page.url).content.decode()


def test_an_unpublished_article_is_gone_from_the_home_page(client, county):
    page = NewsPageFactory(parent=news_column(county.town_a), title="将要撤下的新闻")
    get(client, "/")
    page.unpublish()
    assert "将要撤下的新闻" not in get(client, "/").content.decode()


def test_a_draft_saved_on_a_live_page_keeps_it_cached(client, county):
    page = NewsPageFactory(parent=news_column(county.town_a), title="已发布")
    get(client, page.url)
    page.title = "草稿中的标题"
    page.save_revision()
    assert get(client, page.url)["X-Page-Cache"] == "hit"


def test_an_approved_listing_appears_in_its_list(client, county):
    job = listing_factories.job(title="待审核岗位", status=Status.PENDING)
    get(client, reverse("listings:jobs_list"))
    job.approve()
    assert "待审核岗位" in get(client, reverse("listings:jobs_list")).content.decode()


def test_a_write_that_sends_no_signal_still_invalidates(client, county):
    job = listing_factories.job(title="原来的岗位")
    get(client, reverse("listings:jobs_list"))
    JobListing.objects.filter(pk=job.pk).update(title="改过的岗位")
    assert "改过的岗位" in get(client, reverse("listings:jobs_list")).content.decode()


def test_a_page_lasts_no_longer_than_what_it_shows(county):
    soon = timezone.now() + timezone.timedelta(seconds=5)
    with building() as record:
        pagecache.valid_until(soon)
    assert record.until == soon


def test_a_fragment_passes_its_tags_to_the_page_around_it(county):
    pagecache.remember("fragment", lambda: pagecache.depends_on("weather-of-somewhere") or 1, 60)
    with tags.recording() as record:
        pagecache.remember("fragment", lambda: 2, 60)
    assert "weather-of-somewhere" in record.versions


def test_inside_a_transaction_the_invalidation_waits_for_the_commit(
    county, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_EAGER_INVALIDATION = False
    before = tags.versions({"table:x"})
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pagecache.invalidate("table:x")
        unchanged = tags.versions({"table:x"}) == before
    callbacks[0]()
    assert (unchanged, tags.versions({"table:x"}) == before) == (True, False)


def test_a_cache_that_fails_costs_the_cache_not_the_page(client, county, settings):
    settings.CACHES = {
        **settings.CACHES,
        settings.PAGE_CACHE_ALIAS: {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    assert get(client, "/").status_code == 200
