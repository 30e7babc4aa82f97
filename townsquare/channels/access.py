"""Who sees and acts on which channels in the admin.

- Unit staff (any role) see their own units' channels, register accounts for them, change them and
  report updates.
- 停更 and 注销 publish a notice at once, so they are for the unit's 负责人 (head) and county staff.
- County staff (members of the county government unit) and superusers see and act on every channel.
"""

from dataclasses import dataclass

from townsquare.units.access import roles_of
from townsquare.units.models import Role, Unit


@dataclass(frozen=True)
class Access:
    unit_ids: frozenset
    head_unit_ids: frozenset
    county: bool

    @property
    def any(self):
        return self.county or bool(self.unit_ids)


def access_for(user):
    roles = roles_of(user)
    return Access(roles.unit_ids, roles.unit_ids_with(Role.HEAD), roles.county)


def visible_to(user, queryset):
    access = access_for(user)
    if access.county:
        return queryset
    return queryset.filter(unit_id__in=access.unit_ids)


def units_for(user):
    """Units the user may register channels for."""
    access = access_for(user)
    units = Unit.objects.order_by("sort_order", "pk")
    return units if access.county else units.filter(pk__in=access.unit_ids)


def can_see(user, channel):
    access = access_for(user)
    return access.county or channel.unit_id in access.unit_ids


def can_change(user, channel):
    return can_see(user, channel)


def can_retire(user, channel):
    """停更 / 注销: the unit's head or county staff."""
    access = access_for(user)
    return access.county or channel.unit_id in access.head_unit_ids
