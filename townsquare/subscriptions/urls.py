"""订阅 under /dingyue/ (by WeChat under /dingyue/weixin/)."""

from django.urls import path

from . import views, wechat_views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("yifasong/<int:pk>/", views.sent, name="sent"),
    path("queren/<str:token>/", views.confirm, name="confirm"),
    path("guanli/<str:token>/", views.manage, name="manage"),
    path("tuiding/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("huizong/<str:token>/", wechat_views.digest, name="digest"),
    path("weixin/", wechat_views.start, name="wechat_start"),
    path("weixin/huidiao/", wechat_views.callback, name="wechat_callback"),
    path("weixin/tianxie/", wechat_views.form, name="wechat_form"),
]
