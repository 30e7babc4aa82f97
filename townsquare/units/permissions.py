"""The access vocabulary of ``units.access`` in Wagtail's admin: one permission policy for models
whose rows belong to a unit, the edit/delete views and viewset that check the row, and a mixin
for the apps' own admin views.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import DeleteView, EditView, HistoryView, SnippetViewSet, UsageView

from .access import (
    active_users,
    county_staff_q,
    is_county_staff,
    is_staff_member,
    roles_of,
    scope,
    staff_q,
    unit_id_at,
)

COUNTY_ONLY = ()  # ``unit_actions`` for models only county staff manage


class UnitScopedPolicy(ModelPermissionPolicy):
    """Who may add, change, delete or view a unit's rows.

    County staff, and anyone given the Django model permission, may do everything with every row.
    A unit's staff may do ``unit_actions`` (None: every action; ``COUNTY_ONLY``: none) on the rows
    whose ``unit_field`` (a lookup path such as ``"window__unit"``) is one of their units and that
    match ``unit_rows`` (field values, e.g. ``{"source": "unit"}``).
    """

    def __init__(self, model, unit_field="unit", *, unit_actions=None, unit_rows=None):
        super().__init__(model)
        self.unit_field = unit_field
        self.unit_actions = unit_actions
        self.unit_rows = unit_rows or {}

    def county_wide(self, user, action):
        return is_county_staff(user) or super().user_has_permission(user, action)

    def unit_may(self, actions):
        return self.unit_actions is None or any(action in self.unit_actions for action in actions)

    def is_unit_row(self, instance):
        return all(getattr(instance, field) == value for field, value in self.unit_rows.items())

    def user_has_permission(self, user, action):
        return self.county_wide(user, action) or (self.unit_may([action]) and bool(roles_of(user).unit_ids))

    def user_has_permission_for_instance(self, user, action, instance):
        if self.county_wide(user, action):
            return True
        return (
            self.unit_may([action])
            and self.is_unit_row(instance)
            and unit_id_at(instance, self.unit_field) in roles_of(user).unit_ids
        )

    def instances_user_has_any_permission_for(self, user, actions):
        rows = self.model._default_manager.all()
        if any(self.county_wide(user, action) for action in actions):
            return rows
        if not self.unit_may(actions):
            return rows.none()
        return scope(user, rows.filter(**self.unit_rows), self.unit_field)

    def users_with_any_permission(self, actions):
        granted = super().users_with_any_permission(actions).values("pk")
        who = county_staff_q() | Q(pk__in=granted)
        return active_users(who | staff_q() if self.unit_may(actions) else who)

    def users_with_any_permission_for_instance(self, actions, instance):
        granted = super().users_with_any_permission(actions).values("pk")
        who = county_staff_q() | Q(pk__in=granted)
        unit_id = unit_id_at(instance, self.unit_field)
        if self.unit_may(actions) and self.is_unit_row(instance) and unit_id is not None:
            who |= Q(unit_memberships__unit_id=unit_id)
        return active_users(who)


# --- Snippet views ------------------------------------------------------------------------------


class RowPermissionMixin:
    """Wagtail's edit, delete, history and usage views check the model-wide permission only; this also
    asks the model's policy about the row itself (a unit's staff: only their own unit's rows)."""

    row_permission = None  # the action asked about the row; the view's permission_required if None

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        action = self.row_permission or self.permission_required
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, action, instance):
            raise PermissionDenied
        return instance


class UnitScopedEditView(RowPermissionMixin, EditView):
    pass


class UnitScopedDeleteView(RowPermissionMixin, DeleteView):
    pass


class UnitScopedHistoryView(RowPermissionMixin, HistoryView):
    row_permission = "change"


class UnitScopedUsageView(RowPermissionMixin, UsageView):
    row_permission = "change"


class UnitScopedViewSet(SnippetViewSet):
    """Snippets whose model has a ``UnitScopedPolicy``: the list shows the rows the user may change,
    edit and delete check the row."""

    edit_view_class = UnitScopedEditView
    delete_view_class = UnitScopedDeleteView
    history_view_class = UnitScopedHistoryView
    usage_view_class = UnitScopedUsageView
    copy_view_enabled = False

    def get_queryset(self, request):
        return policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(request.user, ["change"])


# --- The apps' own admin views ------------------------------------------------------------------


class StaffOnlyMixin:
    """For an app's admin view: staff members only (``county_only``: county staff only)."""

    county_only = False

    def dispatch(self, request, *args, **kwargs):
        allowed = is_county_staff if self.county_only else is_staff_member
        if not allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StaffMenuItem(MenuItem):
    """An admin menu entry shown to staff members only."""

    def is_shown(self, request):
        return is_staff_member(request.user)
