"""The 终审 step of 三审: a group approval that asks the ``townsquare_before_publish_checks`` hooks first."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask


class FinalReviewTask(GroupApprovalTask):
    """终审: approving publishes, so it is refused while a publish check holds the page back.

    A proxy of Wagtail's group approval (same table, same groups), told apart by its content type.
    Both ways of approving in Wagtail 8.0 (the workflow action modal and 审核通过 in the editor) call
    ``on_action``; the modal redirects to the URL it returns, which is where the hold can be resolved.
    """

    class Meta:
        proxy = True
        verbose_name = "终审（发布前审查）"
        verbose_name_plural = "终审（发布前审查）"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.id:
            self.content_type = ContentType.objects.get_for_model(self, for_concrete_model=False)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            from ..workflows import publish_holds

            holds = publish_holds(task_state.workflow_state.content_object, user)
            if holds:
                return holds[0].url
        return super().on_action(task_state, user, action_name, **kwargs)
