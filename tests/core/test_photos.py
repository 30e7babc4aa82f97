"""The public-form photo kit: real images only, within a form's limits, re-encoded without metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import SkipFile
from PIL import ExifTags, Image

from townsquare.core import photos
from townsquare.core.photos import PhotoLimitsUploadHandler, PhotoRules, UploadProblems, clean_photo, clean_photos

RULES = PhotoRules(max_count=2, max_bytes=1024 * 1024, max_side=100, max_pixels=10_000)


def image_upload(name="shot.png", size=(40, 30), kind="PNG", mode="RGB", **save):
    out = io.BytesIO()
    Image.new(mode, size, "blue").save(out, kind, **save)
    return SimpleUploadedFile(name, out.getvalue())


def turned_jpeg_with_gps():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # to be shown turned 90° clockwise
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    return image_upload("phone.jpg", size=(64, 48), kind="JPEG", exif=exif, comment=b"taken at home")


def opened(photo):
    return Image.open(io.BytesIO(photo.content))


def messages(uploads, problems=None, rules=RULES):
    with pytest.raises(ValidationError) as caught:
        clean_photos(uploads, problems, rules)
    return caught.value.messages


@pytest.mark.parametrize(("size", "text"), [(5 * 1024 * 1024, "5"), (int(2.5 * 1024 * 1024), "2.5")])
def test_megabytes_are_written_as_residents_read_them(size, text):
    assert photos.megabytes(size) == text


def test_a_kept_photo_has_no_exif():
    assert not opened(clean_photo(turned_jpeg_with_gps(), RULES)).getexif()


def test_a_kept_photo_has_no_comment():
    assert "comment" not in opened(clean_photo(turned_jpeg_with_gps(), RULES)).info


def test_a_kept_photo_is_turned_upright_by_its_orientation():
    assert clean_photo(turned_jpeg_with_gps(), RULES).width == 48


def test_a_large_photo_is_scaled_down_to_the_longest_side():
    assert (clean_photo(image_upload(size=(200, 50)), RULES).width) == 100


def test_a_photo_with_transparency_stays_a_png():
    assert clean_photo(image_upload(mode="RGBA"), RULES).extension == "png"


def test_a_photo_without_transparency_becomes_a_jpeg():
    assert opened(clean_photo(image_upload(), RULES)).format == "JPEG"


def test_a_text_file_named_jpg_is_refused_by_name():
    upload = SimpleUploadedFile("notes.jpg", "这不是照片。".encode() * 20)
    assert messages([upload]) == ["“notes.jpg”不是能打开的照片。请上传 JPG、PNG、WebP 或 GIF 格式的图片。"]


def test_an_image_with_too_many_pixels_is_refused():
    assert messages([image_upload("huge.png", size=(200, 200))]) == [
        "照片“huge.png”的像素太多（200×200），请换一张小一点的照片。"
    ]


def test_a_photo_over_the_size_limit_is_refused_with_the_smaller_photo_hint():
    rules = PhotoRules(max_count=2, max_bytes=10, max_side=100, max_pixels=10_000)
    assert messages([image_upload("big.png")], rules=rules)[0].endswith(photos.SMALLER_PHOTO_HINT)


def test_too_many_photos_are_counted_with_those_the_handler_left_out():
    problems = UploadProblems(extra=1)
    assert messages([image_upload(), image_upload()], problems) == ["最多上传2张照片，您选了3张。"]


def test_too_many_photos_get_the_forms_own_hint():
    rules = PhotoRules(max_count=1, max_bytes=1024 * 1024, max_side=100, max_pixels=10_000, too_many_hint="只选一张。")
    assert messages([image_upload(), image_upload()], rules=rules) == ["最多上传1张照片，您选了2张。只选一张。"]


def test_a_photo_the_handler_found_too_big_is_named_with_the_forms_own_hint():
    rules = PhotoRules(max_count=2, max_bytes=1024 * 1024, max_side=100, max_pixels=10_000, too_big_hint="换一张。")
    problems = UploadProblems(too_big=["big.jpg"])
    assert messages([], problems, rules) == ["照片“big.jpg”太大了：每张不能超过1 MB。换一张。"]


def test_every_problem_is_listed_at_once():
    assert len(messages([image_upload("huge.png", size=(200, 200))], UploadProblems(too_big=["big.jpg"]))) == 2


def test_good_photos_are_all_kept():
    assert len(clean_photos([image_upload(), image_upload()], None, RULES)) == 2


def test_a_kept_photo_becomes_an_unsaved_model_under_a_random_name():
    class Model:
        def __init__(self, image, width, height):
            self.image = image

    assert clean_photo(image_upload("my-house.png"), RULES).to_model(Model).image.name != "my-house.jpg"


def handler(rules=RULES):
    return PhotoLimitsUploadHandler(rules=rules)


def test_the_handler_skips_a_photo_beyond_the_count():
    limits = handler()
    for name in ("a.png", "b.png", "c.png"):
        limits.new_file(photos.PHOTO_FIELD, name, "image/png", 10)
    with pytest.raises(SkipFile):
        limits.receive_data_chunk(b"x", 0)


def test_the_handler_counts_a_photo_beyond_the_count():
    limits = handler()
    for name in ("a.png", "b.png", "c.png"):
        limits.new_file(photos.PHOTO_FIELD, name, "image/png", 10)
    assert limits.problems.extra == 1


def test_the_handler_names_a_photo_over_the_size_limit():
    limits = handler(PhotoRules(max_count=2, max_bytes=4, max_side=100, max_pixels=10_000))
    limits.new_file(photos.PHOTO_FIELD, "big.png", "image/png", 10)
    with pytest.raises(SkipFile):
        limits.receive_data_chunk(b"12345", 0)
    assert limits.problems.too_big == ["big.png"]


def test_the_handler_passes_other_files_through():
    limits = handler(PhotoRules(max_count=0, max_bytes=1, max_side=100, max_pixels=10_000))
    limits.new_file("attachment", "notes.txt", "text/plain", 10)
    assert limits.receive_data_chunk(b"12345", 0) == b"12345"
