"""Where residents' photos are kept: outside MEDIA_ROOT, so that /media/ never serves them.

Photos show faces, licence plates and the inside of people's homes. They are stored
under PRIVATE_MEDIA_ROOT (var/private/ unless set) and handed out only by
``views.photo``, which checks who asks (the resident who proved the query password in
this browser, or staff of the unit in charge or the county). They have no public URL:
``photo.image.url`` raises, so no template can link to a path that bypasses the check.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """A file system storage whose root follows the setting (also when tests change it) and that has no URL."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None  # url() raises ValueError: served through views.photo only

    @property
    def file_permissions_mode(self):
        return settings.PRIVATE_FILE_PERMISSIONS

    @property
    def directory_permissions_mode(self):
        return settings.PRIVATE_DIRECTORY_PERMISSIONS


_storage = PrivateStorage()


def private_storage():
    """The storage of RequestPhoto.image (a callable, so migrations name the function, not an instance)."""
    return _storage
