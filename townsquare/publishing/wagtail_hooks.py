"""The page editor of staff: new units provisioned, 提交审核 first for editors, the 三审 steps labelled."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from townsquare.units.models import Unit

from .provisioning import ensure_unit_home


@hooks.register("after_create_snippet")
def give_new_unit_its_section(request, instance):
    """A unit registered in the admin gets its home page, columns, permissions and 三审 at once."""
    if isinstance(instance, Unit):
        ensure_unit_home(instance)


@hooks.register("construct_page_action_menu")
def submit_for_review_first(menu_items, request, context):
    """Who cannot publish sees 提交审核 as the main button, not under the 保存草稿 caret."""
    names = [item.name for item in menu_items]
    if "action-publish" not in names and "action-submit" in names:
        menu_items.insert(0, menu_items.pop(names.index("action-submit")))


@hooks.register("insert_global_admin_css")
def workflow_step_labels():
    return format_html('<link rel="stylesheet" href="{}">', static("publishing/admin.css"))
