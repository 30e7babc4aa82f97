from datetime import timedelta

from django.conf import settings

from townsquare.core.scheduling import periodic_job


@periodic_job("oversight_links", every=timedelta(days=1), label="链接检查")
def oversight_links():
    """Check the links due today in published pages, a bounded number per run and per host."""
    from .linkcheck import run_link_check

    return run_link_check()


@periodic_job("oversight_health", every=timedelta(days=1), label="网站健康检查")
def oversight_health():
    """Score the county and every unit against the inspection indicators and keep the result."""
    from .checks import run_health_check

    run = run_health_check(trigger="scheduled")
    return f"全县 {run.verdict}"


@periodic_job("oversight_digest", every=timedelta(days=7), label="健康检查周报")
def oversight_digest():
    """E-mail each unit's 负责人 what needs doing, from the latest check."""
    from .checks import send_digests

    return f"发出 {send_digests()} 封"


@periodic_job(
    "oversight_availability",
    every=timedelta(hours=24) / settings.AVAILABILITY_CHECKS_PER_DAY,
    label="网站可访问性检查",
)
def oversight_availability():
    """Open the public pages over HTTP from this (scheduler) process, as the inspectors do; alert on an outage."""
    from .probe import run_check

    results = run_check()
    failed = sum(1 for result in results if not result.ok)
    return f"{len(results)} 个页面，{failed} 个打不开" if results else "没有要检查的页面"


@periodic_job("oversight_availability_prune", every=timedelta(days=1), label="清理过期的可访问性检查记录")
def oversight_availability_prune():
    """Drop availability checks older than AVAILABILITY_RETENTION_DAYS."""
    from .probe import prune

    return f"删除 {prune()} 条"
