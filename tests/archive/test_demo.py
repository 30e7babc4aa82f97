"""The demo's archive of “青禾镇发布”: a dozen 2023–2024 articles, linked to the closed channel, loaded once."""

from datetime import datetime

from townsquare.archive.models import ArchiveIndexPage, ArchivePage
from townsquare.channels.models import Channel
from townsquare.demo.archive import ACCOUNT, ACCOUNT_ID, ARTICLES, ensure_archive
from townsquare.demo.dates import SHANGHAI
from townsquare.demo.loader import Tally


def test_the_demo_archive_is_imported_once_and_linked_to_the_closed_channel(town_a):
    channel = Channel.objects.create(
        unit=town_a.unit, kind=Channel.Kind.WECHAT, name=ACCOUNT, account_id=ACCOUNT_ID, status=Channel.Status.CLOSED
    )
    now = datetime(2026, 11, 29, 10, 0, tzinfo=SHANGHAI)
    units = {"qinghe": town_a.unit}

    first = Tally()
    ensure_archive(units, now, first)
    again = Tally()
    ensure_archive(units, now, again)

    index = ArchiveIndexPage.objects.get(unit=town_a.unit)
    assert ArchivePage.objects.child_of(index).count() == len(ARTICLES) >= 12
    assert first.created["归档文章"] == len(ARTICLES)
    assert again.total_created == 0 and again.existing["归档文章"] == len(ARTICLES)
    dates = ArchivePage.objects.order_by("original_published_at").values_list("original_published_at", flat=True)
    assert dates[0].astimezone(SHANGHAI).year == 2023 and dates.last().astimezone(SHANGHAI).year == 2024
    channel.refresh_from_db()
    assert channel.archive_page_id == index.pk
    assert ArchivePage.objects.filter(body__contains='embedtype="image"').exists()


def test_the_demo_archive_is_live_and_each_publish_is_logged(town_a):
    from wagtail.models import PageLogEntry

    ensure_archive({"qinghe": town_a.unit}, datetime(2026, 11, 29, 10, 0, tzinfo=SHANGHAI), Tally())

    live = ArchivePage.objects.live()
    assert PageLogEntry.objects.filter(action="wagtail.publish", page__in=live).count() == len(ARTICLES)
