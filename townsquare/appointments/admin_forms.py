"""Admin forms: choices limited to the user's own units, model rules checked in Chinese."""

from wagtail.admin.forms import WagtailAdminModelForm

from . import staff
from .models import Window


class WindowForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and "unit" in self.fields and not staff.access_for(user).sees_all:
            self.fields["unit"].queryset = self.fields["unit"].queryset.filter(pk__in=staff.access_for(user).unit_ids)


class BookableServiceForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        if "window" in self.fields:
            self.fields["window"].queryset = staff.windows_for(user).filter(active=True) | Window.objects.filter(
                pk=self.instance.window_id or 0
            )
        access = staff.access_for(user)
        if "guide" in self.fields and not access.sees_all:
            # A unit books its own guides (the guide's 实施主体 is one of the user's units).
            guides = self.fields["guide"].queryset
            self.fields["guide"].queryset = guides.filter(unit_id__in=access.unit_ids) | guides.filter(
                pk=self.instance.guide_id or 0
            )


class DayExceptionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and "service" in self.fields:
            self.fields["service"].queryset = staff.services_for(user)
