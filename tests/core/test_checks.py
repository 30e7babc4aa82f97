"""The project's deployment checks: rate limits need a cache shared by all server processes."""

import secrets

from django.test import override_settings

from townsquare.core.checks import shared_cache_for_rate_limits

from .test_settings import run_manage

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}}


@override_settings(DEBUG=False, CACHES=LOCMEM)
def test_local_memory_cache_in_production_warns():
    assert [message.id for message in shared_cache_for_rate_limits()] == ["townsquare.W001"]


@override_settings(DEBUG=False, CACHES=REDIS)
def test_redis_cache_in_production_passes():
    assert shared_cache_for_rate_limits() == []


@override_settings(DEBUG=True, CACHES=LOCMEM)
def test_local_memory_cache_while_developing_passes():
    assert shared_cache_for_rate_limits() == []


def test_check_deploy_warns_without_a_shared_cache(tmp_path):
    result = run_manage(
        ["check", "--deploy"],
        tmp_path,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(45)[:60],
        ALLOWED_HOSTS="example.gov.cn",
        HTTPS="1",
        REDIS_URL="",  # the suite itself may run with Redis; this check is about running without it
    )

    assert "townsquare.W001" in result.stdout + result.stderr
