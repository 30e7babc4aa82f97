"""The public pages' icons: one SVG sprite built from the vendored icons, referenced by ``<use>``.

The icons (lucide-static, ISC) live one per file in ``templates/icons/``. ``build_sprite()`` turns them
into one document of ``<symbol id="name">``s, committed as ``static/core/icons.svg`` (rebuild with
``manage.py build_icon_sprite`` after adding an icon; a test checks that the file is current). A page
then carries ``<svg><use href="/static/core/icons.<hash>.svg#name"/></svg>`` per icon, a few dozen
bytes instead of the whole drawing, and the browser fetches the sprite once and caches it. ``<use>``
of an external file works for same-origin files only: the static files are served by the site itself.
"""

import logging
import re
from functools import lru_cache
from pathlib import Path

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import escape
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

ICON_DIR = Path(__file__).resolve().parent / "templates" / "icons"
SPRITE_PATH = Path(__file__).resolve().parent / "static" / "core" / "icons.svg"
SPRITE_STATIC_NAME = "core/icons.svg"
# What a symbol keeps of the drawing's root element: the coordinate system and the stroke style.
SYMBOL_ATTRIBUTES = ("viewBox", "fill", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin")
ROOT = re.compile(r"<svg\b([^>]*)>(.*)</svg>", re.S)
ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


def _symbol(name, svg):
    match = ROOT.search(re.sub(r"<!--.*?-->", "", svg, flags=re.S))
    if match is None:
        raise ValueError(f"icon {name}: no <svg> element")
    attributes = dict(ATTRIBUTE.findall(match.group(1)))
    kept = "".join(f' {key}="{attributes[key]}"' for key in SYMBOL_ATTRIBUTES if key in attributes)
    body = re.sub(r"\s+", " ", match.group(2)).replace("> <", "><").replace(" />", "/>").strip()
    return f'<symbol id="{name}"{kept}>{body}</symbol>'


def build_sprite(icon_dir=ICON_DIR):
    """The sprite document: every icon of ``icon_dir`` as a symbol named after its file, in name order."""
    symbols = [_symbol(path.stem, path.read_text(encoding="utf-8")) for path in sorted(icon_dir.glob("*.svg"))]
    return (
        "<!-- lucide-static v1.62.0 - ISC; built by manage.py build_icon_sprite from core/templates/icons -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"
    )


@lru_cache(maxsize=1)
def known_icons():
    return frozenset(path.stem for path in ICON_DIR.glob("*.svg"))


@lru_cache(maxsize=1)
def sprite_url():
    """The sprite's static URL (hashed after collectstatic): looked up once per process."""
    return static(SPRITE_STATIC_NAME)


@lru_cache(maxsize=256)
def icon_markup(name, css_class=""):
    """``<svg>`` using the symbol ``name`` of the sprite, hidden from screen readers; "" for an unknown icon."""
    if name not in known_icons():
        logger.warning("Unknown icon %r", name)
        return ""
    classes = f"icon {escape(css_class)}" if css_class else "icon"
    return mark_safe(
        f'<svg class="{classes}" aria-hidden="true" focusable="false" width="24" height="24">'
        f'<use href="{escape(sprite_url())}#{name}"/></svg>'
    )


@receiver(setting_changed)
def _forget_sprite_url(setting, **kwargs):
    if setting in ("STATIC_URL", "STORAGES"):
        sprite_url.cache_clear()
        icon_markup.cache_clear()
