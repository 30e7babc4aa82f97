from datetime import timedelta

from townsquare.core.scheduling import periodic_job


@periodic_job("screening_rescan", every=timedelta(days=1), label="已发布内容个人信息复查")
def screening_rescan():
    """Scan every live page and its documents for personal data and 错敏词; findings go to 监管."""
    from .review import rescan_live

    scanned, open_count = rescan_live()
    return f"检查 {scanned} 个页面，待处理 {open_count} 处"
