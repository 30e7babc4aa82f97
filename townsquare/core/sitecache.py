"""The Wagtail site of a request and its root page, kept in each process while they are unchanged.

Wagtail looks the site up (one query) and loads the root page as its own type (another) on every
request that needs them. Both change rarely: once Wagtail has found them, a process keeps them,
pickled, with the versions of the tags they stand on (the site table, the root page's tree path),
and hands them to later requests (``request._wagtail_site``, which ``Site.find_for_request``
returns) while those versions are current — one read of the shared cache instead of two queries.
Versions are read before Wagtail reads the rows, so a change committed meanwhile is not missed;
the first request of a process only learns where the root page is.

Wagtail's site root paths (every site's root URL path, which page URLs are made from), read from the
default cache by each request that makes a page's URL, are kept the same way while the sites and the
pages are unchanged (``request._wagtail_cached_site_root_paths``, where Wagtail keeps them for a
request). They are Wagtail's own cache's copy, so pages built with them do not depend on their tags.
"""

import logging
import pickle

from django.http.request import split_domain_port
from wagtail.models import Site

from .pagecache import tags
from .pagecache.sql import PAGES_TAG

logger = logging.getLogger(__name__)

_kept = {}  # (hostname, port) -> (versions, pickled site with its root page as its own type)
_root_paths = {}  # (hostname, port) -> the tree path of the site's root page, once seen
_site_root_paths = []  # [(versions, Wagtail's site root paths)] once a request has read them
# Host names are bounded by ALLOWED_HOSTS, unless that is "*": then any Host header reaches Wagtail's
# default site, and the tables start again when they hold this many names.
MAX_HOSTS = 64


def _key(request):
    return split_domain_port(request._get_raw_host())[0], request.get_port()


def _tags(key):
    root_path = _root_paths.get(key)
    return [tags.table_tag(Site)] + ([f"path:{root_path}"] if root_path else [])


def kept_site(key):
    """The site kept for ``key`` while still current (its versions pass to what is being built), or None."""
    kept = _kept.get(key)
    if kept is None or not tags.still_current(kept[0]):
        return None
    tags.remembered(kept[0])
    return pickle.loads(kept[1])


def keep(key, site, versions):
    """Keep the site Wagtail found, if its root page was loaded as its own type under the versions read."""
    root = site._state.fields_cache.get("root_page")
    if root is None:
        return
    path_tag = f"path:{root.path}"
    if key not in _root_paths and len(_root_paths) >= MAX_HOSTS:
        _root_paths.clear()
        _kept.clear()
    _root_paths[key] = root.path
    specific = root.__dict__.get("specific")
    if path_tag not in versions or specific is None:
        return
    site.root_page = specific
    _kept[key] = (versions, pickle.dumps(site, pickle.HIGHEST_PROTOCOL))


def _root_paths_tags():
    return [tags.table_tag(Site), PAGES_TAG]


def kept_site_root_paths():
    """Wagtail's site root paths kept by this process while still current (without passing on their tags)."""
    kept = _site_root_paths[0] if _site_root_paths else None
    if kept is None or not tags.still_current(kept[0]):
        return None
    return kept[1]


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _key(request)
        versions = paths_versions = None
        try:
            site = kept_site(key)
            if site is not None:
                request._wagtail_site = site
            else:
                versions = tags.versions(_tags(key))
            root_paths = kept_site_root_paths()
            if root_paths is not None:
                request._wagtail_cached_site_root_paths = root_paths
            else:
                paths_versions = tags.versions(_root_paths_tags())
        except Exception:
            logger.warning("page cache unavailable: the site looked up without it", exc_info=True)
        response = self.get_response(request)
        site = getattr(request, "_wagtail_site", None)
        if versions is not None and site is not None:
            keep(key, site, versions)
        root_paths = getattr(request, "_wagtail_cached_site_root_paths", None)
        if paths_versions is not None and root_paths is not None:
            _site_root_paths[:] = [(paths_versions, list(root_paths))]
        return response
