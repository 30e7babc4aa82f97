"""The ancestors of the page being served, as routing found them, so breadcrumbs need no query of their own."""

_ATTR = "_townsquare_trail"


def keep(request, page_id, ancestors):
    """``ancestors``: (title, url) of the site home and each page between it and the page ``page_id``."""
    setattr(request, _ATTR, (page_id, ancestors))


def ancestors_of(request, page):
    """The ancestors kept for ``page`` while routing this request, or None."""
    kept = getattr(request, _ATTR, None) if request is not None else None
    return kept[1] if kept is not None and kept[0] == page.pk else None
