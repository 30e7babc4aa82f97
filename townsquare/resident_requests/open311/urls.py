"""Open311 GeoReport v2 under /open311/v2/: every resource as .json and .xml."""

from django.urls import path, re_path

from townsquare.core.converters import register_pattern

from . import views

app_name = "open311"

register_pattern("open311_format", "json|xml")

urlpatterns = [
    path("discovery.<open311_format:fmt>", views.discovery, name="discovery"),
    path("services.<open311_format:fmt>", views.services, name="services"),
    path("services/<str:service_code>.<open311_format:fmt>", views.service_definition, name="service_definition"),
    path("requests.<open311_format:fmt>", views.requests, name="requests"),
    path("requests/<str:service_request_id>.<open311_format:fmt>", views.request_detail, name="request"),
    path("tokens/<str:token>.<open311_format:fmt>", views.token, name="token"),
    # Anything else here gets a 404 in the spec's error format rather than the site's HTML page.
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
