"""Periodic jobs of the site itself (see scheduling.py)."""

from datetime import timedelta
from importlib import import_module

from django.conf import settings

from .scheduling import periodic_job


@periodic_job("clear_sessions", every=timedelta(days=1), label="清理过期会话")
def clear_sessions():
    """Delete expired sessions: the session table grows with every visitor who stored something."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
