"""The guide's admin form: refuses to submit or publish a guide with elements missing and no 缺项说明.

Saving a draft always works (nothing typed is lost); the check applies only when the
editor submits for review, publishes, or a reviewer approves in the editor.
"""

from wagtail.admin.forms import WagtailAdminPageForm

CHILD_FORMSETS = ("materials", "steps", "faqs", "legal_basis")


class ServiceGuideForm(WagtailAdminPageForm):
    def asks_to_go_live(self):
        data = self.data
        if data.get("action-publish") or data.get("action-submit") or data.get("action-restart-workflow"):
            return True
        return bool(data.get("action-workflow-action")) and data.get("workflow-action-name") == "approve"

    def children_in_form(self):
        """The inline rows as they will be saved: new and kept rows, without those marked for deletion."""
        children = {}
        for relation in CHILD_FORMSETS:
            formset = self.formsets.get(relation)
            if formset is None:
                children[relation] = list(getattr(self.instance, relation).all())
                continue
            deleted = set(formset.deleted_forms) if formset.can_delete else set()
            children[relation] = [
                form.instance
                for form in formset.forms
                if form not in deleted and (form.instance.pk or form.has_changed())
            ]
        return children

    def is_valid(self):
        valid = super().is_valid()
        if valid and self.asks_to_go_live():
            refusal = self.instance.publish_refusal(children=self.children_in_form())
            if refusal:
                self.add_error("incomplete_reason", refusal)
                return False
        return valid
