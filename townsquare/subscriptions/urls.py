"""订阅 under /dingyue/."""

from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("yifasong/<int:pk>/", views.sent, name="sent"),
    path("queren/<str:token>/", views.confirm, name="confirm"),
    path("guanli/<str:token>/", views.manage, name="manage"),
    path("tuiding/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
