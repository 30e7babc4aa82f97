"""Channels for tests: an external account of a unit, active and updated today unless told otherwise."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from townsquare.channels.models import Channel


class ChannelFactory(DjangoModelFactory):
    class Meta:
        model = Channel

    kind = Channel.Kind.WECHAT
    name = factory.Sequence(lambda n: f"测试镇发布{n}")
    account_id = factory.Sequence(lambda n: f"gh_test{n:06d}")
    responsible_person = "王小明"
    opened_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=400))
    last_update_on = factory.LazyFunction(timezone.localdate)
