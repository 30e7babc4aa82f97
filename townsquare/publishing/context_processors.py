"""The page tree's part of every public page's header and footer: the county home and the town switcher."""

from django.utils.functional import SimpleLazyObject

from .chrome import site_navigation


def page_tree_chrome(request):
    """Cached (see ``chrome.py``), looked up once per request and only when a template uses it."""
    navigation = SimpleLazyObject(site_navigation)
    return {
        "site_navigation": navigation,
        "town_switcher": SimpleLazyObject(lambda: navigation["towns"]),
        "county_home": SimpleLazyObject(lambda: navigation["home"]),
    }
