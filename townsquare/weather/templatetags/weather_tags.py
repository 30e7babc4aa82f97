from django import template

from ..summary import warnings_for_banner

register = template.Library()

# Lucide icons (vendored in townsquare/core) for QWeather's condition codes, by their first digit(s).
ICONS = [
    ("100", "sun"),
    ("150", "moon"),
    ("10", "cloud-sun"),
    ("15", "cloud-sun"),
    ("104", "cloud"),
    ("30", "cloud-rain"),
    ("31", "cloud-rain"),
    ("35", "cloud-rain"),
    ("302", "cloud-lightning"),
    ("303", "cloud-lightning"),
    ("304", "cloud-lightning"),
    ("4", "snowflake"),
    ("5", "cloud-fog"),
]


@register.filter
def weather_icon(code):
    """The icon name for a provider condition code (longest matching prefix); a plain cloud otherwise."""
    code = str(code or "")
    match = max((prefix for prefix, _ in ICONS if code.startswith(prefix)), key=len, default="")
    return dict(ICONS).get(match, "cloud")


@register.inclusion_tag("weather/includes/warning_banner.html", takes_context=True)
def weather_warning_banner(context):
    """The home page's banner: every weather warning in effect for the county or any town."""
    return {"rows": warnings_for_banner(), "request": context.get("request")}
