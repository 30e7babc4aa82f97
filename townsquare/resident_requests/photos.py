"""Residents' photos: checked to be images by Pillow, re-encoded without any metadata.

A photo straight from a phone carries EXIF: the place it was taken (GPS), the time,
the phone's make and serial numbers. None of that may reach the public pages, nor
does the unit need it. Every accepted photo is therefore decoded by Pillow (a file
that Pillow cannot read as JPEG, PNG, WebP or GIF is refused, whatever its name),
turned upright by its EXIF orientation, scaled down to a sensible size, and written
anew from its pixels only: no EXIF, no XMP, no comments survive.

Stored files get random names, so that a photo's address reveals nothing and cannot
be guessed.

Limits are the REQUEST_PHOTO_* settings: count, bytes, longest side kept, and pixels
(larger images are refused before decoding).
"""

import io
import uuid
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import RequestPhoto

PHOTO_FIELD = "photos"
# What Pillow may decode here. MPO is the multi-picture JPEG some phones write.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
JPEG_QUALITY = 85


def megabytes(size):
    text = f"{size / 1024 / 1024:.1f}"
    return text[:-2] if text.endswith(".0") else text


def max_megabytes():
    """REQUEST_PHOTO_MAX_BYTES as residents read it ("5", "2.5")."""
    return megabytes(settings.REQUEST_PHOTO_MAX_BYTES)


@dataclass
class UploadProblems:
    """What the upload handler left out before the form saw it: too many photos, too large ones."""

    extra: int = 0
    too_big: list = field(default_factory=list)


class PhotoLimitsUploadHandler(FileUploadHandler):
    """Drops a photo beyond the allowed count or size while it arrives, instead of storing it first.

    The other fields of the form are still read, so a resident who chose too large a photo
    gets the form back with everything typed and a message naming the photo.
    Install it before the request body is read: ``request.upload_handlers.insert(0, handler)``.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.problems = UploadProblems()
        self.photos_seen = 0
        self.skip_current = False

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.skip_current = False
        if field_name != PHOTO_FIELD:
            return
        self.photos_seen += 1
        if self.photos_seen > settings.REQUEST_PHOTO_MAX_COUNT:
            self.problems.extra += 1
            # Skipped at its first chunk: raising here would close the previous photo's buffer.
            self.skip_current = True

    def receive_data_chunk(self, raw_data, start):
        if self.field_name == PHOTO_FIELD:
            if self.skip_current:
                raise SkipFile
            if start + len(raw_data) > settings.REQUEST_PHOTO_MAX_BYTES:
                self.problems.too_big.append(self.file_name)
                raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) hands the file over


@dataclass
class CleanPhoto:
    content: bytes
    extension: str
    width: int
    height: int

    def to_model(self):
        """An unsaved RequestPhoto; ``handling.submit`` attaches it to the request and saves it."""
        name = f"{uuid.uuid4().hex}.{self.extension}"
        return RequestPhoto(image=ContentFile(self.content, name=name), width=self.width, height=self.height)


def _display_name(upload):
    name = getattr(upload, "name", "") or "照片"
    return name if len(name) <= 40 else name[:37] + "…"


def clean_photo(upload):
    """Return a CleanPhoto for one uploaded file, or raise ValidationError with a message for the resident."""
    name = _display_name(upload)
    limit = settings.REQUEST_PHOTO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"照片“{name}”有{megabytes(upload.size)} MB，太大了：每张不能超过{megabytes(limit)} MB。"
            "可以换一张，或用手机截图后上传截图。"
        )
    not_an_image = ValidationError(f"“{name}”不是能打开的照片。请上传 JPG、PNG、WebP 或 GIF 格式的图片。")
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise not_an_image
                width, height = probe.size
                if width * height > settings.REQUEST_PHOTO_MAX_PIXELS:
                    raise ValidationError(f"照片“{name}”的像素太多（{width}×{height}），请换一张小一点的照片。")
                probe.verify()  # checks the file's structure without decoding the pixels
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                return _reencode(image)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise not_an_image from error
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError) as error:
        # Pillow reports a damaged or truncated file in any of these ways.
        raise not_an_image from error


def _reencode(image):
    """Upright, not larger than the allowed side, and written from its pixels alone (no metadata)."""
    icc_profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)  # apply the orientation before the EXIF goes
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else ("L" if image.mode in ("L", "1", "I", "I;16", "F") else "RGB")
    if image.mode != mode:
        image = image.convert(mode)
    side = settings.REQUEST_PHOTO_MAX_SIDE
    if max(image.size) > side:
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
    # A brand-new image from the raw pixels: nothing of the original's info (EXIF, XMP, comments) comes along.
    clean = Image.frombytes(mode, image.size, image.tobytes())
    out = io.BytesIO()
    extra = {"icc_profile": icc_profile} if icc_profile else {}
    if has_alpha:
        clean.save(out, "PNG", optimize=True, **extra)
        extension = "png"
    else:
        clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, **extra)
        extension = "jpg"
    return CleanPhoto(content=out.getvalue(), extension=extension, width=clean.width, height=clean.height)


def clean_photos(uploads, problems=None):
    """Check every uploaded photo; returns CleanPhotos or raises one ValidationError listing every problem."""
    problems = problems or UploadProblems()
    uploads = [upload for upload in uploads if upload]
    messages = []
    limit = settings.REQUEST_PHOTO_MAX_COUNT
    chosen = len(uploads) + problems.extra + len(problems.too_big)
    if chosen > limit:
        messages.append(f"最多上传{limit}张照片，您选了{chosen}张。请只选最能说明情况的{limit}张。")
        uploads = uploads[:limit]
    for name in problems.too_big:
        messages.append(f"照片“{name}”太大了：每张不能超过{max_megabytes()} MB。可以换一张，或用手机截图后上传截图。")
    cleaned = []
    for upload in uploads:
        try:
            cleaned.append(clean_photo(upload))
        except ValidationError as error:
            messages.extend(error.messages)
    if messages:
        raise ValidationError(messages)
    return cleaned
