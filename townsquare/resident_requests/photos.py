"""Photos on 我要留言: the public-form photo kit (``core.photos``) with the REQUEST_PHOTO_* limits.

What is the requests' own: their limits and hints, and that a kept photo becomes a
RequestPhoto (stored privately, never on a public page).
"""

from django.conf import settings

from townsquare.core import photos as kit

from .models import RequestPhoto

UploadProblems = kit.UploadProblems  # the request form starts from an empty one


def rules():
    """The REQUEST_PHOTO_* limits, read when a form is checked (tests change them)."""
    count = settings.REQUEST_PHOTO_MAX_COUNT
    return kit.PhotoRules(
        max_count=count,
        max_bytes=settings.REQUEST_PHOTO_MAX_BYTES,
        max_side=settings.REQUEST_PHOTO_MAX_SIDE,
        max_pixels=settings.REQUEST_PHOTO_MAX_PIXELS,
        too_many_hint=f"请只选最能说明情况的{count}张。",
        too_big_hint=kit.SMALLER_PHOTO_HINT,
    )


def max_megabytes():
    """REQUEST_PHOTO_MAX_BYTES as residents read it ("5", "2.5")."""
    return kit.megabytes(settings.REQUEST_PHOTO_MAX_BYTES)


class PhotoLimitsUploadHandler(kit.PhotoLimitsUploadHandler):
    """The kit's upload handler with the requests' limits."""

    def __init__(self, request=None):
        super().__init__(request, rules=rules())


def clean_photos(uploads, problems=None):
    """Check every uploaded photo; returns CleanPhotos or raises one ValidationError listing every problem."""
    return kit.clean_photos(uploads, problems, rules())


def to_models(photos):
    """Unsaved RequestPhotos; ``handling.submit`` attaches them to the request and saves them."""
    return [photo.to_model(RequestPhoto) for photo in photos]
