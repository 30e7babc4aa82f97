"""RSS 2.0 and Atom feeds (Django's syndication framework) of columns, homes, types of publication and searches.

Items carry only what the public lists show: title, link, the plain-language summary, dates, the
publishing unit, the cover picture and the categories (the type, a policy's 主题分类) — never a body.
"""

import datetime
import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed

from townsquare.publishing.models import CARD_RENDITION, SectionPage

from . import items

KIND_LABELS = {model_name: label for label, model_name in items.KINDS.values()}


class ChineseRss(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xml:lang": "zh-CN"}


class ChineseFeed(Feed):
    """A feed in Chinese, RSS 2.0 or Atom, that keeps the request (for absolute links to pictures and pages)."""

    language = "zh-CN"

    def __init__(self, feed_format="rss"):
        super().__init__()
        self.feed_type = ChineseRss if feed_format == "rss" else Atom1Feed

    def get_feed(self, obj, request):
        self.request = request
        return super().get_feed(obj, request)


class PublicationFeed(ChineseFeed):
    """Publications newest first; subclasses say which (``publications(obj)``) and name the feed."""

    def publications(self, obj):
        raise NotImplementedError

    def items(self, obj):
        return items.newest(self.publications(obj))

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.title

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_guid(self, item):
        return self.request.build_absolute_uri(self.item_link(item))

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.feed_updated or item.first_published_at

    def item_author_name(self, item):
        return item.unit.display_name if item.unit_id else settings.WAGTAIL_SITE_NAME

    def item_categories(self, item):
        categories = [KIND_LABELS.get(type(item).__name__, item._meta.verbose_name)]
        if hasattr(item, "get_topic_display"):
            categories.append(item.get_topic_display())
        return categories

    def item_enclosures(self, item):
        image = getattr(item, "cover_image", None)
        if image is None:
            return []
        try:
            rendition = image.get_rendition(CARD_RENDITION)
            length = rendition.file.size
        except (OSError, ValueError):
            return []  # the file is missing from storage: the item goes out without its picture
        mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
        return [Enclosure(self.request.build_absolute_uri(rendition.url), str(length), mime_type)]


class PageFeed(PublicationFeed):
    """A column's items, or everything published below a home (the county's or a unit's)."""

    def get_object(self, request, page):
        return page

    def publications(self, page):
        return items.of_column(page) if isinstance(page, SectionPage) else items.of_home(page)

    def title(self, page):
        site = settings.WAGTAIL_SITE_NAME
        if isinstance(page, SectionPage):
            unit = page.nearest_unit()
            return f"{page.title} - {unit.display_name} - {site}" if unit else f"{page.title} - {site}"
        return f"{page.title}发布的信息 - {site}"

    def link(self, page):
        return page.get_url(request=self.request)

    def description(self, page):
        if isinstance(page, SectionPage):
            return page.intro or f"{page.title}的最新内容。"
        return f"{page.title}最新发布的动态、通知、公示和政策。"


class KindFeed(PublicationFeed):
    """One type of publication (政务动态, 通知公告, …) from every unit of the county."""

    def get_object(self, request, kind):
        return kind

    def publications(self, kind):
        return items.of_kind(kind)

    def title(self, kind):
        return f"{items.KINDS[kind][0]}（全县） - {settings.WAGTAIL_SITE_NAME}"

    def link(self, kind):
        return "/"

    def description(self, kind):
        return f"全县各单位最新发布的{items.KINDS[kind][0]}。"


class SearchFeed(ChineseFeed):
    """The newest results of a search: what the results page shows for it, nothing more."""

    def get_object(self, request, results, search_url):
        self.search_url = search_url
        return results

    def title(self, results):
        return f"搜索“{results.query}”的最新结果 - {settings.WAGTAIL_SITE_NAME}"

    def link(self, results):
        return self.search_url

    def description(self, results):
        return f"站内搜索“{results.query}”找到的内容，最新的在前。"

    def items(self, results):
        return results.hits

    def item_title(self, hit):
        return hit.title

    def item_description(self, hit):
        return hit.snippet or hit.title

    def item_link(self, hit):
        return hit.url

    def item_pubdate(self, hit):
        if isinstance(hit.date, datetime.date) and not isinstance(hit.date, datetime.datetime):
            return timezone.make_aware(datetime.datetime.combine(hit.date, datetime.time.min))
        return hit.date

    def item_author_name(self, hit):
        return hit.unit_name or settings.WAGTAIL_SITE_NAME

    def item_categories(self, hit):
        return [hit.kind_label] if hit.kind_label else []
