"""依申请公开 under /gongkai/shenqing/: apply, the success page, query, 补正, 告知书, statistics."""

from django.urls import path

from townsquare.core.converters import register_pattern

from . import stats_views, views

app_name = "disclosure_requests"

register_pattern("gk_tracking", r"\d{8,20}")

urlpatterns = [
    path("", views.apply, name="apply"),
    path("done/<gk_tracking:tracking_number>/", views.done, name="done"),
    path("chaxun/", views.query, name="query"),
    path("chaxun/<gk_tracking:tracking_number>/", views.detail, name="detail"),
    path("chaxun/<gk_tracking:tracking_number>/buzheng/", views.correct, name="correct"),
    path("chaxun/<gk_tracking:tracking_number>/gaozhishu/<int:notice_id>/", views.notice_file, name="notice"),
    path("tongji/", stats_views.statistics_page, name="stats"),
]
