"""Background work: one attempt of a 公众号 sync, one webhook delivery (retries come from ``jobs.py``)."""

from django_tasks import task


@task()
def sync_publication(publication_id):
    from .models import WechatPublication
    from .wechat.sync import run

    publication = WechatPublication.objects.filter(pk=publication_id).select_related("channel", "page").first()
    if publication is not None:
        run(publication)


@task()
def deliver_webhook(delivery_id):
    from .models import WebhookDelivery
    from .webhooks import deliver

    delivery = WebhookDelivery.objects.filter(pk=delivery_id).select_related("webhook").first()
    if delivery is not None:
        deliver(delivery)
