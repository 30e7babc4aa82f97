from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Membership, Unit


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = "单位"
    list_display = ["name", "kind", "parent", "responsible_person", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
                FieldPanel("slug"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("parent")]),
                FieldPanel("organization_code"),
            ],
            heading="基本信息",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("responsible_person"), FieldPanel("responsible_title")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("address"),
                FieldPanel("office_hours"),
            ],
            heading="联系方式与负责人",
        ),
        FieldPanel("description"),
        FieldPanel("boundary"),
        FieldRowPanel([FieldPanel("is_media_center"), FieldPanel("sort_order")]),
    ]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = "人员角色"
    list_display = ["user", "unit", "role"]
    list_filter = ["role", "unit"]
    panels = [FieldPanel("user"), FieldPanel("unit"), FieldPanel("role")]


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = "单位与人员"
    menu_icon = "group"
    menu_order = 250
    items = (UnitViewSet, MembershipViewSet)


register_snippet(OrganisationGroup)
