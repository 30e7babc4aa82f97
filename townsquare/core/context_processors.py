"""What every public page's header and footer need from core (the page tree's part is in publishing)."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail import hooks

SEARCH_URL_HOOK = "townsquare_search_url"


def elder_mode_on(request):
    return request.COOKIES.get(settings.ELDER_MODE_COOKIE) == "1"


def search_url():
    """The header's 搜索 link, or "" (no link) when no app offers a search.

    Hook ``townsquare_search_url``: a function taking no arguments and returning the search page's URL.
    """
    return next((url for provider in hooks.get_hooks(SEARCH_URL_HOOK) if (url := provider())), "")


def site_chrome(request):
    """The 长辈版 switch, the site's name and search, and the footer's identifiers (a line each when set)."""
    return {
        "elder_mode": elder_mode_on(request),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "platform_name": settings.WAGTAIL_SITE_NAME,
        "site_search_url": SimpleLazyObject(search_url),
        "site_code": settings.SITE_CODE,
        "site_icp": settings.SITE_ICP_NUMBER,
        "site_psb_record": settings.SITE_PSB_NUMBER,
        "site_conac_url": settings.SITE_CONAC_URL,
    }
