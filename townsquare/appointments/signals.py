"""Slots follow the rules: a service, a single-day exception or the county's working-day calendar changes,
the stored slots are brought in step at once (bookings are kept; see slots.sync_slots)."""

from django.db.models.signals import post_delete, post_save

from townsquare.core.models import WorkdayOverride

from .models import BookableService, DayException
from .slots import sync_all, sync_slots


def _service_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_slots(instance)


def _exception_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw or (origin is not None and not isinstance(origin, DayException)):
        return  # a fixture load, or the service itself is being deleted
    service = BookableService.objects.filter(pk=instance.service_id).first()
    if service is not None:
        sync_slots(service)


def _calendar_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from townsquare.core.workdays import clear_overrides_cache

    clear_overrides_cache()  # the override must count before the slots are worked out again
    sync_all()


def connect():
    post_save.connect(_service_saved, sender=BookableService, dispatch_uid="appointments_service_saved")
    post_save.connect(_exception_changed, sender=DayException, dispatch_uid="appointments_exception_saved")
    post_delete.connect(_exception_changed, sender=DayException, dispatch_uid="appointments_exception_deleted")
    post_save.connect(_calendar_changed, sender=WorkdayOverride, dispatch_uid="appointments_calendar_saved")
    post_delete.connect(_calendar_changed, sender=WorkdayOverride, dispatch_uid="appointments_calendar_deleted")
