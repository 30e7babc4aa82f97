from datetime import timedelta

from townsquare.core.scheduling import periodic_job

from .annual.reminders import send_reminders


@periodic_job("disclosure_annual_report_reminders", every=timedelta(hours=6), label="公开年报到期提醒")
def annual_report_reminders():
    """Remind units whose last-year 政府信息公开工作年度报告 is due soon and not published (once per unit and year)."""
    return f"提醒{send_reminders()}个单位"
