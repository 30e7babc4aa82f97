"""Photos on 我要留言: real images only, at most three, size-limited, and no EXIF (GPS above all) kept."""

import io
from pathlib import Path

import pytest
from django.test import Client, override_settings
from PIL import Image

from townsquare.resident_requests import handling
from townsquare.resident_requests.models import RequestPhoto, ResidentRequest

from .test_public_helpers import SUBMIT_URL, detail_url, jpeg_with_gps, png, text_as_jpg, typed

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_phone_photo_is_stored_upright_without_any_exif_or_gps(client, desk):
    upload = jpeg_with_gps()
    original = Image.open(io.BytesIO(upload.read()))
    upload.seek(0)
    assert original.getexif().get_ifd(0x8825), "the test photo should carry GPS"

    response = client.post(SUBMIT_URL, {**typed(desk), "photos": [upload]})
    assert response.status_code == 302, html(response)
    photo = RequestPhoto.objects.get()
    assert photo.request == ResidentRequest.objects.get()
    with photo.image.open("rb") as stored:
        raw = stored.read()
    assert b"Exif" not in raw and b"PhoneCo" not in raw and b"taken at home" not in raw
    image = Image.open(io.BytesIO(raw))
    assert image.format == "JPEG"
    assert not image.getexif() and "exif" not in image.info and "comment" not in image.info
    # Orientation 6 was applied before the EXIF went: 64×48 became 48×64.
    assert image.size == (48, 64) and (photo.width, photo.height) == (48, 64)
    # A random name: the address says nothing about the resident or the original file.
    assert "photo" not in photo.image.name and photo.image.name.endswith(".jpg")


def test_a_text_file_named_jpg_is_refused_and_the_text_is_kept(client, desk):
    response = client.post(SUBMIT_URL, {**typed(desk), "photos": [text_as_jpg()]})
    assert response.status_code == 400
    page = html(response)
    assert "“notes.jpg”不是能打开的照片" in page
    assert "照片没能保留下来" in page
    assert 'value="东街口路灯坏了一个星期"' in page
    assert not ResidentRequest.objects.exists() and not RequestPhoto.objects.exists()


def test_a_fourth_photo_is_refused(client, desk):
    photos = [png(f"p{i}.png") for i in range(4)]
    response = client.post(SUBMIT_URL, {**typed(desk), "photos": photos})
    assert response.status_code == 400
    assert "最多上传3张照片，您选了4张" in html(response)
    assert not ResidentRequest.objects.exists()


def test_three_photos_are_fine(client, desk):
    photos = [png(f"p{i}.png") for i in range(3)]
    assert client.post(SUBMIT_URL, {**typed(desk), "photos": photos}).status_code == 302
    assert RequestPhoto.objects.count() == 3


@override_settings(REQUEST_PHOTO_MAX_BYTES=2000)
def test_a_too_large_photo_is_dropped_while_it_arrives_and_named_in_the_error(client, desk):
    big = jpeg_with_gps("big.jpg", size=(600, 400))
    assert big.size > 2000
    response = client.post(SUBMIT_URL, {**typed(desk), "photos": [big]})
    assert response.status_code == 400
    assert "照片“big.jpg”太大了" in html(response)
    assert 'value="李小明"' in html(response)


@override_settings(REQUEST_PHOTO_MAX_SIDE=100)
def test_large_photos_are_scaled_down(client, desk):
    client.post(SUBMIT_URL, {**typed(desk), "photos": [png("wide.png", size=(400, 200))]})
    photo = RequestPhoto.objects.get()
    assert (photo.width, photo.height) == (100, 50)


def test_transparent_images_stay_png_and_lose_their_metadata(client, desk):
    out = io.BytesIO()
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "李小明")
    Image.new("RGBA", (20, 20), (255, 0, 0, 128)).save(out, "PNG", pnginfo=info)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("clear.png", out.getvalue(), content_type="image/png")
    assert client.post(SUBMIT_URL, {**typed(desk), "photos": [upload]}).status_code == 302
    with RequestPhoto.objects.get().image.open("rb") as stored:
        raw = stored.read()
    image = Image.open(io.BytesIO(raw))
    assert image.format == "PNG" and image.mode == "RGBA" and "Author" not in image.info


# --- Private storage, served after an access check, never public ------------------------------------------


def submit_with_photo(client, desk, **overrides):
    response = client.post(SUBMIT_URL, {**typed(desk, **overrides), "photos": [jpeg_with_gps()]})
    assert response.status_code == 302, html(response)
    request = ResidentRequest.objects.get(title=overrides.get("title", "东街口路灯坏了一个星期"))
    return request, request.photos.get()


def photo_url(request, photo):
    return f"/liuyan/photo/{request.tracking_number}/{photo.pk}/"


def test_photos_are_stored_outside_media_and_have_no_public_address(client, desk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    request, photo = submit_with_photo(client, desk)
    stored = Path(photo.image.path)
    assert stored.is_file() and stored.is_relative_to(tmp_path / "private")
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.jpg"))
    with pytest.raises(ValueError):
        photo.image.url  # noqa: B018 - no template can link around the check


def test_the_sender_and_staff_in_charge_see_a_photo_nobody_else(client, desk):
    request, photo = submit_with_photo(client, desk, is_public="yes")
    handling.accept(request, desk.county.town_a.editor)
    url = photo_url(request, photo)

    mine = client.get(url)  # the browser that sent it
    assert mine.status_code == 200 and mine["Content-Type"] == "image/jpeg"
    assert b"".join(mine.streaming_content).startswith(b"\xff\xd8")
    assert "private" in mine["Cache-Control"]
    assert f'src="{url}"' in html(client.get(detail_url(request.tracking_number)))

    assert Client().get(url).status_code == 404  # the public, even for a public request
    assert "/liuyan/photo/" not in html(Client().get(f"/liuyan/public/{request.tracking_number}/"))
    for user, expected in (
        (desk.county.town_a.editor, 200),  # the unit in charge
        (desk.county.county.head, 200),  # the county
        (desk.county.town_b.editor, 404),  # another town
    ):
        staff = Client()
        staff.force_login(user)
        assert staff.get(url).status_code == expected, user
    other = Client()
    other.post("/liuyan/query/", {"tracking_number": request.tracking_number, "password": "000000"})
    assert other.get(url).status_code == 404
    # A photo number that belongs to another request does not open with this tracking number.
    second, _ = desk.file()
    assert client.get(f"/liuyan/photo/{second.tracking_number}/{photo.pk}/").status_code == 404


def test_the_admin_links_photos_through_the_checked_view(client, desk):
    request, photo = submit_with_photo(client, desk)
    staff = Client()
    staff.force_login(desk.county.town_a.editor)
    page = html(staff.get(f"/admin/liuyan/{request.pk}/"))
    assert f'src="{photo_url(request, photo)}"' in page and "/media/" not in page
