from django import template

from .. import home

register = template.Library()


@register.simple_tag
def home_traffic():
    """The home page's traffic strip: notices in effect (from the cached one-query summary)."""
    return home.summary() or {"traffic": [], "more_traffic": 0}
