import pytest

from tests.relays.factories import WechatAccountFactory
from tests.relays.fake_wechat import FakeWechat
from townsquare.channels.models import Channel

WECHAT_BROWSER = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 MicroMessenger/8.0.50 NetType/WIFI"}


@pytest.fixture
def fake_wechat(settings):
    with FakeWechat() as fake:
        settings.WECHAT_API_BASE = fake.base
        settings.RELAY_TIMEOUT_SECONDS = 5
        settings.WECHAT_SUBSCRIPTION_TEMPLATE_ID = "tpl-xinxi-fabu"
        yield fake


@pytest.fixture
def county_wechat(county, fake_wechat):
    """The county's connected 公众号 (pointing at the fake), through which residents subscribe."""
    return WechatAccountFactory(channel__unit=county.county.unit, channel__kind=Channel.Kind.WECHAT).channel
