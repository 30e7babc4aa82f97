"""/api/: the open read API (``api.api``); /api/search/ belongs to the search app."""

from django.http import JsonResponse
from django.urls import path, re_path

from .api import api


def not_found(request):
    return JsonResponse({"detail": "没有这个接口。可用的接口见 /api/docs/。"}, status=404)


urlpatterns = [
    path("", api.urls),
    # Any other address under v1 gets a JSON 404 rather than the site's HTML page.
    re_path(r"^v1/", not_found),
]
