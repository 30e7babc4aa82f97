"""The "预约办理" button on a service guide page, through the services app's hook (services never imports us)."""

from django.urls import reverse


def booking_lookup(guides):
    """{guide pk: booking URL} for those guides that can be booked now (one query for any number of guides)."""
    from .models import BookableService

    pks = [guide.pk for guide in guides if guide.pk is not None]
    if not pks:
        return {}
    rows = (
        BookableService.objects.filter(guide_id__in=pks, active=True, window__active=True)
        .order_by("window__sort_order", "pk")
        .values_list("guide_id", "pk")
    )
    urls = {}
    for guide_id, service_pk in rows:
        urls.setdefault(guide_id, reverse("appointments:book", args=[service_pk]))
    return urls


def register():
    from townsquare.services.hooks import register_booking_lookup

    register_booking_lookup(booking_lookup)
