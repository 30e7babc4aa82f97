"""Periodic jobs of the site itself (see scheduling.py)."""

from datetime import timedelta
from importlib import import_module

from django.conf import settings

from .scheduling import periodic_job


@periodic_job("clear_sessions", every=timedelta(days=1), label="清理过期会话")
def clear_sessions():
    """Delete expired sessions: the session table grows with every visitor who stored something."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@periodic_job("resident_messages", every=timedelta(minutes=settings.NOTIFY_EVERY_MINUTES), label="办理进度提醒")
def resident_messages():
    """回访 that came due, messages to retry, any the task queue did not send."""
    from .notify import send_due

    return f"{send_due()} 条"
