"""Site-wide navigation data (header, footer), cached so it costs no query per page.

It depends on the home pages (tag ``nav``, invalidated when a home page changes) and on the units
(their table); pages built from it are invalidated with it (``core.pagecache``).
"""

from townsquare.core import pagecache

from .models import HomePage
from .queries import department_homes, town_homes

CHROME_CACHE_SECONDS = 300
CHROME_CACHE_KEY = "publishing:chrome:v3"
NAV_TAG = "nav"


# The only columns the header and footer read (a page row has some thirty): cheaper to query and to load.
HOME_FIELDS = ("title", "url_path", "path", "depth", "locale_id", "unit__name", "unit__short_name")


def _compute():
    home = HomePage.objects.live().select_related("unit").only(*HOME_FIELDS, "unit__phone", "unit__address").first()
    return {
        "home": {
            "title": home.title,
            "url": home.url,
            "unit": home.unit.name,
            "phone": home.unit.phone,
            "address": home.unit.address,
        }
        if home
        else None,
        "towns": [
            {"name": t.unit.display_name, "title": t.title, "url": t.url} for t in town_homes().only(*HOME_FIELDS)
        ],
        "departments": [{"name": d.unit.display_name, "url": d.url} for d in department_homes().only(*HOME_FIELDS)],
    }


def _chrome():
    return pagecache.remember(CHROME_CACHE_KEY, _compute, CHROME_CACHE_SECONDS, pages=(NAV_TAG,))


def site_navigation():
    """The whole navigation dict, for a request that reads several parts of it (one lookup, not one each)."""
    return _chrome()


def home_page_changed(sender, instance, **kwargs):
    """Signal receiver: a home page went live, away or moved — the header lists home pages."""
    from .models import UnitHomePage

    if isinstance(instance, (HomePage, UnitHomePage)):
        pagecache.invalidate(NAV_TAG)


def town_homes_for_switcher():
    return _chrome()["towns"]


def county_home():
    return _chrome()["home"]


def department_homes_for_links():
    return _chrome()["departments"]
