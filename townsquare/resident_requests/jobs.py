from datetime import timedelta

from townsquare.core.scheduling import periodic_job

from .reminders import send_reminders


@periodic_job("request_reminders", every=timedelta(minutes=10), label="留言到期提醒")
def request_reminders():
    """Remind units (and the county) of answers due within a working day, overdue, or extensions to decide."""
    return send_reminders()
