from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("", views.answer, name="answer"),
    path("queshao/<str:ref>/", views.missing, name="missing"),
]
