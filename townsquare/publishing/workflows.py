"""What happens when a page has passed all three reviews (三审)."""


def publish_after_final_review(workflow_state, user=None):
    """Publish (or schedule) the reviewed revision.

    The third approval is the authority to publish: nobody in a unit holds the publish
    permission itself, so the approver's own permissions are not checked again here.
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
