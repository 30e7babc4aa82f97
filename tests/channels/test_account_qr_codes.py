"""/zhanghao/ shows each account as a card with a QR code drawn on the server; every page's footer links the list."""

import pytest
from django.urls import reverse

from townsquare.channels.models import Channel
from townsquare.channels.platform import sync_platform_channels

from .factories import ChannelFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("channels:index")


def test_every_account_card_carries_its_qr_code(client, county, town_a):
    sync_platform_channels()
    ChannelFactory(unit=town_a.unit, name="青禾发布", account_id="gh_qinghe")
    ChannelFactory(unit=town_a.unit, name="青禾抖音", kind=Channel.Kind.DOUYIN, status=Channel.Status.CLOSED)
    text = client.get(INDEX).content.decode()
    shown = Channel.objects.exclude(kind=Channel.Kind.PLATFORM, page__isnull=True).count()
    assert text.count('class="channel-qr" src="data:image/svg+xml;base64,') == shown


def test_every_public_page_footer_links_the_account_list(client, county):
    text = client.get(county.home.url).content.decode()
    footer = text[text.index('<footer class="site-footer">') :]
    assert f'href="{INDEX}"' in footer
