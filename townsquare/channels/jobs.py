from datetime import timedelta

from townsquare.core.scheduling import periodic_job


@periodic_job("channels_sync_platform", every=timedelta(days=1), label="渠道：同步本平台栏目")
def channels_sync_platform():
    """Register every unit's home section as a channel and refresh its last update date."""
    from .platform import sync_platform_channels

    created, updated = sync_platform_channels()
    return f"新登记 {created} 个栏目，更新 {updated} 个"
