"""天气地点 in the Wagtail admin: where each place's weather comes from, when it last came, and why not."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from townsquare.core.life import LifeService

from .models import WeatherLocation


class LastErrorColumn(Column):
    def get_value(self, instance):
        if not instance.last_error:
            return ""
        newer = instance.fetched_at is None or (instance.last_error_at and instance.last_error_at > instance.fetched_at)
        prefix = "（已恢复）" if not newer else ""
        return f"{prefix}{instance.last_error[:120]}"


class WeatherLocationViewSet(SnippetViewSet):
    model = WeatherLocation
    icon = "site"
    menu_label = "天气地点"
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        Column("unit", label="地点"),
        DateColumn("fetched_at", label="数据更新于"),
        LastErrorColumn("last_error", label="上次出错原因"),
        BooleanColumn("is_demo", label="演示数据"),
        BooleanColumn("enabled", label="定时更新"),
    ]
    list_filter = ["enabled", "is_demo"]
    panels = [
        HelpPanel(
            content="天气每隔一段时间自动更新（WEATHER_FETCH_MINUTES）。"
            "没有设置天气服务的 key（WEATHER_API_KEY）时不会更新。"
            "标为“演示数据”的天气是演示用的，不是真实天气，接通天气服务后会被真实数据替换。"
        ),
        FieldPanel("unit"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("location_id"),
        FieldPanel("enabled"),
    ]


register_snippet(WeatherLocationViewSet)


@hooks.register("townsquare_life_services", order=10)
def weather_life_service():
    from .summary import weather_tile_hint

    return [LifeService("weather", "天气", "cloud-sun", "今明天气和预警", "weather:page", live_hint=weather_tile_hint)]
