from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    # Only the exact address: guides of the county's own 办事指南 column live below /banshi/ and
    # are served by Wagtail.
    path("", views.finder, name="index"),
]
