"""预约办理 under /yuyue/: services, booking, the resident's booking, looking bookings up."""

from django.urls import path

from townsquare.core.converters import register_pattern

from . import views
from .models import CODE_ALPHABET, CODE_LENGTH

app_name = "appointments"

register_pattern("booking_code", f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")

urlpatterns = [
    path("", views.index, name="index"),
    path("s/<int:pk>/", views.book, name="book"),
    path("chaxun/", views.lookup, name="lookup"),
    path("chaxun/youxiang/", views.email_code_send, name="email_code_send"),
    path("chaxun/yanzheng/", views.email_code_check, name="email_code_check"),
    path("wode/", views.mine, name="mine"),
    path("b/<booking_code:code>/", views.booking_detail, name="booking"),
    path("b/<booking_code:code>/calendar.ics", views.booking_ics, name="ics"),
    path("b/<booking_code:code>/cancel/", views.cancel, name="cancel"),
    path("b/<booking_code:code>/move/", views.move, name="move"),
]
