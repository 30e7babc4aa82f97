"""天气 under /tianqi/: the county's weather, and each town's."""

from django.urls import path

from . import views

app_name = "weather"

urlpatterns = [
    path("", views.weather_page, name="page"),
    path("<slug:slug>/", views.weather_page, name="place"),
]
