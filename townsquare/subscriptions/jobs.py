from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from townsquare.core.scheduling import periodic_job


@periodic_job("subscriptions_digests", every=timedelta(minutes=30), label="订阅汇总邮件")
def subscriptions_digests():
    """Daily and weekly digests, once their hour has come (each subscriber once per period)."""
    from .digests import build
    from .models import Frequency

    daily, weekly = build(Frequency.DAILY), build(Frequency.WEEKLY)
    return f"每日汇总 {daily} 封，每周汇总 {weekly} 封"


@periodic_job("subscriptions_retry", every=timedelta(minutes=5), label="订阅邮件重试")
def subscriptions_retry():
    """Failed deliveries whose wait is over are tried again, up to SUBSCRIPTIONS_MAX_ATTEMPTS."""
    from .sending import retry_due

    return f"重试 {len(retry_due())} 封"


@periodic_job("subscriptions_cleanup", every=timedelta(hours=6), label="订阅清理")
def subscriptions_cleanup():
    """Unconfirmed subscriptions (and addresses never confirmed) past the confirmation window go;
    so do addresses that have followed nothing for SUBSCRIPTIONS_PURGE_DAYS, with their delivery log."""
    from .models import Subscriber, Subscription

    now = timezone.now()
    confirm_window = now - timedelta(days=settings.SUBSCRIPTIONS_CONFIRM_DAYS)
    expired, _ = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=confirm_window).delete()
    Subscriber.objects.filter(confirmed_at__isnull=True, created_at__lt=confirm_window).delete()
    idle = now - timedelta(days=settings.SUBSCRIPTIONS_PURGE_DAYS)
    gone, _ = Subscriber.objects.filter(subscriptions__isnull=True, changed_at__lt=idle).delete()
    return f"过期未确认的订阅 {expired} 条，清理邮箱 {gone} 个"
