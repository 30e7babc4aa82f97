from django.conf import settings
from django.utils.functional import SimpleLazyObject


def elder_mode_on(request):
    return request.COOKIES.get(settings.ELDER_MODE_COOKIE) == "1"


def site_chrome(request):
    """What every public page's header and footer need; the town list is only queried if used."""
    from townsquare.publishing.chrome import county_home, town_homes_for_switcher

    return {
        "elder_mode": elder_mode_on(request),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "platform_name": settings.WAGTAIL_SITE_NAME,
        "town_switcher": SimpleLazyObject(town_homes_for_switcher),
        "county_home": SimpleLazyObject(county_home),
    }
