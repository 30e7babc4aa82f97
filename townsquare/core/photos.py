"""Residents' photos on public forms: checked to be images by Pillow, re-encoded without any metadata.

A photo straight from a phone carries EXIF: the place it was taken (GPS), the time,
the phone's make and serial numbers. None of that may reach the public pages, nor
does a unit need it. Every accepted photo is therefore decoded by Pillow (a file
that Pillow cannot read as JPEG, PNG, WebP or GIF is refused, whatever its name),
turned upright by its EXIF orientation, scaled down to a sensible size, and written
anew from its pixels only: no EXIF, no XMP, no comments survive.

Each form brings its own ``PhotoRules`` (limits from its settings, and the hints its
messages add); ``clean_photos`` checks a form's photos against them. Stored files get
random names, so that a photo's address reveals nothing and cannot be guessed.
"""

import io
import uuid
import warnings
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from PIL import Image, ImageOps, UnidentifiedImageError

PHOTO_FIELD = "photos"
# What Pillow may decode here. MPO is the multi-picture JPEG some phones write.
ACCEPTED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF"}
JPEG_QUALITY = 85
# Said after a photo found too large while it was checked, whatever the form.
SMALLER_PHOTO_HINT = "可以换一张，或用手机截图后上传截图。"


def megabytes(size):
    """Bytes as residents read them: "5", "2.5"."""
    text = f"{size / 1024 / 1024:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class PhotoRules:
    """One form's photo limits, and the hints its messages add after the plain rule."""

    max_count: int
    max_bytes: int
    max_side: int  # longest side kept; a larger photo is scaled down
    max_pixels: int  # a larger image is refused before decoding
    too_many_hint: str = ""
    too_big_hint: str = ""

    @property
    def max_megabytes(self):
        return megabytes(self.max_bytes)


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

    def __init__(self, request=None, *, rules):
        super().__init__(request)
        self.rules = rules
        self.problems = UploadProblems()
        self.photos_seen = 0
        self.skip_current = False

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.skip_current = False
        if field_name != PHOTO_FIELD:
            return
        self.photos_seen += 1
        if self.photos_seen > self.rules.max_count:
            self.problems.extra += 1
            # Skipped at its first chunk: raising here would close the previous photo's buffer.
            self.skip_current = True

    def receive_data_chunk(self, raw_data, start):
        if self.field_name == PHOTO_FIELD:
            if self.skip_current:
                raise SkipFile
            if start + len(raw_data) > self.rules.max_bytes:
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

    def to_model(self, model):
        """An unsaved ``model`` instance (an image field and its width and height) under a random name."""
        name = f"{uuid.uuid4().hex}.{self.extension}"
        return model(image=ContentFile(self.content, name=name), width=self.width, height=self.height)


def _display_name(upload):
    name = getattr(upload, "name", "") or "照片"
    return name if len(name) <= 40 else name[:37] + "…"


def clean_photo(upload, rules):
    """Return a CleanPhoto for one uploaded file, or raise ValidationError with a message for the resident."""
    name = _display_name(upload)
    if upload.size > rules.max_bytes:
        raise ValidationError(
            f"照片“{name}”有{megabytes(upload.size)} MB，太大了：每张不能超过{rules.max_megabytes} MB。"
            + SMALLER_PHOTO_HINT
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
                if width * height > rules.max_pixels:
                    raise ValidationError(f"照片“{name}”的像素太多（{width}×{height}），请换一张小一点的照片。")
                probe.verify()  # checks the file's structure without decoding the pixels
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                return _reencode(image, rules.max_side)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise not_an_image from error
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError) as error:
        # Pillow reports a damaged or truncated file in any of these ways.
        raise not_an_image from error


def _reencode(image, side):
    """Upright, not larger than ``side``, and written from its pixels alone (no metadata)."""
    icc_profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)  # apply the orientation before the EXIF goes
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    mode = "RGBA" if has_alpha else ("L" if image.mode in ("L", "1", "I", "I;16", "F") else "RGB")
    if image.mode != mode:
        image = image.convert(mode)
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


def clean_photos(uploads, problems, rules):
    """Check a form's photos; returns CleanPhotos or raises one ValidationError listing every problem.

    ``problems`` is what the upload handler left out (None when it was not installed).
    """
    problems = problems or UploadProblems()
    uploads = [upload for upload in uploads if upload]
    messages = []
    limit = rules.max_count
    chosen = len(uploads) + problems.extra + len(problems.too_big)
    if chosen > limit:
        messages.append(f"最多上传{limit}张照片，您选了{chosen}张。" + rules.too_many_hint)
        uploads = uploads[:limit]
    for name in problems.too_big:
        messages.append(f"照片“{name}”太大了：每张不能超过{rules.max_megabytes} MB。" + rules.too_big_hint)
    cleaned = []
    for upload in uploads:
        try:
            cleaned.append(clean_photo(upload, rules))
        except ValidationError as error:
            messages.extend(error.messages)
    if messages:
        raise ValidationError(messages)
    return cleaned
