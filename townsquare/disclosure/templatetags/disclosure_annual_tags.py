"""A 公开年报 figure: its value, and for staff (``link``) a link to the items behind it."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

register = template.Library()


def items_url(figure):
    ids = ",".join(str(pk) for pk in figure.get("ids") or ())
    if not ids:
        return ""
    if figure["source"] == "applications":
        return f"{reverse('disclosure_inbox')}?ids={ids}"
    if figure["source"] == "pages":
        return f"{reverse('disclosure_annual_pages')}?ids={ids}"
    return ""


@register.simple_tag
def annual_figure(figure, link=False):
    url = items_url(figure) if link else ""
    if url:
        return format_html('<a href="{}" title="查看明细">{}</a>', url, figure["value"])
    return format_html("{}", figure["value"])
