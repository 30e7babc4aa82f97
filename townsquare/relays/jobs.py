"""Every minute: retry failed 公众号 syncs and webhook deliveries whose wait is over, and ask WeChat about
submitted articles (each at most every WECHAT_POLL_MINUTES)."""

from datetime import timedelta

from townsquare.core.scheduling import periodic_job

from . import webhooks
from .wechat import sync


@periodic_job("relays_due", every=timedelta(minutes=1), label="公众号同步重试与状态查询、推送重试")
def relays_due():
    sync.due()
    webhooks.due()
