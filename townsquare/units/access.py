"""What a staff member's unit roles are, read once per user object.

Every app decides who sees what from the same facts (which units, which roles, whether one of
them is the county or the media centre). Reading them here once per request keeps each admin
page, with its many menu items asking "may this user see me?", at one query for all of them.
"""

from dataclasses import dataclass

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
        """A superuser or a member of any unit."""
        return self.is_superuser or bool(self.memberships)

    @property
    def county(self) -> bool:
        """A superuser or a member (in any role) of the county unit: sees every unit."""
        return self.is_superuser or any(kind == Unit.Kind.COUNTY for _, kind, _, _ in self.memberships)

    @property
    def media_center(self) -> bool:
        return any(is_media for _, _, is_media, _ in self.memberships)

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


__all__ = ["NOBODY", "Role", "StaffRoles", "roles_of"]
