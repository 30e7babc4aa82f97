"""A connected 公众号 channel (its AppID and sealed secret point at the fake), webhooks, articles to sync."""

import factory
from factory.django import DjangoModelFactory

from tests.channels.factories import ChannelFactory
from tests.factories import ImageFactory, NewsPageFactory
from townsquare.relays.models import Webhook, WechatAccount

from .fake_wechat import APP_ID, APP_SECRET


class WechatAccountFactory(DjangoModelFactory):
    class Meta:
        model = WechatAccount
        skip_postgeneration_save = True

    channel = factory.SubFactory(ChannelFactory)
    app_id = APP_ID

    @factory.post_generation
    def secret(obj, create, extracted, **kwargs):
        obj.secret = APP_SECRET if extracted is None else extracted
        if create:
            obj.save()


class WebhookFactory(DjangoModelFactory):
    class Meta:
        model = Webhook
        skip_postgeneration_save = True

    channel = factory.SubFactory(ChannelFactory)
    url = "http://127.0.0.1:9/hook"

    @factory.post_generation
    def secret(obj, create, extracted, **kwargs):
        obj.secret = extracted or "hook-secret"
        if create:
            obj.save()


def body_with_picture_and_link():
    picture = ImageFactory()
    return [
        ("text", '<h2>一、补贴对象</h2><p>详见<a href="https://www.example.gov.cn/zhengce/1">省里的文件</a>。</p>'),
        ("graphic", {"image": picture, "alt": "补贴标准表", "caption": "补贴标准"}),
    ]


def synced_news(place, **kwargs):
    """A news article of ``place`` with 同步到公众号 ticked, published (through the factory)."""
    kwargs.setdefault("sync_to_wechat", True)
    kwargs.setdefault("body", body_with_picture_and_link())
    return NewsPageFactory(parent=place.section("news"), **kwargs)
