"""知识库 in the admin (entries as unit-scoped snippets, the figures page) and what it offers other apps.

Hooks this app fills:
- ``townsquare_search_answer`` (read by search): fn(query) -> an answer card's ``Match`` or None;
- ``townsquare_request_form_parts`` (read by resident_requests): fn(request) -> HTML put under the 留言 form's
  text — here the suggested answers while a 咨询 is typed;
- ``townsquare_request_actions`` (read by resident_requests): 加入知识库 on an answered public request.
"""

from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from townsquare.core.life import LifeService
from townsquare.units.access import may_act_on
from townsquare.units.permissions import StaffMenuItem, UnitScopedPolicy, UnitScopedViewSet

from . import admin_views, matching, tally
from .models import AnswerTally, Entry

register_permission_policy(Entry, UnitScopedPolicy(Entry))


def review_state(entry):
    return "需复核" if entry.is_stale() else f"{entry.review_by:%Y-%m-%d} 前复核"


class EntryViewSet(UnitScopedViewSet):
    model = Entry
    icon = "help"
    menu_label = "知识库"
    menu_name = "knowledge"
    menu_order = 335
    add_to_admin_menu = True
    list_display = [
        "question",
        "unit",
        "source",
        Column("review_by", label="复核", accessor=review_state),
        "published",
    ]
    list_filter = ["unit", "source", "published"]
    search_fields = ["question", "other_questions", "answer"]
    ordering = ["review_by"]
    panels = [
        FieldPanel("question"),
        FieldPanel("other_questions"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("review_by"), FieldPanel("published")]),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("resident_request"),
                FieldPanel("guide_question"),
                FieldPanel("interpretation"),
            ],
            heading="来源",
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


register_snippet(EntryViewSet)


@hooks.register("register_admin_urls")
def knowledge_admin_urls():
    return admin_views.admin_urls()


@hooks.register("register_admin_menu_item")
def figures_menu_item():
    return StaffMenuItem(
        "推荐回答效果",
        reverse_lazy(admin_views.FIGURES_URL_NAME),
        name="knowledge-figures",
        icon_name="help",
        order=336,
    )


@hooks.register("townsquare_interaction_entries", order=20)
def knowledge_interaction_entry():
    return [LifeService("wenda", "常见问答", "info", "常问的事，先看答案", url_name="knowledge:list")]


@hooks.register("townsquare_search_answer")
def search_answer(query):
    return matching.answer_for(query)


@hooks.register("townsquare_request_sent")
def count_sent_after_opening(request, resident_request):
    """A request stored after an answer was opened (the form's hidden mark): counted here, not by the script,
    so a submission the server refused is not counted as sent."""
    if request.POST.get("knowledge_opened") == "1":
        tally.record(AnswerTally.Event.SENT_AFTER_OPEN)


@hooks.register("townsquare_request_form_parts")
def form_suggestions(request):
    return render_to_string("knowledge/parts/form_suggestions.html", request=request)


@hooks.register("townsquare_request_actions")
def add_to_knowledge(request, resident_request):
    from townsquare.resident_requests.public import is_public

    if not may_act_on(request.user, resident_request.unit_id):
        return []
    entry = resident_request.knowledge_entries.first()
    if entry is not None:
        return [{"label": "查看知识库条目", "url": admin_views.edit_url(entry), "method": "get"}]
    if not is_public(resident_request) or not (resident_request.reply or "").strip():
        return []
    url = reverse("knowledge_from_request", args=[resident_request.pk])
    return [{"label": "加入知识库", "url": url, "method": "post"}]
