"""Admin: the 标准目录 coverage of each unit (county staff: every unit; a unit's staff: their own)."""

from django.conf import settings
from django.views.generic import TemplateView

from townsquare.units.access import scope
from townsquare.units.models import Unit
from townsquare.units.permissions import StaffOnlyMixin

from .coverage import coverage


class CoverageView(StaffOnlyMixin, TemplateView):
    template_name = "disclosure/admin/coverage.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        units = scope(self.request.user, Unit.objects.all(), "pk")
        context["rows"] = coverage(units)
        context["working_days"] = settings.DISCLOSURE_PUBLISH_WORKING_DAYS
        return context
