"""个人信息处理规则 under /yinsi/."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.notice, name="notice"),
]
