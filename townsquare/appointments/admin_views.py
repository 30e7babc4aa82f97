"""The window's day in the Wagtail admin: who is booked, check-in, no-show, whom to phone.

URLs (registered in wagtail_hooks.py, under /admin/):
  yuyue/day/                       appointments_day      ?window=<pk>&day=YYYY-MM-DD
  yuyue/booking/<pk>/<action>/     appointments_mark     POST, action = checkin | noshow
  yuyue/notification/<pk>/done/    appointments_phoned   POST: a reminder record was passed on by phone
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.privacy.models import PersonalDataAccess
from townsquare.units.access import may_act_on, scope, sees_all, unit_id_at
from townsquare.units.permissions import StaffOnlyMixin

from . import booking as booking_rules
from . import staff
from .hours import WEEKDAY_NAMES
from .models import Booking, Notification, Window

CONTACTS_SHOWN = "预约人姓名、手机号"

DAY_URL_NAME = "appointments_day"


def admin_urls():
    return [
        path("yuyue/day/", DayView.as_view(), name=DAY_URL_NAME),
        path("yuyue/booking/<int:pk>/<str:action>/", mark, name="appointments_mark"),
        path("yuyue/notification/<int:pk>/done/", phoned, name="appointments_phoned"),
    ]


def _day(text):
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return timezone.localdate()


class DayView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "appointments/admin/day.html"
    page_title = "预约办理 · 今日名单"
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": "预约名单"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        windows = scope(user, Window.objects.select_related("unit"), staff.WINDOW_UNIT)
        windows = list(windows.order_by("unit__sort_order", "sort_order", "pk"))
        window_id = self.request.GET.get("window", "")
        window = next((w for w in windows if str(w.pk) == window_id), windows[0] if windows else None)
        day = _day(self.request.GET.get("day"))
        bookings = []
        calls = []
        if window is not None:
            bookings = list(
                Booking.objects.filter(service__window=window, slot__day=day)
                .exclude(status=Booking.Status.CANCELLED)
                .select_related("slot", "service__guide", "handled_by")
                .order_by("slot__start", "created_at")
            )
            calls = list(
                Notification.objects.filter(
                    booking__service__window=window,
                    channel=Notification.Channel.RECORD,
                    sent_at__isnull=True,
                    booking__status=Booking.Status.BOOKED,
                    slot__day__gte=timezone.localdate(),
                )
                .select_related("booking__slot", "booking__service__guide")
                .order_by("slot__day", "booking__slot__start")
            )
        cancelled = (
            Booking.objects.filter(service__window=window, slot__day=day, status=Booking.Status.CANCELLED).count()
            if window
            else 0
        )
        # The page shows residents' names and phones: each shown booking is logged (网络安全法 art. 21).
        shown = {b.pk: b for b in bookings} | {call.booking.pk: call.booking for call in calls}
        PersonalDataAccess.record_many(user, [(b, b.code) for b in shown.values()], CONTACTS_SHOWN)
        now = timezone.now()
        context.update(
            windows=windows,
            window=window,
            day=day,
            weekday=WEEKDAY_NAMES[day.weekday()],
            previous=(day - timedelta(days=1)).isoformat(),
            next=(day + timedelta(days=1)).isoformat(),
            today=timezone.localdate().isoformat(),
            rows=[(b, b.slot.starts_at() <= now, b.slot.day <= timezone.localdate()) for b in bookings],
            counts={
                "total": len(bookings),
                "checked_in": sum(b.status == Booking.Status.CHECKED_IN for b in bookings),
                "no_show": sum(b.status == Booking.Status.NO_SHOW for b in bookings),
                "cancelled": cancelled,
            },
            calls=calls,
            sees_all=sees_all(user),
        )
        return context


def _back(request, booking):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    query = urlencode({"window": booking.service.window_id, "day": booking.slot.day.isoformat()})
    return redirect(f"{reverse(DAY_URL_NAME)}?{query}")


@require_POST
def mark(request, pk, action):
    booking = get_object_or_404(Booking.objects.select_related("slot", "service__window"), pk=pk)
    if not may_act_on(request.user, unit_id_at(booking, staff.BOOKING_UNIT)):
        raise PermissionDenied
    handlers = {"checkin": booking_rules.check_in, "noshow": booking_rules.mark_no_show}
    if action not in handlers:
        raise Http404
    try:
        handlers[action](booking, request.user)
    except booking_rules.BookingError as error:
        messages.error(request, str(error))
    else:
        label = "已签到" if action == "checkin" else "已标记为未到场"
        messages.success(request, f"{booking.name}（{booking.display_code}）{label}。")
    return _back(request, booking)


@require_POST
def phoned(request, pk):
    notification = get_object_or_404(
        Notification.objects.select_related("booking__slot", "booking__service__window"), pk=pk
    )
    if not may_act_on(request.user, unit_id_at(notification.booking, staff.BOOKING_UNIT)):
        raise PermissionDenied
    Notification.objects.filter(pk=pk, sent_at__isnull=True).update(sent_at=timezone.now())
    messages.success(request, f"已记下：{notification.booking.name}已电话提醒。")
    return _back(request, notification.booking)
