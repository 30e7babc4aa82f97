"""Background work: sending one batch of subscription e-mails."""

from django_tasks import task


@task()
def send_batch(delivery_ids):
    from .sending import send_deliveries

    return send_deliveries(delivery_ids)
