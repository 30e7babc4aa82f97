import pytest

from tests.factories import NewsPageFactory, publish
from townsquare.subscriptions.models import Delivery, Kind

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def follower(town_a):
    return SubscriptionFactory(unit=town_a.unit).subscriber


def test_a_publication_reaches_the_units_followers(town_a, follower, smtp_server):
    NewsPageFactory(parent=town_a.section("news"))
    [message] = smtp_server.wait_for(1)
    assert message.envelope_to == [follower.email]


def test_a_message_carries_list_unsubscribe(town_a, follower, smtp_server):
    NewsPageFactory(parent=town_a.section("news"))
    [message] = smtp_server.wait_for(1)
    assert "/dingyue/tuiding/" in message["List-Unsubscribe"]


def test_a_message_offers_one_click_unsubscribe(town_a, follower, smtp_server):
    NewsPageFactory(parent=town_a.section("news"))
    [message] = smtp_server.wait_for(1)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_message_links_the_manage_page(town_a, follower, smtp_server):
    NewsPageFactory(parent=town_a.section("news"))
    [message] = smtp_server.wait_for(1)
    assert "/dingyue/guanli/" in message.get_content()


def test_another_units_publication_is_not_sent(town_b, follower, smtp_server):
    NewsPageFactory(parent=town_b.section("news"))
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_a_column_subscription_gets_that_columns_items(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.COLUMN, column=town_a.section("notice"))
    NewsPageFactory(parent=town_a.section("news"))
    NoticePage = town_a.section("notice").item_model()
    page = NoticePage(title="秋季征兵报名开始", slug="zhengbing", summary="18至22岁男青年可报名。")
    town_a.section("notice").add_child(instance=page)
    publish(page)
    assert [m["Subject"].strip() for m in smtp_server.wait_for(2, timeout=1)] == ["秋季征兵报名开始"]


def test_a_minor_fix_sends_nothing(town_a, follower, smtp_server):
    page = NewsPageFactory(parent=town_a.section("news"))
    smtp_server.wait_for(1)
    page.title = page.title + "（改错字）"
    publish(page)
    assert len(smtp_server.wait_for(2, timeout=0.5)) == 1


def test_a_major_change_with_an_update_note_is_sent(town_a, follower, smtp_server):
    page = NewsPageFactory(parent=town_a.section("news"))
    smtp_server.wait_for(1)
    page.change_note = "会议时间改为10月9日"
    publish(page)
    assert smtp_server.wait_for(2)[1]["Subject"].strip().startswith("【更新】")


def test_each_follower_is_logged_once(town_a, follower, smtp_server):
    NewsPageFactory(parent=town_a.section("news"))
    smtp_server.wait_for(1)
    assert Delivery.objects.filter(subscriber=follower, status=Delivery.Status.SENT).count() == 1


def test_an_unconfirmed_subscription_gets_nothing(town_a, smtp_server):
    SubscriptionFactory(unit=town_a.unit, confirmed_at=None)
    NewsPageFactory(parent=town_a.section("news"))
    assert smtp_server.wait_for(1, timeout=0.5) == []
