"""Admin forms of 政务公开: a catalogue entry shows only what its page does not already know."""

from wagtail.admin.forms import WagtailAdminModelForm

from townsquare.publishing.models import PolicyPage
from townsquare.units.access import is_county_staff, units_for

from .choices import Area
from .models import AppliedArea

# A policy's 成文日期, 主题分类 and 有效性 are edited on the policy itself (文件信息).
POLICY_OWN_FIELDS = ("written_on", "topic", "validity")


class CatalogueEntryForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entry = self.instance
        if entry.pk and PolicyPage.objects.filter(pk=entry.page_id).exists():
            for name in POLICY_OWN_FIELDS:
                self.fields.pop(name, None)
        if "area" in self.fields:
            applied = set(AppliedArea.objects.filter(unit_id=entry.unit_id).values_list("area", flat=True))
            if applied:
                self.fields["area"].choices = [("", "（不属于标准目录）")] + [
                    (area.value, area.label) for area in Area if area in applied
                ]
            else:
                self.fields.pop("area")


class StandardItemForm(WagtailAdminModelForm):
    """A unit's staff keep their own unit's items; county staff any unit's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        field = self.fields.get("unit")
        if field is None or user is None or is_county_staff(user):
            return
        field.queryset = units_for(user)
        field.empty_label = None
