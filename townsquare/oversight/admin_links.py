"""Where to fix a finding, or look at a counted item, in the admin; "" when the URL is not registered."""

from django.urls import NoReverseMatch, reverse


def reverse_or_blank(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def page_edit_url(page_id):
    return reverse_or_blank("wagtailadmin_pages:edit", page_id)


def add_to_section_url(section_id):
    return reverse_or_blank("wagtailadmin_pages:add_subpage", section_id) or page_edit_url(section_id)


def request_url(request_id):
    return reverse_or_blank("resident_requests_detail", request_id) or reverse_or_blank("resident_requests_inbox")


def request_categories_url():
    return reverse_or_blank("wagtailsnippets_resident_requests_category:list") or reverse_or_blank(
        "resident_requests_inbox"
    )


def channel_admin_url(channel_id=None):
    """The channel's page (with 报送更新 / 停更 / 注销), or the channel registry's list."""
    if channel_id is not None:
        url = reverse_or_blank("channels_admin_detail", channel_id)
        if url:
            return url
    return reverse_or_blank("channels_admin_index")


def availability_url():
    """The availability section of the 监管 dashboard."""
    url = reverse_or_blank("oversight_dashboard")
    return f"{url}#availability" if url else ""


def standard_item_url(pk):
    """A 标准目录 item's edit view in the admin (政务公开)."""
    return reverse_or_blank("wagtailsnippets_disclosure_standarditem:edit", pk)


def knowledge_entry_url(entry_id):
    return reverse_or_blank("wagtailsnippets_knowledge_entry:edit", entry_id)


def hot_topic_url(topic_id):
    return reverse_or_blank("hotspots_detail", topic_id) or reverse_or_blank("hotspots_index")
