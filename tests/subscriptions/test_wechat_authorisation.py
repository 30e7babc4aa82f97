"""Subscribing by WeChat: the web authorisation (网页授权) names the resident by openid, the form subscribes."""

from urllib.parse import parse_qs, urlsplit

import pytest

from townsquare.subscriptions.models import Kind, Subscriber, Subscription

from .conftest import WECHAT_BROWSER

pytestmark = pytest.mark.django_db
OPENID = "oWx_qinghe_resident_0001"


def start(client, query=""):
    """Open /dingyue/weixin/ inside WeChat; returns (redirect_uri, state) of the authorisation it sends to."""
    response = client.get(f"/dingyue/weixin/{query}", **WECHAT_BROWSER)
    params = parse_qs(urlsplit(response["Location"]).query)
    return urlsplit(params["redirect_uri"][0]).path, params["state"][0]


def authorised(client, fake_wechat, query="", openid=OPENID):
    path, state = start(client, query)
    return client.get(path, {"code": fake_wechat.authorize(openid), "state": state}, **WECHAT_BROWSER)


def subscribe_to_water(client, town):
    return client.post(
        "/dingyue/weixin/tianxie/",
        {"kind": Kind.UTILITIES, "town": town.pk, "frequency": "weekly", "submission_key": "k" * 32},
        **WECHAT_BROWSER,
    )


def test_the_start_sends_to_wechats_authorisation_with_the_silent_scope(client, county_wechat):
    response = client.get("/dingyue/weixin/", **WECHAT_BROWSER)
    location = response["Location"]
    assert location.startswith("https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx_fake_app_id&")
    assert "scope=snsapi_base" in location and location.endswith("#wechat_redirect")


def test_the_state_is_letters_and_digits_only(client, county_wechat):
    _, state = start(client)
    assert state.isalnum() and len(state) <= 128


def test_the_round_trip_makes_a_confirmed_wechat_subscriber(client, county_wechat, fake_wechat):
    authorised(client, fake_wechat)
    subscriber = Subscriber.objects.get(openid=OPENID)
    assert (subscriber.wechat_id, subscriber.email, subscriber.confirmed_at is not None) == (
        county_wechat.pk,
        None,
        True,
    )


def test_the_form_subscribes_the_wechat_subscriber(client, county_wechat, fake_wechat, town_a):
    authorised(client, fake_wechat)
    subscribe_to_water(client, town_a.unit)
    subscription = Subscription.objects.get(subscriber__openid=OPENID)
    assert (subscription.kind, subscription.unit_id, subscription.confirmed_at is not None) == (
        Kind.UTILITIES,
        town_a.unit.pk,
        True,
    )


def test_the_first_message_is_subscribed_with_the_manage_link(client, county_wechat, fake_wechat, town_a):
    authorised(client, fake_wechat)
    subscribe_to_water(client, town_a.unit)
    [sent] = fake_wechat.templates()
    assert sent["data"]["thing1"]["value"].startswith("订阅成功") and "/dingyue/guanli/" in sent["url"]


def test_the_form_leads_to_the_manage_page(client, county_wechat, fake_wechat, town_a):
    authorised(client, fake_wechat)
    response = subscribe_to_water(client, town_a.unit)
    assert response["Location"].startswith("/dingyue/guanli/")


def test_a_subscribe_link_keeps_what_it_asked_for(client, county_wechat, fake_wechat, town_a):
    response = authorised(client, fake_wechat, query=f"?kind=utilities&town={town_a.unit.slug}")
    assert response["Location"] == f"/dingyue/weixin/tianxie/?kind=utilities&town={town_a.unit.slug}"


def test_opening_it_again_in_wechat_reaches_the_manage_page(client, county_wechat, fake_wechat):
    response = authorised(client, fake_wechat, query="?next=manage")
    assert response["Location"].startswith("/dingyue/guanli/")


def test_a_second_visit_is_the_same_subscriber(client, county_wechat, fake_wechat):
    authorised(client, fake_wechat)
    authorised(client, fake_wechat)
    assert Subscriber.objects.filter(openid=OPENID).count() == 1


def test_a_state_from_another_browser_is_refused(client, county_wechat, fake_wechat):
    from django.test import Client

    path, state = start(Client())
    response = client.get(path, {"code": fake_wechat.authorize(OPENID), "state": state}, **WECHAT_BROWSER)
    assert response.status_code == 400


def test_an_altered_state_is_refused(client, county_wechat, fake_wechat):
    path, state = start(client)
    forged = state[:-1] + ("0" if state[-1] != "0" else "1")
    response = client.get(path, {"code": fake_wechat.authorize(OPENID), "state": forged}, **WECHAT_BROWSER)
    assert response.status_code == 400


def test_a_code_wechat_does_not_know_subscribes_nobody(client, county_wechat, fake_wechat):
    path, state = start(client)
    client.get(path, {"code": "made-up", "state": state}, **WECHAT_BROWSER)
    assert not Subscriber.objects.exists()


def test_the_form_without_the_authorisation_goes_to_the_start(client, county_wechat):
    response = client.get("/dingyue/weixin/tianxie/", **WECHAT_BROWSER)
    assert "/dingyue/weixin/" in response["Location"]


def test_outside_wechat_the_start_shows_a_qr_code(client, county_wechat):
    response = client.get("/dingyue/weixin/")
    assert b"data:image/svg+xml;base64," in response.content


def test_without_a_connected_account_there_is_no_wechat_subscription(client, county, fake_wechat):
    assert client.get("/dingyue/weixin/", **WECHAT_BROWSER).status_code == 404


def test_without_a_template_id_there_is_no_wechat_subscription(client, county_wechat, settings):
    settings.WECHAT_SUBSCRIPTION_TEMPLATE_ID = ""
    assert client.get("/dingyue/weixin/", **WECHAT_BROWSER).status_code == 404


def test_the_subscribe_page_offers_wechat_inside_wechat(client, county_wechat):
    response = client.get("/dingyue/", **WECHAT_BROWSER)
    assert "用微信订阅" in response.content.decode()
