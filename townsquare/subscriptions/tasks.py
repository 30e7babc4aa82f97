"""Background work: sending one batch of subscription e-mails (new ones, or logged ones tried again)."""

from django_tasks import task


@task()
def send_batch(delivery_ids):
    from .sending import send_deliveries

    return send_deliveries(delivery_ids)


@task()
def send_new(message_id, subscriber_ids):
    from .sending import send_new as send

    return send(message_id, subscriber_ids)
