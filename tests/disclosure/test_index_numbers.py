"""索引号: 机构代码/YYYY-NNNNN, given once at the first publication, never reused."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from townsquare.disclosure.indexing import next_sequence
from townsquare.disclosure.models import CatalogueEntry, IndexCounter
from townsquare.units.models import Unit

from ..factories import NewsPageFactory, NoticePageFactory, publish

CODE = "11330000MB0000001L"


@pytest.fixture
def coded_town(county):
    Unit.objects.filter(pk=county.town_a.unit.pk).update(organization_code=CODE)
    return county.town_a


def entry_of(page):
    return CatalogueEntry.objects.get(page=page)


def test_a_published_notice_gets_an_index_number_with_the_units_code(coded_town):
    notice = NoticePageFactory(parent=coded_town.section("notice"))
    year = timezone.localdate(notice.first_published_at).year
    assert entry_of(notice).index_number == f"{CODE}/{year}-00001"


def test_numbers_count_up_within_a_unit_and_year(coded_town):
    first = NoticePageFactory(parent=coded_town.section("notice"))
    second = NoticePageFactory(parent=coded_town.section("notice"))
    assert entry_of(second).sequence == entry_of(first).sequence + 1


def test_publishing_again_keeps_the_number(coded_town):
    notice = NoticePageFactory(parent=coded_town.section("notice"))
    number = entry_of(notice).index_number
    notice.title = "关于停水时间调整的通知"
    publish(notice)
    assert entry_of(notice).index_number == number


def test_a_deleted_pages_number_is_never_given_again(coded_town):
    notice = NoticePageFactory(parent=coded_town.section("notice"))
    number = entry_of(notice).index_number
    notice.delete()
    newer = NoticePageFactory(parent=coded_town.section("notice"))
    assert entry_of(newer).index_number != number


def test_a_draft_has_no_number_yet(coded_town):
    notice = NoticePageFactory(parent=coded_town.section("notice"), publish=False)
    assert not CatalogueEntry.objects.filter(page=notice).exists()


def test_news_is_not_in_the_catalogue(coded_town):
    news = NewsPageFactory(parent=coded_town.section("news"))
    assert not CatalogueEntry.objects.filter(page=news).exists()


def test_a_unit_without_a_code_numbers_by_its_url_name(county):
    notice = NoticePageFactory(parent=county.town_b.section("notice"))
    assert entry_of(notice).index_number.startswith(f"{county.town_b.unit.slug.upper()}/")


@pytest.mark.django_db(transaction=True)
def test_concurrent_assignments_never_share_a_number():
    """Eight threads take numbers at once; on PostgreSQL the row lock makes them wait their turn."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (SQLite serialises whole transactions)")
    from django.db import close_old_connections, transaction

    unit = Unit.objects.create(name="并发测试镇", slug="bingfa", kind=Unit.Kind.TOWN)
    taken, barrier = [], threading.Barrier(8)

    def take():
        try:
            barrier.wait()
            for _ in range(5):
                with transaction.atomic():
                    taken.append(next_sequence(unit, 2026))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(taken) == list(range(1, 41))
    IndexCounter.objects.all().delete()
    unit.delete()


def test_the_published_date_is_the_first_publication(coded_town):
    notice = NoticePageFactory(parent=coded_town.section("notice"))
    assert entry_of(notice).published_on == timezone.localdate(notice.first_published_at)


def test_the_year_of_the_number_follows_the_first_publication(coded_town):
    notice = NoticePageFactory(parent=coded_town.section("notice"), publish=False)
    notice.first_published_at = timezone.make_aware(datetime.datetime(2025, 12, 30, 10))
    notice.save()
    publish(notice)
    assert entry_of(notice).index_number == f"{CODE}/2025-00001"
