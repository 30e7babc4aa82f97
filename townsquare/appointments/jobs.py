"""预约办理's scheduled work: slots generated ahead, reminders on the working day before."""

from datetime import timedelta

from django.conf import settings

from townsquare.core.scheduling import periodic_job

from .reminders import send_reminders
from .slots import sync_all


@periodic_job(
    "appointment_slots",
    every=timedelta(minutes=settings.APPOINTMENT_SLOTS_EVERY_MINUTES),
    label="生成预约时段",
)
def generate_slots():
    return f"{sync_all()} 个事项"


@periodic_job(
    "appointment_reminders",
    every=timedelta(minutes=settings.APPOINTMENT_REMINDERS_EVERY_MINUTES),
    label="预约提醒",
)
def remind():
    return f"{send_reminders()} 条提醒"
