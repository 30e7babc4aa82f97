"""The site's URLs plus one view that fails, to see the 500 page a resident would get."""

from django.urls import path

from townsquare.urls import handler400, handler404, handler500  # noqa: F401
from townsquare.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("SECRET-DETAIL: database password is hunter2")


urlpatterns = [path("test-broken/", broken_view)] + site_urlpatterns
