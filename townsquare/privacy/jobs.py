from datetime import timedelta

from townsquare.core.scheduling import periodic_job

from .retention import anonymise_expired, delete_old_access_logs


@periodic_job("personal_data_retention", every=timedelta(days=1), label="个人信息到期删除")
def personal_data_retention():
    """Anonymise closed cases past the retention period, and drop access logs past theirs."""
    return f"{anonymise_expired()} 件匿名化，{delete_old_access_logs()} 条查看记录到期删除"
