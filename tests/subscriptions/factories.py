import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from townsquare.subscriptions.models import Frequency, Kind, Subscriber, Subscription


class SubscriberFactory(DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"jumin{n}@example.com")
    confirmed_at = factory.LazyFunction(timezone.now)


class SubscriptionFactory(DjangoModelFactory):
    """A confirmed subscription to a unit's publications, sent at once (override kind, unit, frequency)."""

    class Meta:
        model = Subscription

    subscriber = factory.SubFactory(SubscriberFactory)
    kind = Kind.UNIT
    frequency = Frequency.IMMEDIATE
    confirmed_at = factory.LazyFunction(timezone.now)


class WechatSubscriberFactory(SubscriberFactory):
    """A resident who subscribed by WeChat (pass ``wechat``: the county's connected channel)."""

    email = None
    openid = factory.Sequence(lambda n: f"oWx_fake_openid_{n:06d}")
