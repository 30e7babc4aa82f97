"""The life-service grid (生活服务) on the home page.

Each tile names where it leads. Capabilities added later (办事, 留言, listings,
weather) register their own URL here by replacing ``url_name``; a tile with none
leads to a page that says what a resident can do today.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


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


LIFE_SERVICES = [
    LifeService("weather", "天气", "cloud-sun", "今明天气和预警"),
    LifeService("jobs", "招聘", "briefcase", "家门口的工作"),
    LifeService("education", "教育", "graduation-cap", "学校和招生"),
    LifeService("traffic", "交通", "bus", "封路、绕行、公交"),
    LifeService("rentals", "租房", "house", "房源和租金"),
    LifeService("culture", "文旅", "landmark", "活动、景点"),
    LifeService("offers", "消费", "shopping-bag", "优惠和消费券"),
    LifeService("services", "办事", "clipboard-check", "怎么办、带什么"),
    LifeService("ask", "我要留言", "message-circle", "咨询、建议、投诉", url_name="resident_requests:submit"),
]


def life_service(slug):
    return next((service for service in LIFE_SERVICES if service.slug == slug), None)
