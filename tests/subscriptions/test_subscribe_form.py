import pytest
from django.urls import reverse

from townsquare.subscriptions.models import Frequency, Kind, Subscription

pytestmark = pytest.mark.django_db


def post(client, **fields):
    data = {"email": "laowang@example.com", "kind": Kind.UTILITIES, "frequency": Frequency.IMMEDIATE}
    data.update(fields)
    return client.post(reverse("subscriptions:subscribe"), data)


def test_a_town_subscription_needs_a_town(client, smtp_server):
    response = post(client)
    assert "请选择镇街。" in response.content.decode()


def test_a_bad_address_is_explained(client, town_a, smtp_server):
    response = post(client, email="laowang@", town=town_a.unit.pk)
    assert "邮箱格式不对" in response.content.decode()


def test_the_input_is_kept(client, town_a, smtp_server):
    response = post(client, email="laowang@", town=town_a.unit.pk)
    assert 'value="laowang@"' in response.content.decode()


def test_a_filled_honeypot_records_nothing(client, town_a, smtp_server):
    post(client, town=town_a.unit.pk, homepage="http://spam.example")
    assert not Subscription.objects.exists()


def test_too_many_requests_from_one_address_are_refused(client, town_a, smtp_server, settings):
    settings.SUBSCRIPTIONS_PER_ADDRESS_HOUR = 1
    post(client, town=town_a.unit.pk)
    response = post(client, town=town_a.unit.pk, kind=Kind.TRAFFIC)
    assert response.status_code == 429


def test_a_column_link_fills_in_the_column(client, town_a):
    column = town_a.section("notice")
    response = client.get(reverse("subscriptions:subscribe"), {"column": column.pk})
    assert response.context["form"].initial["column"] == column


def test_the_page_shows_no_subscribers_address(client, town_a, smtp_server):
    post(client, town=town_a.unit.pk)
    response = client.get(reverse("subscriptions:sent", args=[Subscription.objects.get().subscriber_id]))
    assert "laowang@example.com" not in response.content.decode()


def test_a_column_page_offers_to_subscribe_to_it(client, town_a):
    column = town_a.section("notice")
    page = client.get(column.url).content.decode()
    assert f"/dingyue/?column={column.pk}" in page


def test_columns_are_offered_with_their_unit(client, town_a):
    response = client.get(reverse("subscriptions:subscribe"))
    assert "青禾镇 · 通知公告" in response.content.decode()


def test_the_same_county_wide_subscription_cannot_be_stored_twice(db):
    from django.db import IntegrityError, transaction

    from townsquare.subscriptions.models import Kind

    from .factories import SubscriptionFactory

    first = SubscriptionFactory(kind=Kind.JOBS, unit=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        SubscriptionFactory(subscriber=first.subscriber, kind=Kind.JOBS, unit=None)
