"""Project system checks (``manage.py check --deploy``).

townsquare.W001: rate limits (core.ratelimit) count in the default cache. A per-process cache
(local memory) under several gunicorn workers gives every worker its own counters, so a limit
of 5 guesses becomes 5 per worker; production needs a shared cache (REDIS_URL).
"""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_for_rate_limits(app_configs=None, **kwargs):
    """Warn when DEBUG is off and the default cache is not shared between server processes."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if settings.DEBUG or backend not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Warning(
            "默认缓存不是共享缓存，多个服务进程各自计数，频率限制（如查询密码输错次数）会成倍放宽。"
            " The default cache is per process, so rate limits are multiplied by the number of workers.",
            hint="请设置 REDIS_URL 使用共享缓存。 Set REDIS_URL to use a shared cache (Redis).",
            obj=backend,
            id="townsquare.W001",
        )
    ]
