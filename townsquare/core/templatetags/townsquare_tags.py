"""Small helpers for the public templates: inline icons, plain dates, life-service tiles."""

import datetime
import logging
import re
from functools import lru_cache
from pathlib import Path

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from townsquare.core.life import LIFE_SERVICES, life_service

register = template.Library()
logger = logging.getLogger(__name__)

ICON_DIR = Path(__file__).resolve().parent.parent / "templates" / "icons"
ICON_NAME = re.compile(r"^[a-z0-9-]+$")


@lru_cache(maxsize=64)
def _icon_markup(name):
    """The vendored SVG without its licence comment, on one line, hidden from screen readers."""
    if not ICON_NAME.match(name):
        return ""
    path = ICON_DIR / f"{name}.svg"
    if not path.is_file():
        logger.warning("Unknown icon %r", name)
        return ""
    svg = path.read_text(encoding="utf-8")
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r"\s+", " ", svg).replace("> <", "><").replace(" />", "/>").replace('" >', '">').strip()
    svg = re.sub(r'\sclass="[^"]*"', "", svg, count=1)
    return svg.replace("<svg", '<svg class="icon" aria-hidden="true" focusable="false"', 1)


@register.simple_tag
def icon(name, css_class=""):
    """Inline SVG icon: {% icon "phone" %} or {% icon "phone" "icon-lg" %}. Decorative only."""
    markup = _icon_markup(str(name))
    if markup and css_class:
        markup = markup.replace('class="icon"', f'class="icon {escape(css_class)}"', 1)
    return mark_safe(markup)


@register.filter
def plain(value, with_time=None):
    """A date as YYYY-MM-DD and a date-time as YYYY-MM-DD HH:MM (local time); anything else as text."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d" if with_time == "date" else "%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    return "" if value is None else value


@register.filter
def is_within(path, url):
    """True when ``path`` is ``url`` or below it (for aria-current on the town switcher)."""
    if not path or not url:
        return False
    return path == url or (url.endswith("/") and path.startswith(url))


@register.simple_tag
def life_services():
    """The life-service tiles for the grid (生活服务)."""
    return LIFE_SERVICES


@register.simple_tag
def life_service_url(slug):
    service = life_service(slug)
    return service.url if service else ""
