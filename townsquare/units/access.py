"""Who may see and act on what: one vocabulary for every app.

Every app decides who sees what from the same facts (which units, which roles, whether one of
them is the county or the media centre). ``roles_of`` reads them once per request, so an admin
page with many menu items asking "may this user see me?" costs one query for all of them.

The words, used the same way in every app:

- **staff member** (``is_staff_member``, ``StaffRoles.any``): a superuser or a member, in any
  role, of any unit; such a user has an admin side in each app.
- **county staff** (``is_county_staff``, ``StaffRoles.county``): a superuser or a member of the
  county unit; sees and acts on every unit's things (moderates listings, manages the catalogues).
- **county or media centre** (``media_center=True``, ``StaffRoles.county_or_media``): county staff
  and the media centre's staff; used where the media centre works for the whole county (它统一
  受理群众留言: every request, extensions).
- **scope** (``scope``, ``units_for``, ``may_act_on``): everyone else sees and acts only on the
  things of the units they belong to.

The Wagtail side of the same rules (permission policy, edit/delete views) is in ``units.permissions``.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q

from .models import Membership, Role, Unit

_CACHE_ATTR = "_townsquare_roles"


@dataclass(frozen=True)
class StaffRoles:
    is_superuser: bool
    # (unit id, unit kind, unit is the media centre, role) per membership
    memberships: tuple[tuple[int, str, bool, str], ...] = ()

    @property
    def unit_ids(self) -> frozenset:
        return frozenset(unit_id for unit_id, _, _, _ in self.memberships)

    @property
    def any(self) -> bool:
        """A staff member: a superuser or a member of any unit."""
        return self.is_superuser or bool(self.memberships)

    @property
    def county(self) -> bool:
        """County staff: a superuser or a member (in any role) of the county unit; sees every unit."""
        return self.is_superuser or any(kind == Unit.Kind.COUNTY for _, kind, _, _ in self.memberships)

    @property
    def media_center(self) -> bool:
        return any(is_media for _, _, is_media, _ in self.memberships)

    @property
    def county_or_media(self) -> bool:
        """County staff or the media centre's staff: see every unit where the media centre works county-wide."""
        return self.county or self.media_center

    def sees_all(self, media_center=False) -> bool:
        return self.county_or_media if media_center else self.county

    def unit_ids_with(self, *roles) -> frozenset:
        return frozenset(unit_id for unit_id, _, _, role in self.memberships if role in roles)

    def county_or_media_role(self, *roles) -> bool:
        """Holds one of ``roles`` in the county unit or the media centre (superusers always)."""
        return self.is_superuser or any(
            role in roles and (kind == Unit.Kind.COUNTY or is_media) for _, kind, is_media, role in self.memberships
        )


NOBODY = StaffRoles(is_superuser=False)


def roles_of(user) -> StaffRoles:
    """The user's unit roles (one query, then kept on the user object for the rest of the request)."""
    if user is None:
        return NOBODY
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        roles = NOBODY
    else:
        rows = Membership.objects.filter(user=user).values_list(
            "unit_id", "unit__kind", "unit__is_media_center", "role"
        )
        roles = StaffRoles(is_superuser=user.is_superuser, memberships=tuple(rows))
    setattr(user, _CACHE_ATTR, roles)
    return roles


# --- Questions about the user -----------------------------------------------------------------


def is_staff_member(user) -> bool:
    return roles_of(user).any


def is_county_staff(user) -> bool:
    return roles_of(user).county


def sees_all(user, *, media_center=False) -> bool:
    """County staff (with ``media_center``, also the media centre's staff) see every unit."""
    return roles_of(user).sees_all(media_center)


def may_act_on(user, unit_id, *, media_center=False, with_roles=None) -> bool:
    """Whether the user may act on a thing of ``unit_id``: county-wide, or a member of that unit
    (holding one of ``with_roles`` there, when given)."""
    roles = roles_of(user)
    if roles.sees_all(media_center):
        return True
    own = roles.unit_ids_with(*with_roles) if with_roles else roles.unit_ids
    return unit_id is not None and unit_id in own


# --- Querysets limited to what the user may see -------------------------------------------------


def scope(user, queryset, unit_field="unit", *, media_center=False):
    """``queryset`` limited to the rows whose ``unit_field`` (a lookup path such as
    ``"service__window__unit"``, or ``"pk"`` for units) is one of the user's units; unchanged for
    those who see all."""
    roles = roles_of(user)
    if roles.sees_all(media_center):
        return queryset
    return queryset.filter(**{f"{unit_field}__in": roles.unit_ids})


def units_for(user, *, media_center=False):
    """The units the user may act for, in their usual order: every unit for county staff."""
    return scope(user, Unit.objects.all(), "pk", media_center=media_center)


def unit_id_at(instance, unit_field="unit"):
    """The unit id at the end of ``unit_field`` (e.g. ``"window__unit"``), or None where the path breaks."""
    *steps, last = unit_field.split("__")
    for step in steps:
        instance = getattr(instance, step, None)
        if instance is None:
            return None
    return getattr(instance, f"{last}_id", None)


# --- The same rules as conditions on users (for Wagtail's "who may" questions) -----------------


def staff_q():
    """Users who are staff members."""
    return Q(is_superuser=True) | Q(unit_memberships__isnull=False)


def county_staff_q():
    """Users who are county staff."""
    return Q(is_superuser=True) | Q(unit_memberships__unit__kind=Unit.Kind.COUNTY)


def may_act_on_q(unit_id):
    """Users who may act on a thing of ``unit_id``."""
    return county_staff_q() | Q(unit_memberships__unit_id=unit_id)


def active_users(condition):
    return get_user_model().objects.filter(condition, is_active=True).distinct()


__all__ = [
    "NOBODY",
    "Role",
    "StaffRoles",
    "active_users",
    "county_staff_q",
    "is_county_staff",
    "is_staff_member",
    "may_act_on",
    "may_act_on_q",
    "roles_of",
    "scope",
    "sees_all",
    "staff_q",
    "unit_id_at",
    "units_for",
]
