"""The 完整性检查 box at the top of the guide editor: what is missing, whether it is stale."""

from wagtail.admin.panels import Panel


class CompletenessPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "services/admin/completeness_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            guide = self.instance
            context["missing"] = guide.missing_elements() if guide.pk else None
            context["stale"] = bool(guide.pk) and guide.is_stale()
            context["reason"] = (guide.incomplete_reason or "").strip()
            return context
