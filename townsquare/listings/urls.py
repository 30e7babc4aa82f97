from django.urls import path

from . import views
from .public import KIND_PAGES

app_name = "listings"

urlpatterns = [
    path("", views.index, name="index"),
    path("jiaoyu/xuexiao/", views.schools, name="schools"),
    path("jiaoyu/xuexiao/<int:pk>/", views.school_detail, name="school_detail"),
    path("wenlv/rili/", views.calendar, name="calendar"),
    path("wenlv/rili.ics", views.calendar_ics, name="calendar_ics"),
    path("wenlv/<int:pk>.ics", views.event_ics, name="event_ics"),
    path("wenlv/jingdian/", views.attractions, name="attractions"),
    path("wenlv/jingdian/<int:pk>/", views.attraction_detail, name="attraction_detail"),
    path("tijiao/<str:reference>/", views.submitted, name="submitted"),
    path("tijiao/<str:reference>/yanzheng/", views.verify, name="verify"),
    path("guanli/", views.manage, name="manage"),
    path("guanli/<str:reference>/", views.manage_listing, name="manage_listing"),
]

for kind, page in KIND_PAGES.items():
    urlpatterns += [
        path(f"{page.slug}/", views.kind_list, {"kind": kind}, name=f"{kind}_list"),
        path(f"{page.slug}/<int:pk>/", views.detail, {"kind": kind}, name=f"{kind}_detail"),
        path(f"{page.slug}/<int:pk>/lianxi/", views.contact, {"kind": kind}, name=f"{kind}_contact"),
        path(f"{page.slug}/<int:pk>/jubao/", views.report, {"kind": kind}, name=f"{kind}_report"),
    ]
    if page.submit_label:
        urlpatterns.append(path(f"{page.slug}/fabu/", views.submit, {"kind": kind}, name=f"{kind}_submit"))
