"""Finding the page for a URL in two queries instead of two per level.

Wagtail's ``Page.route`` walks the path one slug at a time, loading each level's page and then its
specific page (eight queries for /town/column/article/, each loading every field of the home and the
column). The page tree already stores every page's ``url_path``, so the chain of pages a URL passes
through is one light query; only the deepest page is loaded, as its own type, and asked to route
what is left of the URL (a routable page's sub-path, or nothing). Where a page on the way overrides
``route`` itself, Wagtail's walk is used, so such a page still gets its say.
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.models import Page

from townsquare.core import trails


def takes_default_route(model, fast_route):
    return model is not None and getattr(model, "route", None) in (Page.route, fast_route)


def route_below(root, request, path_components, fast_route, walk):
    """Route ``path_components`` below ``root``: ``walk`` (Wagtail's route) when a page on the way routes itself."""
    prefixes = [
        root.url_path + "".join(f"{slug}/" for slug in path_components[: i + 1]) for i in range(len(path_components))
    ]
    chain = list(
        Page.objects.filter(url_path__in=prefixes)
        .order_by("depth")
        .values_list("id", "content_type_id", "url_path", "title")
    )
    found = 0
    while found < len(chain) and chain[found][2] == prefixes[found]:
        found += 1
    if found == 0:
        raise Http404
    models = [
        ContentType.objects.get_for_id(content_type_id).model_class() for _, content_type_id, _, _ in chain[:found]
    ]
    if not all(takes_default_route(model, fast_route) for model in models[:-1]) or models[-1] is None:
        return walk(request, path_components)
    model = models[-1]
    page = model.objects.select_related(*shown_relations(model)).get(id=chain[found - 1][0])
    if root.depth == 2:  # the site home: the breadcrumbs start there
        trails.keep(
            request,
            page.pk,
            [("首页", "/")] + [(title, url_of(root, path)) for _, _, path, title in chain[: found - 1]],
        )
    return page.route(request, path_components[found:])


def url_of(root, url_path):
    """A page's URL on the site whose home is ``root``."""
    return "/" + url_path[len(root.url_path) :]


def shown_relations(model):
    """The publishing unit and the cover or header image every page that has them shows: loaded with the page."""
    names = {field.name for field in model._meta.concrete_fields if field.is_relation}
    return [name for name in ("unit", "cover_image", "hero_image") if name in names]
