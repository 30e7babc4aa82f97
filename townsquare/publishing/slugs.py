"""Short ASCII slugs for pages with Chinese titles: the title in pinyin, cut to a few words."""

from django.utils import timezone
from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_LENGTH = 50


def short_slug(title, parent=None, page=None):
    """``qing-he-zhen-kai-zhan…`` from the title, within MAX_LENGTH and free under ``parent``."""
    words = slugify(" ".join(lazy_pinyin(title or "")))
    while len(words) > MAX_LENGTH and "-" in words:
        words = words.rsplit("-", 1)[0]
    base = words[:MAX_LENGTH] or timezone.localdate().strftime("%Y%m%d")
    if parent is None:
        return base
    slug, number = base, 1
    siblings = parent.get_children()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    while siblings.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
