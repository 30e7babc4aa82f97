"""Each kind's filters, expiry leaving every list, and bounded query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.helpers import clear_caches
from townsquare.listings import home
from townsquare.listings.jobs import note_expired
from townsquare.listings.models import (
    Event,
    JobListing,
    Offer,
    RentalListing,
    School,
    Status,
    TrafficNotice,
)

from . import factories as f

pytestmark = pytest.mark.django_db


def titles(client, name, **params):
    response = client.get(reverse(f"listings:{name}"), params)
    assert response.status_code == 200
    return response.context["items"], response.content.decode()


def shown(client, name, **params):
    return {item.title for item in titles(client, name, **params)[0]}


# --- filters per kind --------------------------------------------------------------------------------


def test_jobs_filter_by_pay_town_and_kind(client, county):
    low = f.job(title="帮厨", pay_min=2000, pay_max=2500, town=county.town_a.unit)
    high = f.job(title="司机", pay_min=5000, pay_max=6000, town=county.town_b.unit)
    daily = f.job(title="采茶", pay_min=150, pay_max=200, pay_period=JobListing.PayPeriod.DAY, town=county.town_b.unit)
    public = f.job(title="保洁（公益性岗位）", job_kind=JobListing.Kind.PUBLIC_POST, pay_min=1900, pay_max=1900)
    part = f.job(title="家教", job_kind=JobListing.Kind.PART_TIME, pay_min=1000, pay_max=1500)

    assert shown(client, "jobs_list", pay_at_least=4000) == {high.title, daily.title}  # 200元/天 × 22 = 4400
    assert shown(client, "jobs_list", pay_at_least=4500) == {high.title}
    assert shown(client, "jobs_list", town=county.town_b.unit.slug) == {high.title, daily.title}
    assert shown(client, "jobs_list", job_kind="public_post") == {public.title}
    assert shown(client, "jobs_list", job_kind="part_time") == {part.title}
    assert low.title in shown(client, "jobs_list")


def test_bad_filter_value_is_reported_and_others_still_apply(client, county):
    f.job(title="司机", pay_min=5000, pay_max=6000, town=county.town_a.unit)
    f.job(title="帮厨", town=county.town_b.unit)
    items, html = titles(client, "jobs_list", pay_at_least="很多", town=county.town_a.unit.slug)
    assert {item.title for item in items} == {"司机"}
    assert "月工资至少（元）请填整数" in html


def test_rentals_filter_by_price_area_layout_town(client, county):
    cheap = f.rental(title="单间", price=350, area=20, layout=RentalListing.Layout.ROOM, town=county.town_a.unit)
    mid = f.rental(title="两室", price=800, area=75, layout=RentalListing.Layout.TWO, town=county.town_a.unit)
    big = f.rental(title="三室", price=1300, area=120, layout=RentalListing.Layout.THREE, town=county.town_b.unit)

    assert shown(client, "rentals_list", price_max=900) == {cheap.title, mid.title}
    assert shown(client, "rentals_list", price_min=500, price_max=1500) == {mid.title, big.title}
    assert shown(client, "rentals_list", area_min=70, area_max=100) == {mid.title}
    assert shown(client, "rentals_list", layout="3") == {big.title}
    assert shown(client, "rentals_list", town=county.town_a.unit.slug) == {cheap.title, mid.title}


def test_rentals_price_range_the_wrong_way_round(client, county):
    f.rental(price=800)
    _, html = titles(client, "rentals_list", price_min=1000, price_max=500)
    assert "租金的上限不能小于下限" in html


def test_education_filters_and_school_directory(client, county):
    primary = f.enrolment(title="小学招生", school_kind=School.Kind.PRIMARY, town=county.town_a.unit)
    kinder = f.enrolment(title="幼儿园招生", school_kind=School.Kind.KINDERGARTEN, town=county.town_b.unit)
    assert shown(client, "education_list", school_kind="kindergarten") == {kinder.title}
    assert shown(client, "education_list", town=county.town_a.unit.slug) == {primary.title}

    one = f.school(name="青禾小学", town=county.town_a.unit, catchment="青禾村", phone="0999-6231201")
    f.school(name="石桥幼儿园", school_kind=School.Kind.KINDERGARTEN, town=county.town_b.unit)
    f.school(name="不显示的学校", is_shown=False)
    response = client.get(reverse("listings:schools"), {"town": county.town_a.unit.slug})
    assert [s.name for s in response.context["page_obj"]] == ["青禾小学"]
    detail = client.get(one.get_absolute_url()).content.decode()
    assert "青禾村" in detail and "0999-6231201" in detail


def test_traffic_filters_now_and_soon(client, county):
    now_closed = f.traffic(title="正在封路", starts_at=f.at(-1), ends_at=f.at(5))
    soon = f.traffic(title="明天绕行", notice_kind=TrafficNotice.Kind.DETOUR, starts_at=f.at(20), ends_at=f.at(30))
    bus = f.traffic(title="公交改道", notice_kind=TrafficNotice.Kind.BUS)
    assert shown(client, "traffic_list", when="now") == {now_closed.title, bus.title}
    assert shown(client, "traffic_list", when="soon") == {soon.title}
    assert shown(client, "traffic_list", notice_kind="bus") == {bus.title}


def test_events_and_offers_filters(client, county):
    show = f.event(title="演出", category=Event.Category.SHOW, price="30元")
    fair = f.event(title="集市", category=Event.Category.MARKET, price="免费")
    assert shown(client, "culture_list", category="market") == {fair.title}
    assert shown(client, "culture_list", free="1") == {fair.title}
    assert show.title in shown(client, "culture_list")

    voucher = f.offer(title="消费券", offer_kind=Offer.Kind.VOUCHER)
    shop = f.offer(title="打折", offer_kind=Offer.Kind.OFFER, town=county.town_a.unit)
    assert shown(client, "offers_list", offer_kind="voucher") == {voucher.title}
    assert shown(client, "offers_list", town=county.town_a.unit.slug) == {shop.title}


# --- expiry ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(f.MAKERS))
def test_expired_and_unapproved_leave_every_list(client, county, kind):
    make = f.MAKERS[kind]
    live = make(title="还在")
    expired = make(title="过期了")
    type(expired).objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    pending = make(title="待审核", status=Status.PENDING)
    rejected = make(title="没通过", status=Status.REJECTED)

    assert shown(client, f"{kind}_list") == {live.title}
    for item in (expired, pending, rejected):
        assert client.get(item.get_absolute_url()).status_code == 404
    clear_caches()
    assert home.summary()["counts"][kind] == (1 if kind != "traffic" or live.starts_at <= timezone.now() else 0)


def test_listing_expires_by_its_own_date(county):
    job = f.job(closing_date=f.today(0))
    assert job.is_live()
    tomorrow = timezone.now() + datetime.timedelta(days=1, hours=1)
    assert not job.is_live(now=tomorrow)
    assert not JobListing.objects.live(now=tomorrow).filter(pk=job.pk).exists()
    traffic = f.traffic(starts_at=f.at(-1), ends_at=f.at(2))
    assert traffic.expires_at == traffic.ends_at


def test_expiry_job_marks_expired_once(county):
    job = f.job()
    JobListing.objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    f.job()
    assert note_expired() == 1
    assert note_expired() == 0


def test_home_tiles_and_traffic_strip_show_live_items(client, county):
    f.job(title="超市收银员")
    f.traffic(title="人民路封闭施工", starts_at=f.at(-1), ends_at=f.at(5))
    f.traffic(title="下周才开始", starts_at=f.at(100), ends_at=f.at(200))
    clear_caches()
    assert home.tile_hint("jobs") == "1个岗位在招 · 最新：超市收银员"
    assert home.tile_hint("rentals") == ""  # the tile's fixed hint
    summary = home.summary()
    assert [item["title"] for item in summary["traffic"]] == ["人民路封闭施工"]
    page = client.get(county.home.url).content.decode()
    assert "1个岗位在招" in page
    assert "交通提示：正在执行" in page, "the home page shows the traffic notices in effect"
    assert "人民路封闭施工" in page and "下周才开始" not in page
    strip = client.get(reverse("listings:index")).content.decode()
    assert "人民路封闭施工" in strip and "下周才开始" not in strip


def test_traffic_strip_costs_the_home_page_no_extra_query(client, county):
    """The strip reads the summary the life tiles already fetched (one query, cached)."""

    def home_queries():
        client.get(county.home.url)  # warm-up
        clear_caches()
        with CaptureQueriesContext(connection) as captured:
            body = client.get(county.home.url).content.decode()
        return len(captured), body

    without, body = home_queries()
    assert "交通提示：正在执行" not in body
    for i in range(5):
        f.traffic(title=f"封路{i}", starts_at=f.at(-1), ends_at=f.at(5 + i))
    with_strip, body = home_queries()
    assert "交通提示：正在执行" in body and "还有 2 条" in body
    assert with_strip == without


def test_home_summary_is_one_query_and_forgets_on_change(county, django_assert_num_queries):
    f.job()
    clear_caches()
    with django_assert_num_queries(1):
        home.summary()
    with django_assert_num_queries(0):
        home.summary()
    f.job(title="新岗位")
    assert home.summary()["newest"]["jobs"] == "新岗位"


# --- bounded queries -------------------------------------------------------------------------------

LIST_MAX_QUERIES = 12


@pytest.mark.parametrize("kind", list(f.MAKERS))
def test_list_queries_do_not_grow(client, county, kind):
    url = reverse(f"listings:{kind}_list")

    def measure():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"town": county.town_a.unit.slug}).status_code == 200
        return len(captured)

    for _ in range(3):
        f.MAKERS[kind](town=county.town_a.unit)
    few = measure()
    for _ in range(15):
        f.MAKERS[kind](town=county.town_a.unit)
    many = measure()
    assert few == many
    assert many <= LIST_MAX_QUERIES


def test_other_public_pages_bounded(client, county, django_assert_max_num_queries):
    for _ in range(10):
        f.school(town=county.town_a.unit)
        f.attraction(town=county.town_b.unit)
        f.event()
    for name in ("schools", "attractions", "calendar", "index", "calendar_ics"):
        client.get(reverse(f"listings:{name}"))
        with django_assert_max_num_queries(LIST_MAX_QUERIES):
            client.get(reverse(f"listings:{name}"))


def test_the_life_grid_reads_the_summary_once_for_its_tiles(county, monkeypatch):
    from townsquare.core.life import life_services

    reads = []
    real = home.summary
    monkeypatch.setattr(home, "summary", lambda *args: reads.append(1) or real(*args))
    f.job(title="超市收银员")
    clear_caches()
    hints = [tile.current_hint for tile in life_services()]
    assert ("1个岗位在招 · 最新：超市收银员" in hints, len(reads)) == (True, 1)
