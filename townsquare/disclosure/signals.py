"""A page published for the first time gets its 公开目录 entry and 索引号."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .indexing import ensure_entry


@receiver(page_published)
def catalogue_on_publish(sender, instance, **kwargs):
    ensure_entry(instance)
