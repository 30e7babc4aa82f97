"""Admin forms: choices limited to the user's own units, model rules checked in Chinese."""

from wagtail.admin.forms import WagtailAdminModelForm

from townsquare.units.access import scope, sees_all

from . import staff
from .models import BookableService, Window


class WindowForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and "unit" in self.fields:
            self.fields["unit"].queryset = scope(user, self.fields["unit"].queryset, "pk")


class BookableServiceForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None:
            return
        if "window" in self.fields:
            windows = scope(user, Window.objects.select_related("unit"), staff.WINDOW_UNIT)
            self.fields["window"].queryset = windows.filter(active=True) | Window.objects.filter(
                pk=self.instance.window_id or 0
            )
        if "guide" in self.fields and not sees_all(user):
            # A unit books its own guides (the guide's 实施主体 is one of the user's units).
            guides = self.fields["guide"].queryset
            self.fields["guide"].queryset = scope(user, guides) | guides.filter(pk=self.instance.guide_id or 0)


class DayExceptionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and "service" in self.fields:
            services = BookableService.objects.select_related("window__unit", "guide")
            self.fields["service"].queryset = scope(user, services, staff.SERVICE_UNIT)
