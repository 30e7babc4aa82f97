from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.entry_list, name="list"),
    path("<int:pk>/", views.entry_detail, name="entry"),
    path("api/suggest/", views.suggest, name="suggest"),
    path("api/count/", views.count, name="count"),
]
