from datetime import timedelta

from townsquare.core.scheduling import periodic_job

from .reminders import send_reminders


@periodic_job("disclosure_reminders", every=timedelta(minutes=10), label="依申请公开到期提醒")
def disclosure_reminders():
    """Remind units of 补正 windows and answers due soon (DISCLOSURE_REMIND_WORKING_DAYS), and of overdue ones."""
    return f"发出提醒{send_reminders()}件"
