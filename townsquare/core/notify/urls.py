from django.urls import path

from . import views

app_name = "notify"

urlpatterns = [
    path("huifang/<str:token>/", views.followup_page, name="followup"),
    path("tuiding/<str:token>/", views.optout_page, name="optout"),
]
