from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import WorkdayOverride


class WorkdayOverrideViewSet(SnippetViewSet):
    model = WorkdayOverride
    icon = "date"
    menu_label = "工作日调整"
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["day", "is_working_day", "note"]


register_snippet(WorkdayOverrideViewSet)
