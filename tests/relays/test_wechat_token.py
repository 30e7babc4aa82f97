"""The access token: cached and shared, fetched once across workers, refreshed once when WeChat refuses it."""

import threading

from townsquare.relays.wechat.client import WechatClient

from .fake_wechat import APP_ID, APP_SECRET, FakeWechat


def client(fake):
    return WechatClient(APP_ID, APP_SECRET, base=fake.base, timeout=5)


def test_the_token_is_fetched_once_and_reused_by_later_calls(fake_wechat):
    client(fake_wechat).publish_status("1")
    client(fake_wechat).publish_status("2")

    assert fake_wechat.paths().count("/cgi-bin/token") == 1


def test_workers_needing_a_token_at_once_fetch_it_once(settings):
    with FakeWechat(token_delay=0.3) as fake:
        tokens = []
        threads = [threading.Thread(target=lambda: tokens.append(client(fake).token())) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert (fake.issued, set(tokens)) == (1, {"token-1"})


def test_an_expired_token_is_refreshed_and_the_call_tried_again(fake_wechat):
    client(fake_wechat).token()
    fake_wechat.expire_tokens()

    answer = client(fake_wechat).publish_status("7")

    assert (answer["publish_status"], fake_wechat.issued) == (0, 2)


def test_a_token_another_worker_refreshed_is_used_without_fetching_again(fake_wechat):
    first = client(fake_wechat).token()
    fresh = client(fake_wechat).token(stale="token-from-before")

    assert (fresh, fake_wechat.issued) == (first, 1)


def test_a_wrong_secret_is_explained_in_chinese(fake_wechat):
    from townsquare.relays.wechat.sync import error_message

    try:
        WechatClient(APP_ID, "wrong", base=fake_wechat.base).token()
    except Exception as error:  # the test looks at the message
        message = error_message(error)

    assert "AppSecret 无效" in message and "40125" in message
