"""调查征集 in the admin, under unit homes, and in the annual report."""

from django.urls import reverse_lazy
from wagtail import hooks

from townsquare.core.life import LifeService
from townsquare.units.permissions import StaffMenuItem

from . import admin_views
from .annual import annual_figures


@hooks.register("register_admin_urls")
def surveys_admin_urls():
    return admin_views.admin_urls()


@hooks.register("register_admin_menu_item")
def surveys_menu_item():
    return StaffMenuItem(
        "调查征集", reverse_lazy(admin_views.INDEX_URL_NAME), name="surveys", icon_name="list-ul", order=885
    )


@hooks.register("townsquare_home_subpage_types")
def survey_index_under_homes():
    return ["surveys.SurveyIndexPage"]


hooks.register("townsquare_annual_figures", annual_figures)


@hooks.register("townsquare_interaction_entries", order=35)
def surveys_interaction_entry():
    """The county's 调查征集 column (every unit's surveys), when the site has one."""
    from wagtail.models import Site

    from .models import SurveyIndexPage

    site = Site.objects.filter(is_default_site=True).only("root_page__path").select_related("root_page").first()
    column = SurveyIndexPage.objects.live().child_of(site.root_page).first() if site else None
    if column is None:
        return []
    return [LifeService("surveys", "网上调查", "clipboard-check", "填几道题，说说您的看法", path=column.url)]
