"""Helpers (no tests) shared by the test_public_* files: what a resident types into 我要留言, photos to upload."""

import io
import secrets

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

SUBMIT_URL = "/liuyan/"


def new_key():
    return secrets.token_urlsafe(24)


def typed(desk, **overrides):
    """A complete, valid form as a resident fills it in."""
    data = {
        "request_type": "consult",
        "category": str(desk.roads.pk),
        "title": "东街口路灯坏了一个星期",
        "details": "东街口路灯坏了一个星期，晚上很黑，请尽快修。",
        "address": "青禾镇东街口",
        "lat": "",
        "long": "",
        "contact_name": "李小明",
        "contact_phone": "13900001111",
        "contact_email": "",
        "is_public": "yes",
        "homepage": "",
        "submission_key": new_key(),
    }
    data.update(overrides)
    return data


def jpeg_with_gps(name="photo.jpg", size=(64, 48)):
    """A JPEG as a phone writes it: turned by EXIF orientation, with GPS, camera make and a comment."""
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # to be shown turned 90° clockwise
    exif[ExifTags.Base.Make] = "PhoneCo"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (28.0, 11.0, 40.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (112.0, 58.0, 56.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"taken at home")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png(name="shot.png", size=(40, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, "blue").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def text_as_jpg(name="notes.jpg"):
    return SimpleUploadedFile(name, "这不是照片，只是一段文字。".encode() * 20, content_type="image/jpeg")


def done_url(number):
    return reverse("resident_requests:done", args=[number])


def detail_url(number):
    return reverse("resident_requests:detail", args=[number])
