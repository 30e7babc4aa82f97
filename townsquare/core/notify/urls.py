from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [
    path("huifang/<str:token>/", views.followup_page, name="followup"),
    path("tuiding/<str:token>/", views.optout_page, name="optout"),
    path("duanxin/aliyun/<str:token>/", views.sms_replies, {"provider": "aliyun"}, name="sms_replies_aliyun"),
    path("duanxin/tencent/<str:token>/", views.sms_replies, {"provider": "tencent"}, name="sms_replies_tencent"),
]
