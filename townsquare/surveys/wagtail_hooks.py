"""调查征集 in the admin, under unit homes, and in the annual report."""

from django.urls import reverse_lazy
from wagtail import hooks

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
