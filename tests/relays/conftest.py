import pytest

from townsquare.channels.models import Channel

from .factories import WechatAccountFactory
from .fake_wechat import FakeWechat


@pytest.fixture
def fake_wechat(settings):
    with FakeWechat() as fake:
        settings.WECHAT_API_BASE = fake.base
        settings.RELAY_TIMEOUT_SECONDS = 5
        yield fake


@pytest.fixture
def town_wechat(town_a):
    """青禾镇's connected 公众号."""
    return WechatAccountFactory(channel__unit=town_a.unit, channel__kind=Channel.Kind.WECHAT).channel
