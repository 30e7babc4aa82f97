"""On publishing and unpublishing a publication: 同步到公众号 when asked, and the unit's webhooks."""

from townsquare.publishing.models import ArticlePage

from . import webhooks
from .wechat import sync


def _unit(page):
    return page.unit if page.unit_id else page.nearest_unit()


def page_was_published(sender, instance, revision=None, **kwargs):
    page = instance.specific if not isinstance(instance, ArticlePage) else instance
    if not isinstance(page, ArticlePage):
        return
    sync.queue_page(page, revision)
    first = page.first_published_at is None or page.last_published_at == page.first_published_at
    event = webhooks.Webhook.Event.PUBLISHED if first else webhooks.Webhook.Event.UPDATED
    webhooks.queue_event(page, event, _unit(page))


def page_was_unpublished(sender, instance, **kwargs):
    page = instance.specific if not isinstance(instance, ArticlePage) else instance
    if isinstance(page, ArticlePage):
        webhooks.queue_event(page, webhooks.Webhook.Event.UNPUBLISHED, _unit(page))
