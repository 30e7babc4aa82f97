"""The life-service grid (生活服务) on the home page.

Each tile names where it leads. Capabilities added later (办事, 留言, listings,
weather) register their own URL here by replacing ``url_name``; a tile with none
leads to a page that says what a resident can do today.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)

# Live hints: a capability registers a function giving its tile a short current hint
# (e.g. weather: "多云 24°C"), so that core never imports it. Empty or failing: the fixed hint.
LIVE_HINTS: dict[str, Callable[[], str]] = {}


def register_live_hint(slug, func):
    LIVE_HINTS[slug] = func


@dataclass(frozen=True)
class LifeService:
    slug: str
    label: str
    icon: str
    hint: str
    url_name: str = ""

    @property
    def url(self):
        if self.url_name:
            try:
                return reverse(self.url_name)
            except NoReverseMatch:
                pass
        return reverse("life_service", args=[self.slug])

    @property
    def current_hint(self):
        func = LIVE_HINTS.get(self.slug)
        if func is not None:
            try:
                return func() or self.hint
            except Exception:  # a hint must never break the page
                logger.exception("live hint for %s failed", self.slug)
        return self.hint


LIFE_SERVICES = [
    LifeService("weather", "天气", "cloud-sun", "今明天气和预警", url_name="weather:page"),
    LifeService("jobs", "招聘", "briefcase", "家门口的工作", url_name="listings:jobs_list"),
    LifeService("education", "教育", "graduation-cap", "学校和招生", url_name="listings:education_list"),
    LifeService("traffic", "交通", "bus", "封路、绕行、公交", url_name="listings:traffic_list"),
    LifeService("rentals", "租房", "house", "房源和租金", url_name="listings:rentals_list"),
    LifeService("culture", "文旅", "landmark", "活动、景点", url_name="listings:culture_list"),
    LifeService("offers", "消费", "shopping-bag", "优惠和消费券", url_name="listings:offers_list"),
    LifeService("services", "办事", "clipboard-check", "怎么办、带什么", url_name="services:index"),
    LifeService("ask", "我要留言", "message-circle", "咨询、建议、投诉", url_name="resident_requests:submit"),
]


def life_service(slug):
    return next((service for service in LIFE_SERVICES if service.slug == slug), None)
