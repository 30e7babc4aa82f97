"""Townsquare settings, driven by environment variables; each setting is defined once in one of these modules.

``base``: Django, Wagtail, database, cache, mail, security. ``rules``: Townsquare's rules and limits, by app.
Defaults need nothing installed (SQLite under var/, local-memory cache, database-backed tasks). Production
sets DATABASE_URL, REDIS_URL, SECRET_KEY, ALLOWED_HOSTS and HTTPS=1.
"""

from .base import *  # noqa: F403
from .rules import *  # noqa: F403
