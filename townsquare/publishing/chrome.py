"""Site-wide navigation data (header, footer), cached so it costs no query per page."""

from django.core.cache import cache

from .models import HomePage
from .queries import department_homes, town_homes

CHROME_CACHE_SECONDS = 300
CHROME_CACHE_KEY = "publishing:chrome:v2"


def _chrome():
    data = cache.get(CHROME_CACHE_KEY)
    if data is None:
        home = HomePage.objects.live().select_related("unit").first()
        data = {
            "home": {
                "title": home.title,
                "url": home.url,
                "unit": home.unit.name,
                "phone": home.unit.phone,
                "address": home.unit.address,
            }
            if home
            else None,
            "towns": [{"name": t.unit.display_name, "title": t.title, "url": t.url} for t in town_homes()],
            "departments": [{"name": d.unit.display_name, "url": d.url} for d in department_homes()],
        }
        cache.set(CHROME_CACHE_KEY, data, CHROME_CACHE_SECONDS)
    return data


def clear_chrome_cache(**kwargs):
    cache.delete(CHROME_CACHE_KEY)


def town_homes_for_switcher():
    return _chrome()["towns"]


def county_home():
    return _chrome()["home"]


def department_homes_for_links():
    return _chrome()["departments"]
