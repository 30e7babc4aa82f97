from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from townsquare.core import views as core_views
from townsquare.resident_requests import views as rr_views

handler400 = "townsquare.core.views.bad_request"
handler404 = "townsquare.core.views.page_not_found"
handler500 = "townsquare.core.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("elder/", core_views.elder_mode, name="elder_mode"),
    path("life/<slug:slug>/", core_views.life_service_page, name="life_service"),
    path("hudong/", core_views.interaction, name="interaction"),
    path("liuyan/", include("townsquare.resident_requests.urls")),
    path("wenda/", include("townsquare.knowledge.urls")),
    path("fankui/", include("townsquare.feedback.urls")),
    path("gongkai/shenqing/", include("townsquare.disclosure_requests.urls")),
    path("zhaocuo/", rr_views.correction, name="correction"),
    path("banshi/", include("townsquare.services.urls")),
    path("zhengqiu/", include("townsquare.consultations.urls")),
    path("yuyue/", include("townsquare.appointments.urls")),
    path("tianqi/", include("townsquare.weather.urls")),
    path("shenghuo/", include("townsquare.listings.urls")),
    path("zhanghao/", include("townsquare.channels.urls")),
    path("yinsi/", include("townsquare.privacy.urls")),
    path("tongzhi/", include("townsquare.core.notify.urls")),
    path("dingyue/", include("townsquare.subscriptions.urls")),
    path("open311/v2/", include("townsquare.resident_requests.open311.urls")),
    path("api/", include("townsquare.api.urls")),
    path("", include("townsquare.search.urls")),
    path("", include("townsquare.syndication.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))

urlpatterns.append(path("", include(wagtail_urls)))
