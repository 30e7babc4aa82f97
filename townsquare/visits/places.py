"""Which unit an address belongs to: the unit whose home page is its longest leading part, else the county's.

Used for the visits' and the feedback's per-unit figures (a town's pages are under its home, ``/qinghe/``;
pages outside the tree, such as ``/liuyan/``, are the county's). One query for the table.
"""

from wagtail.models import Site


def unit_prefixes():
    """``[(path prefix, unit id)]``, longest first, of the live county and unit home pages."""
    from townsquare.publishing.models import HomePage, UnitHomePage

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.url_path if site else "/"
    prefixes = []
    for model in (UnitHomePage, HomePage):
        for url_path, unit_id in model.objects.live().values_list("url_path", "unit_id"):
            if url_path.startswith(root):
                prefixes.append(("/" + url_path[len(root) :], unit_id))
    prefixes.sort(key=lambda prefix: -len(prefix[0]))
    return prefixes


def unit_for_path(path, prefixes=None):
    """The unit id of ``path`` (None where no home page is live)."""
    for prefix, unit_id in unit_prefixes() if prefixes is None else prefixes:
        if path.startswith(prefix):
            return unit_id
    return None
