"""``{% request_form_parts %}``: what other apps put under the 留言 form's text (hook
``townsquare_request_form_parts``: fn(request) -> HTML), e.g. the knowledge base's suggested answers."""

from django import template
from django.utils.safestring import mark_safe
from wagtail import hooks

register = template.Library()


@register.simple_tag(takes_context=True)
def request_form_parts(context):
    request = context.get("request")
    return mark_safe("".join(str(fn(request)) for fn in hooks.get_hooks("townsquare_request_form_parts")))
