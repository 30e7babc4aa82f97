"""Where residents' private files are kept: outside MEDIA_ROOT, so that /media/ never serves them.

我要留言 photos (faces, licence plates, the inside of homes) and 依申请公开 proofs of identity and
告知书 are stored under PRIVATE_MEDIA_ROOT (var/private/ unless set) and handed out only by each
app's own view, which checks who asks (the resident who proved the query password in this browser,
or staff of the unit in charge or the county). They have no public URL: ``file.url`` raises, so no
template can link to a path that bypasses the check.
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
        return None  # url() raises ValueError: served only through views that check who asks

    @property
    def file_permissions_mode(self):
        return settings.PRIVATE_FILE_PERMISSIONS

    @property
    def directory_permissions_mode(self):
        return settings.PRIVATE_DIRECTORY_PERMISSIONS


_storage = PrivateStorage()


def private_storage():
    """The private storage (a callable, so migrations name the function, not an instance)."""
    return _storage
