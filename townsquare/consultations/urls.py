from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [path("", views.county_list, name="index")]
