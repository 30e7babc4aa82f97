"""同步到公众号: a published article with the box ticked is uploaded, drafted, submitted, polled and recorded."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import NewsPageFactory
from townsquare.relays.models import WechatPublication
from townsquare.relays.wechat import sync

from .factories import synced_news

pytestmark = pytest.mark.django_db
Status = WechatPublication.Status


@pytest.fixture
def published(town_a, town_wechat, fake_wechat, django_capture_on_commit_callbacks):
    """Publish a ticked article of 青禾镇; the sync task runs when the transaction commits."""

    def publish(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            page = synced_news(town_a, **kwargs)
        return page

    return publish


def draft_article(fake):
    return fake.bodies("/cgi-bin/draft/add")[0]["articles"][0]


def test_a_ticked_article_is_drafted_and_submitted(published, fake_wechat):
    published()

    assert fake_wechat.paths()[-2:] == ["/cgi-bin/draft/add", "/cgi-bin/freepublish/submit"]


def test_the_draft_carries_the_page_address_for_read_the_original(published, fake_wechat):
    page = published()

    assert draft_article(fake_wechat)["content_source_url"] == page.full_url


def test_the_draft_carries_the_converted_body_with_wechat_hosted_pictures(published, fake_wechat):
    published()

    content = draft_article(fake_wechat)["content"]
    assert '<img alt="补贴标准表" src="http://mmbiz.qpic.cn/fake/' in content


def test_the_draft_has_the_summary_the_unit_and_an_uploaded_cover(published, fake_wechat, town_a):
    page = published()

    article = draft_article(fake_wechat)
    assert (article["digest"], article["author"], article["thumb_media_id"][:6]) == (page.summary, "青禾镇", "thumb-")


def test_a_submitted_article_is_recorded_as_submitted(published, fake_wechat):
    page = published()

    publication = WechatPublication.objects.get(page=page)
    assert (publication.status, publication.publish_id) == (Status.SUBMITTED, "2247483000")


def test_polling_records_the_article_link(published, fake_wechat):
    page = published()
    sync.due(now=timezone.now() + datetime.timedelta(hours=1))

    publication = WechatPublication.objects.get(page=page)
    assert (publication.status, publication.article_url) == (
        Status.PUBLISHED,
        "https://mp.weixin.qq.com/s/fake-article-1",
    )


def test_a_published_article_marks_the_channel_updated_today(published, fake_wechat, town_wechat):
    type(town_wechat).objects.filter(pk=town_wechat.pk).update(last_update_on=datetime.date(2020, 1, 1))
    published()
    sync.due(now=timezone.now() + datetime.timedelta(hours=1))

    town_wechat.refresh_from_db()
    assert town_wechat.last_update_on == timezone.localdate()


def test_an_article_still_publishing_is_asked_again_later(published, fake_wechat):
    fake_wechat.publish_status = 1
    page = published()
    sync.due(now=timezone.now() + datetime.timedelta(hours=1))

    assert WechatPublication.objects.get(page=page).status == Status.SUBMITTED


def test_an_article_wechat_refuses_after_review_is_shown_failed_with_the_reason(published, fake_wechat):
    fake_wechat.publish_status = 4
    page = published()
    sync.due(now=timezone.now() + datetime.timedelta(hours=1))

    publication = WechatPublication.objects.get(page=page)
    assert (publication.status, publication.last_error) == (Status.FAILED, "微信发布失败：平台审核不通过")


def test_an_unticked_article_is_not_sent(town_a, town_wechat, fake_wechat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        NewsPageFactory(parent=town_a.section("news"))

    assert (fake_wechat.calls, WechatPublication.objects.count()) == ([], 0)


def test_a_failed_attempt_waits_to_be_tried_again(published, fake_wechat):
    fake_wechat.fail_next("/cgi-bin/draft/add", 45009)
    page = published()

    publication = WechatPublication.objects.get(page=page)
    assert (publication.status, publication.attempts, publication.next_attempt_at is not None) == (
        Status.QUEUED,
        1,
        True,
    )


def test_a_failed_attempt_succeeds_when_tried_again(published, fake_wechat):
    fake_wechat.fail_next("/cgi-bin/draft/add", 45009)
    page = published()
    sync.due(now=timezone.now() + datetime.timedelta(hours=1))

    assert WechatPublication.objects.get(page=page).status == Status.SUBMITTED


def test_after_the_last_attempt_the_failure_is_shown_in_chinese(published, fake_wechat, settings):
    settings.RELAY_MAX_ATTEMPTS = 2
    fake_wechat.fail_next("/cgi-bin/draft/add", 45009, 45009)
    page = published()
    sync.due(now=timezone.now() + datetime.timedelta(days=1))

    publication = WechatPublication.objects.get(page=page)
    assert (publication.status, publication.last_error) == (
        Status.FAILED,
        "今天调用接口的次数已用完（错误码 45009：fake failure）",
    )


def test_retry_starts_a_failed_publication_again(published, fake_wechat, settings, django_capture_on_commit_callbacks):
    settings.RELAY_MAX_ATTEMPTS = 1
    fake_wechat.fail_next("/cgi-bin/draft/add", 45009)
    page = published()
    publication = WechatPublication.objects.get(page=page)

    with django_capture_on_commit_callbacks(execute=True):
        sync.retry(publication)

    assert WechatPublication.objects.get(page=page).status == Status.SUBMITTED


def test_publishing_the_same_revision_again_sends_nothing_more(published, fake_wechat):
    page = published()
    sync.queue_page(page, page.live_revision)

    assert WechatPublication.objects.filter(page=page).count() == 1


def test_a_page_of_a_unit_without_an_account_goes_to_the_county_account(
    county, fake_wechat, django_capture_on_commit_callbacks
):
    from townsquare.channels.models import Channel

    from .factories import WechatAccountFactory

    county_channel = WechatAccountFactory(channel__unit=county.county.unit, channel__kind=Channel.Kind.WECHAT).channel
    with django_capture_on_commit_callbacks(execute=True):
        page = synced_news(county.town_b)

    assert WechatPublication.objects.get(page=page).channel == county_channel


def test_the_third_approval_of_a_ticked_article_sends_it(
    county, town_a, town_wechat, fake_wechat, django_capture_on_commit_callbacks
):
    from tests.helpers import fresh, review, submit_for_review

    draft = NewsPageFactory(parent=town_a.section("news"), publish=False, sync_to_wechat=True)
    submit_for_review(draft, town_a.editor)
    page = review(review(fresh(draft), town_a.reviewer), town_a.head)
    with django_capture_on_commit_callbacks(execute=True):
        review(page, county.media.reviewer)

    assert WechatPublication.objects.get(page_id=draft.pk).status == Status.SUBMITTED


def test_an_attempt_whose_worker_died_is_queued_again(published, fake_wechat):
    page = published()
    WechatPublication.objects.filter(page=page).update(status=Status.UPLOADING, media_id="")
    sync.due(now=timezone.now() + datetime.timedelta(hours=1))

    assert WechatPublication.objects.get(page=page).status == Status.QUEUED


def test_the_public_page_links_to_the_wechat_article_once_published(published, fake_wechat, client):
    page = published()
    sync.due(now=timezone.now() + datetime.timedelta(hours=1))

    html = client.get(page.url).content.decode()
    assert '本文同步发布于微信公众号“<a href="https://mp.weixin.qq.com/s/fake-article-1"' in html


@pytest.fixture
def republished(town_a, town_wechat, fake_wechat, django_capture_on_commit_callbacks):
    """A ticked article published, changed and published again before the first sync task ran; then it runs."""
    with django_capture_on_commit_callbacks() as first_sync:
        page = synced_news(town_a, title="旧标题")
    page.title = "新标题"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    for callback in first_sync:
        callback()  # the first revision's task, late in the queue
    return page


def test_a_page_republished_while_its_sync_waits_is_drafted_once(republished, fake_wechat):
    assert len(fake_wechat.bodies("/cgi-bin/draft/add")) == 1


def test_a_page_republished_while_its_sync_waits_sends_the_newest_revision(republished, fake_wechat):
    assert draft_article(fake_wechat)["title"] == "新标题"


def test_a_page_republished_while_its_sync_waits_keeps_one_publication(republished):
    (publication,) = WechatPublication.objects.filter(page=republished)
    republished.refresh_from_db()
    assert (publication.revision_id, publication.status) == (republished.live_revision_id, Status.SUBMITTED)


def test_the_waiting_sync_left_behind_by_a_republish_sends_nothing_more(republished, fake_wechat):
    sync.due(now=timezone.now() + datetime.timedelta(hours=1))
    assert len(fake_wechat.bodies("/cgi-bin/freepublish/submit")) == 1


def test_a_page_republished_after_its_sync_went_out_is_sent_again(published, fake_wechat):
    page = published()
    page.title = "更正后的标题"
    page.save_revision().publish()
    assert WechatPublication.objects.filter(page=page).count() == 2
