"""民生实事 in the admin: proposals (moderation, 入选, with their votes) and the chosen projects' progress updates.

A unit's staff see the proposals of their unit's rounds and the progress of the projects their unit carries out;
county staff see all. The round itself is a page (民生实事票决) in the unit's section, through the 三审 workflow.
"""

from django import forms
from django.db.models import Count
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSetGroup

from townsquare.core.life import LifeService
from townsquare.units.access import roles_of, scope
from townsquare.units.models import Unit
from townsquare.units.permissions import UnitScopedPolicy, UnitScopedViewSet

from .handling import annual_figures, anonymise_closed
from .models import ProgressUpdate, Proposal, RoundPage

register_permission_policy(Proposal, UnitScopedPolicy(Proposal, unit_field="round__unit"))
register_permission_policy(ProgressUpdate, UnitScopedPolicy(ProgressUpdate, unit_field="proposal__responsible_unit"))


class ProposalAdminForm(WagtailAdminModelForm):
    """Rounds limited to the user's units' rounds."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "round" in self.fields:
            self.fields["round"].queryset = scope(for_user, RoundPage.objects.all(), "unit")


class ProgressAdminForm(WagtailAdminModelForm):
    """Projects limited to the chosen ones the user's units carry out."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and "proposal" in self.fields:
            chosen = Proposal.objects.filter(chosen=True).select_related("round")
            self.fields["proposal"].queryset = scope(for_user, chosen, "responsible_unit")
            self.fields["day"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitProposalCreateView(CreateView):
    """A proposal written in the admin is the unit's own: approved at once, proposed by the writer's unit."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        instance.source = Proposal.Source.UNIT
        instance.status = Proposal.Status.APPROVED
        units = Unit.objects.filter(pk__in=roles_of(self.request.user).unit_ids).order_by("sort_order", "pk")
        instance.proposing_unit = units.first()
        return instance


class ProposalViewSet(UnitScopedViewSet):
    model = Proposal
    icon = "list-ul"
    menu_label = "项目提议"
    add_view_class = UnitProposalCreateView
    list_display = [
        "title",
        "round",
        "source",
        "status",
        Column("vote_count", label="得票", sort_key="vote_count"),
        "chosen",
    ]
    list_filter = ["status", "source", "chosen", "round"]
    search_fields = ["title"]
    ordering = ["status", "-created_at"]
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("round"),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("place"), FieldPanel("estimated_cost")]),
            MultiFieldPanel(
                [FieldPanel("source"), FieldPanel("proposing_unit"), FieldPanel("proposer_name")]
                + [FieldRowPanel([FieldPanel("proposer_phone"), FieldPanel("proposer_email")])],
                heading="提议人（居民的姓名和联系方式只给工作人员看，不公开）",
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("status"), FieldPanel("moderation_reason")])],
                heading="审核（通过后公开，参加投票）",
            ),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("chosen"), FieldPanel("responsible_unit")])],
                heading="入选（投票结束后按票数确定）",
            ),
        ],
        base_form_class=ProposalAdminForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("round").annotate(vote_count=Count("votes"))


class ProgressViewSet(UnitScopedViewSet):
    model = ProgressUpdate
    icon = "date"
    menu_label = "项目进展"
    list_display = ["proposal", "day", "stage", "percent"]
    list_filter = ["stage"]
    ordering = ["-day", "-pk"]
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("proposal"),
            FieldRowPanel([FieldPanel("day"), FieldPanel("stage"), FieldPanel("percent")]),
            FieldPanel("text"),
            FieldPanel("photo"),
        ],
        base_form_class=ProgressAdminForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("proposal")


class LivelihoodGroup(SnippetViewSetGroup):
    items = (ProposalViewSet, ProgressViewSet)
    menu_icon = "list-ul"
    menu_label = "民生实事"
    menu_name = "livelihood"
    menu_order = 240


register_snippet(LivelihoodGroup)


# --- extension points of other apps ---------------------------------------------------------------------------


@hooks.register("townsquare_home_subpage_types")
def rounds_under_homes():
    return ["livelihood.RoundPage"]


hooks.register("townsquare_personal_data", anonymise_closed)


@hooks.register("townsquare_annual_figures")
def livelihood_figures(year, unit, start, end):
    return annual_figures(unit, start, end)


@hooks.register("townsquare_interaction_entries", order=50)
def livelihood_interaction_entry():
    """The newest live 民生实事 round: voting, or what became of the last vote."""
    latest = RoundPage.objects.live().order_by("-voting_opens_at").first()
    if latest is None:
        return []
    return [LifeService("minsheng", "民生实事", "list-checks", "大家投票定，办到哪一步都看得到", path=latest.url)]
