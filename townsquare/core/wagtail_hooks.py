from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import pagecache
from .life import LifeService
from .models import WorkdayOverride
from .pagecache import tags as pagecache_tags
from .pagecache.sql import PAGES_TAG


class WorkdayOverrideViewSet(SnippetViewSet):
    model = WorkdayOverride
    icon = "date"
    menu_label = "工作日调整"
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["day", "is_working_day", "note"]


register_snippet(WorkdayOverrideViewSet)


@hooks.register("before_serve_page")
def record_page_tree_dependencies(page, request, *args):
    """A page's cached HTML depends on its own tree path and its ancestors' (titles, breadcrumbs)
    and on the live pages below it (its lists). Other lists declare their scope with ``under_tag``."""
    record = pagecache_tags.current()
    if record is None:
        return None
    record.page_tree_tags = True
    record.versions.pop(PAGES_TAG, None)  # recorded while Wagtail found the page, before its own reads
    pagecache.depends_on(*pagecache.path_tags(page.path), pagecache.under_tag(page.path))
    return None


@hooks.register("townsquare_life_services", order=45)
def interaction_life_service():
    """The home grid's way into 互动交流 (/hudong/), where the apps put their tiles."""
    return [LifeService("hudong", "互动交流", "hand-heart", "征求意见、调查、访谈", url_name="interaction")]
