from django.urls import path

from . import views

app_name = "channels"
urlpatterns = [
    path("", views.channel_index, name="index"),
    path("<int:pk>/", views.channel_detail, name="detail"),
]
