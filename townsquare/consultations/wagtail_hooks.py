"""Admin screens and menu, and what 征求意见 gives other apps through their hooks."""

from django.template.loader import render_to_string
from django.urls import reverse_lazy
from wagtail import hooks

from townsquare.core import pagecache
from townsquare.core.life import LifeService
from townsquare.units.permissions import StaffMenuItem

from . import admin_views, personal_data
from .figures import annual_figures
from .provisioning import ensure_consultation_index


@hooks.register("register_admin_urls")
def register_admin_urls():
    return admin_views.admin_urls()


@hooks.register("register_admin_menu_item")
def consultations_menu_item():
    return StaffMenuItem(
        "征求意见", reverse_lazy(admin_views.LIST_URL_NAME), name="consultations", icon_name="comment", order=155
    )


# --- extension points of other apps ------------------------------------------------------------------


@hooks.register("townsquare_interaction_entries", order=30)
def consultations_interaction_entry():
    return [LifeService("consult", "征求意见", "message-circle", "草案定稿前听您的", url_name="consultations:index")]


@hooks.register("townsquare_home_subpage_types")
def consultation_index_under_homes():
    return ["consultations.ConsultationIndexPage"]


# Every unit gets its 征求意见 column when its section is provisioned.
hooks.register("townsquare_provision_unit", ensure_consultation_index)

hooks.register("townsquare_annual_figures", annual_figures)
hooks.register("townsquare_personal_data", personal_data.anonymise_closed)


@hooks.register("townsquare_article_header")
def consultation_on_final_document(page):
    """The final document links back to the consultation it came from."""
    from .models import ConsultationPage

    pagecache.depends_on(pagecache.type_tag(ConsultationPage))  # one published later naming this page
    found = ConsultationPage.objects.live().filter(final_document_id=page.pk).only("title", "url_path")
    consultation = found.first()  # the note shows its title and link
    if consultation is None:
        return ""
    return render_to_string("consultations/final_document_note.html", {"consultation": consultation})
