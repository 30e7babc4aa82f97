"""我要留言 under /liuyan/: the form, tracking, the resident's own list, the public list and statistics."""

from django.urls import path

from townsquare.core.converters import register_pattern

from . import nearby_views, stats_views, views

app_name = "resident_requests"

register_pattern("rr_tracking", r"\d{8,20}")

urlpatterns = [
    path("", views.submit, name="submit"),
    path("done/<rr_tracking:tracking_number>/", views.done, name="done"),
    path("query/", views.query, name="query"),
    path("query/<rr_tracking:tracking_number>/", views.detail, name="detail"),
    path("query/<rr_tracking:tracking_number>/add/", views.add_information, name="add_information"),
    path("query/<rr_tracking:tracking_number>/rate/", views.rate, name="rate"),
    path("query/<rr_tracking:tracking_number>/erase/", views.erase_contacts, name="erase_contacts"),
    path("photo/<rr_tracking:tracking_number>/<int:photo_id>/", views.photo, name="photo"),
    path("mine/", views.mine, name="mine"),
    path("public/", views.public_list, name="public_list"),
    path("public/<rr_tracking:tracking_number>/", views.public_detail, name="public_detail"),
    path("public/<rr_tracking:tracking_number>/metoo/", nearby_views.me_too, name="me_too"),
    path("similar/", nearby_views.similar_requests, name="similar"),
    path("ditu/", nearby_views.public_map, name="map"),
    path("stats/", stats_views.public_stats, name="stats"),
]
