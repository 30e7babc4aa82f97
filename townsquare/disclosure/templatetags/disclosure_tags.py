"""The 公开目录 block at the top of an item page (one query; nothing when the page has no entry)."""

from django import template
from django.template.loader import render_to_string

from townsquare.publishing.models import PolicyPage

from ..models import CatalogueEntry
from ..models.catalogue import POLICY_FACTS

register = template.Library()


def render_catalogue_block(page):
    entry = CatalogueEntry.objects.filter(page_id=page.pk).select_related("unit").first()
    if entry is None:
        return ""
    if isinstance(page, PolicyPage):  # its 文件信息 table shows the rest: only add what it lacks
        entry.policy_facts = {name: getattr(page, name) for name in POLICY_FACTS}
        facts = entry.facts_beyond_policy()
    else:
        entry.policy_facts = None
        facts = entry.facts()
    return render_to_string("disclosure/includes/catalogue_block.html", {"facts": facts})


@register.simple_tag
def catalogue_block(page):
    return render_catalogue_block(page)
