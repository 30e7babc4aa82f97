"""在线访谈 in the admin (the console list in the menu, with the questions waiting) and at the other apps'
extension points: the 在线访谈 column under homes, the life-service tile, and the annual report's figures."""

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.ui.sidebar import LinkMenuItem

from townsquare.core.life import LifeService
from townsquare.units.permissions import StaffMenuItem

from . import admin_views, personal_data
from .figures import annual_figures

INDEX_SLUG = "fangtan"  # the county's 在线访谈 column: /fangtan/


@hooks.register("register_admin_urls")
def interviews_admin_urls():
    return admin_views.admin_urls()


class ConsoleMenuItem(StaffMenuItem):
    def render_component(self, request):
        count = admin_views.pending_count(request.user)
        label = f"{self.label}（{count}）" if count else self.label
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name, classname=self.classname)


@hooks.register("register_admin_menu_item")
def interviews_menu_item():
    return ConsoleMenuItem(
        "在线访谈", reverse_lazy(admin_views.INDEX_URL_NAME), name="interviews", icon_name="openquote", order=165
    )


@hooks.register("townsquare_home_subpage_types")
def interview_index_under_homes():
    return ["interviews.InterviewIndexPage"]


@hooks.register("townsquare_interaction_entries", order=40)
def interviews_interaction_entry():
    return [LifeService("interviews", "在线访谈", "message-circle", "问问局长、镇长", path=f"/{INDEX_SLUG}/")]


hooks.register("townsquare_annual_figures", annual_figures)

# Askers' names and contacts after PERSONAL_DATA_RETENTION_DAYS (privacy app).
hooks.register("townsquare_personal_data", personal_data.anonymise_closed)
