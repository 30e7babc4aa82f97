from datetime import timedelta

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
