"""Kept for migrations that name ``townsquare.resident_requests.storage.private_storage``; the storage lives in
``townsquare.core.privatefiles``."""

from townsquare.core.privatefiles import private_storage

__all__ = ["private_storage"]
