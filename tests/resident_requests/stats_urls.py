"""The site's URLs plus the statistics pages, until the lead wires them into the real URL modules.

The admin page is added the way Wagtail does for a ``register_admin_urls`` hook: under
admin/, wrapped in the admin login check.
"""

from django.urls import include, path
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from townsquare.resident_requests import stats_views
from townsquare.urls import handler404, handler500  # noqa: F401
from townsquare.urls import urlpatterns as site_urlpatterns

PUBLIC_URL = "/liuyan/stats-preview/"

urlpatterns = [
    path("liuyan/stats-preview/", stats_views.public_stats),
    path("admin/", include(decorate_urlpatterns(stats_views.register_stats_admin_url(), require_admin_access))),
    *site_urlpatterns,
]
