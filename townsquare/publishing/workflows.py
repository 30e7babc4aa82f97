"""What happens when a page has passed all three reviews (三审), and what may hold it back.

Hook ``townsquare_before_publish_checks``: a function ``(page, user) -> [PublishHold]`` run before
the 终审 approval publishes a page (``FinalReviewTask.on_action``) and before an archive batch
publishes each of its pages. A hold refuses the approval (the page is not published); its ``url``
is where the reviewer resolves it. The screening app registers one (personal data, 错敏词).
"""

from dataclasses import dataclass

from wagtail import hooks


@dataclass(frozen=True)
class PublishHold:
    message: str  # why the page may not be published yet, in Chinese
    url: str = ""  # where to resolve it


def publish_holds(page, user=None):
    """Every hold the registered checks put on publishing ``page`` now (its latest revision)."""
    holds = []
    for check in hooks.get_hooks("townsquare_before_publish_checks"):
        holds.extend(check(page, user) or [])
    return holds


def publish_after_final_review(workflow_state, user=None):
    """Publish (or schedule) the reviewed revision.

    The third approval is the authority to publish: nobody in a unit holds the publish
    permission itself, so the approver's own permissions are not checked again here.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
