"""Admin entry of 热点问题, and the 回应关切 link on every public request of a topic.

Fills resident_requests' hooks ``townsquare_request_public_notes`` (fn(resident_request) -> [(heading, text, url)])
and ``townsquare_request_list_notes`` (fn(request pks) -> {pk: (text, url)}, for the public list's cards).
"""

from django.urls import reverse_lazy
from wagtail import hooks

from townsquare.units.permissions import StaffMenuItem

from . import admin_views
from .topics import responses_of_requests, topic_of_request


@hooks.register("register_admin_urls")
def hotspots_admin_urls():
    return admin_views.admin_urls()


@hooks.register("register_admin_menu_item")
def hotspots_menu_item():
    return StaffMenuItem(
        "热点问题", reverse_lazy(admin_views.INDEX_URL_NAME), name="hotspots", icon_name="pick", order=880
    )


@hooks.register("townsquare_request_public_notes")
def public_response_note(resident_request):
    topic = topic_of_request(resident_request.pk)
    if topic is None or topic.response is None or not topic.response.live:
        return []
    unit = topic.lead_unit.display_name
    text = f"有 {topic.request_count} 位居民反映了同类问题，{unit}已公开回应：{topic.response.title}"
    return [("回应关切", text, topic.response.url)]


@hooks.register("townsquare_request_list_notes")
def public_response_links(request_pks):
    return {pk: (f"已公开回应：{page.title}", page.url) for pk, page in responses_of_requests(request_pks).items()}
