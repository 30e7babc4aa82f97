"""Small helpers for the public templates: icons from the sprite, plain dates, life-service tiles, breadcrumbs."""

import datetime

from django import template
from django.template.base import token_kwargs
from django.utils import timezone

from townsquare.core import icons, life, trails

register = template.Library()


@register.simple_tag
def icon(name, css_class=""):
    """A decorative icon from the sprite (``core.icons``): {% icon "phone" %} or {% icon "phone" "icon-lg" %}.

    Hidden from screen readers: the words next to it say what it means.
    """
    return icons.icon_markup(str(name), str(css_class))


@register.filter
def plain(value, with_time=None):
    """A date as YYYY-MM-DD and a date-time as YYYY-MM-DD HH:MM (local time); anything else as text."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d" if with_time == "date" else "%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    return "" if value is None else value


@register.filter
def is_within(path, url):
    """True when ``path`` is ``url`` or below it (for aria-current on the town switcher)."""
    if not path or not url:
        return False
    return path == url or (url.endswith("/") and path.startswith(url))


@register.simple_tag
def life_services():
    """The life-service tiles for the grid (生活服务)."""
    return life.life_services()


@register.simple_tag
def life_service_url(slug):
    service = life.life_service(slug)
    return service.url if service else ""


# --- breadcrumbs ---------------------------------------------------------------------------------------

TRAIL = "_breadcrumb_trail"


def _home_url(context):
    home = context.get("county_home")
    url = home.get("url") if home else None  # the chrome's cached dict (publishing.chrome)
    return url or "/"


def _page_trail(page, request):
    """The page's ancestors below the Wagtail root (the site home as 首页), then the page itself."""
    trail = trails.ancestors_of(request, page)
    if trail is None:
        trail = [
            ("首页" if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request))
            for ancestor in page.get_ancestors().filter(depth__gte=2).order_by("depth")
        ]
    return [*trail, (page.title, page.get_url(request))]


class BreadcrumbsNode(template.Node):
    child_nodelists = ("nodelist",)  # so that {% block %}s inside stay overridable

    def __init__(self, nodelist, page=None, home=None, current=None):
        self.nodelist, self.page, self.home, self.current = nodelist, page, home, current

    def render(self, context):
        page = self.page.resolve(context) if self.page else None
        if page is not None:
            trail = _page_trail(page, context.get("request"))
        elif self.home is None or self.home.resolve(context):
            trail = [("首页", _home_url(context))]
        else:
            trail = []
        with context.push(**{TRAIL: trail}):
            self.nodelist.render(context)  # {% crumb %}s add to the trail; any other output is dropped
        current = self.current is None or bool(self.current.resolve(context))
        crumbs = [(label, url, current and i == len(trail) - 1) for i, (label, url) in enumerate(trail)]
        return context.template.engine.get_template("core/includes/breadcrumbs.html").render(
            context.new({"crumbs": crumbs})
        )


class CrumbNode(template.Node):
    def __init__(self, label, url):
        self.label, self.url = label, url

    def render(self, context):
        trail = context.get(TRAIL)
        if trail is None:
            raise template.TemplateSyntaxError("{% crumb %} is only allowed inside {% breadcrumbs %}")
        label = self.label.resolve(context)
        if label not in (None, ""):
            trail.append((label, self.url.resolve(context)))
        return ""


@register.tag
def breadcrumbs(parser, token):
    """The trail at the top of a public page (当前位置), the last link marked as the current page.

    ``{% breadcrumbs %}{% crumb "我要留言" submit_url %}{% crumb "留言已提交" request.path %}{% endbreadcrumbs %}``
    starts at 首页 (the county home); ``{% breadcrumbs page %}`` starts with a Wagtail page's ancestors
    and ends with the page. Options: ``home=False`` (no 首页), ``current=False`` (no link marked current).
    {% crumb %}s with an empty label are left out; {% block %}s inside let child templates add crumbs.
    """
    bits = token.split_contents()[1:]
    page = parser.compile_filter(bits.pop(0)) if bits and "=" not in bits[0] else None
    options = token_kwargs(bits, parser)
    if bits or set(options) - {"home", "current"}:
        raise template.TemplateSyntaxError("{% breadcrumbs [page] [home=…] [current=…] %}")
    nodelist = parser.parse(("endbreadcrumbs",))
    parser.delete_first_token()
    return BreadcrumbsNode(nodelist, page, options.get("home"), options.get("current"))


@register.tag
def crumb(parser, token):
    """One link of the trail: ``{% crumb label url %}`` (inside {% breadcrumbs %})."""
    bits = token.split_contents()[1:]
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% crumb label url %}")
    return CrumbNode(*(parser.compile_filter(bit) for bit in bits))
