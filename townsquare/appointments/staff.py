"""Who on the staff sees which windows: a unit's staff their unit's, county staff and superusers all."""

from dataclasses import dataclass

from django.db.models import Q

from townsquare.units.access import roles_of
from townsquare.units.models import Unit

from .models import BookableService, Booking, DayException, Window


@dataclass(frozen=True)
class Access:
    unit_ids: frozenset
    sees_all: bool

    @property
    def any(self):
        return self.sees_all or bool(self.unit_ids)


def access_for(user):
    roles = roles_of(user)
    return Access(roles.unit_ids, roles.county)


def windows_for(user):
    access = access_for(user)
    windows = Window.objects.select_related("unit")
    return windows if access.sees_all else windows.filter(unit_id__in=access.unit_ids)


def services_for(user):
    access = access_for(user)
    services = BookableService.objects.select_related("window__unit", "guide")
    return services if access.sees_all else services.filter(window__unit_id__in=access.unit_ids)


def exceptions_for(user):
    access = access_for(user)
    exceptions = DayException.objects.select_related("service__window__unit", "service__guide")
    return exceptions if access.sees_all else exceptions.filter(service__window__unit_id__in=access.unit_ids)


def unit_id_of(instance):
    if isinstance(instance, Window):
        return instance.unit_id
    if isinstance(instance, BookableService):
        return instance.window.unit_id
    if isinstance(instance, DayException):
        return instance.service.window.unit_id
    if isinstance(instance, Booking):
        return instance.service.window.unit_id
    return None


def may_handle(user, instance):
    access = access_for(user)
    return access.sees_all or unit_id_of(instance) in access.unit_ids


def staff_filter(unit_id):
    """Users who may act on things of ``unit_id`` (for Wagtail's "who may" questions)."""
    return (
        Q(is_superuser=True) | Q(unit_memberships__unit__kind=Unit.Kind.COUNTY) | Q(unit_memberships__unit_id=unit_id)
    )
