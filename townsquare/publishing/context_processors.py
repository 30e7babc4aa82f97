"""The page tree's part of every public page's header and footer: the county home and the town switcher."""

from django.utils.functional import SimpleLazyObject

from .chrome import county_home, town_homes_for_switcher


def page_tree_chrome(request):
    """Cached (see ``chrome.py``), and only looked up when a template uses it."""
    return {
        "town_switcher": SimpleLazyObject(town_homes_for_switcher),
        "county_home": SimpleLazyObject(county_home),
    }
