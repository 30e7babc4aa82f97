"""Search settings (SEARCH_* in townsquare/settings.py, where each is explained with its default)."""

from django.conf import settings


def get(name):
    return getattr(settings, name)
